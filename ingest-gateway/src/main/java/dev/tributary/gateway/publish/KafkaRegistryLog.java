package dev.tributary.gateway.publish;

import dev.tributary.gateway.auth.RegistryLog;
import dev.tributary.schema.RegistryEntry;
import dev.tributary.schema.topic.Topics;
import java.util.concurrent.CompletionStage;

/** The registry's durable log: the compacted {@link Topics#REGISTRY} topic. */
public final class KafkaRegistryLog implements RegistryLog {
  private final EventSender sender;

  public KafkaRegistryLog(EventSender sender) {
    this.sender = sender;
  }

  @Override
  public CompletionStage<Long> append(String key, RegistryEntry entry) {
    return sender
        .send(Topics.REGISTRY.name(), key, Topics.REGISTRY.codec().encode(entry))
        .thenApply(metadata -> metadata.offset());
  }
}
