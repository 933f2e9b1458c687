package dev.tributary.gateway.publish;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends one record and answers when the broker acknowledged it; {@link KafkaSender} in production.
 */
@FunctionalInterface
public interface EventSender {
  CompletableFuture<RecordMetadata> send(String topic, String key, byte[] value);
}
