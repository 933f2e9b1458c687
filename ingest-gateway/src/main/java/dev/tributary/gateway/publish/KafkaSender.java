package dev.tributary.gateway.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The gateway's one Kafka producer: idempotent, {@code acks=all}, compressed. {@link #send} never
 * waits: it answers a future completed by the producer's callback, on the producer's I/O thread.
 */
public final class KafkaSender implements EventSender, AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;

  /**
   * @param lingerMs {@code linger.ms}
   * @param compression {@code compression.type}
   * @param clientSettings further settings (TLS, SASL) passed as they are
   */
  public KafkaSender(
      String bootstrapServers,
      String gatewayId,
      int maxRecordBytes,
      int lingerMs,
      String compression,
      Map<String, String> clientSettings) {
    Map<String, Object> p =
        new HashMap<>(config(bootstrapServers, gatewayId, maxRecordBytes, lingerMs, compression));
    p.putAll(clientSettings);
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * The producer settings, public so that benchmarks compare against a raw producer configured
   * exactly like the gateway's.
   *
   * @param lingerMs {@code linger.ms} ({@code GatewayConfig.producerLingerMs})
   * @param compression {@code compression.type} ({@code GatewayConfig.producerCompression})
   */
  public static Map<String, Object> config(
      String bootstrapServers,
      String gatewayId,
      int maxRecordBytes,
      int lingerMs,
      String compression) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-gateway-" + gatewayId);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
    p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes);
    // The gateway bounds what it hands over (in-flight bytes) far below this, so send() does not
    // block the event loop waiting for buffer space.
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    // Metadata is fetched at start-up (warmUp); if it is ever missing, fail fast rather than
    // blocking the event loop for the default minute.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    return p;
  }

  /** Fetches the topics' metadata now, so the first send does not wait for it. */
  public void warmUp(List<String> topics) {
    for (String topic : topics) {
      producer.partitionsFor(topic);
    }
  }

  @Override
  public CompletableFuture<RecordMetadata> send(String topic, String key, byte[] value) {
    CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
    try {
      producer.send(
          new ProducerRecord<>(topic, key, value),
          (metadata, error) -> {
            if (error != null) {
              done.completeExceptionally(error);
            } else {
              done.complete(metadata);
            }
          });
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  /** Sends what is buffered and waits for the acks, then closes. */
  @Override
  public void close() {
    producer.flush();
    producer.close(Duration.ofSeconds(30));
  }
}
