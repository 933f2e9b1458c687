package dev.tributary.gateway;

import dev.tributary.gateway.config.GatewayConfig;
import dev.tributary.infra.embedded.EmbeddedKafka;
import dev.tributary.infra.embedded.EmbeddedObjectStore;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.topic.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A real Kafka broker and S3 store on loopback, plus a gateway configuration pointing at them. */
public final class EmbeddedStack implements AutoCloseable {
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

  private final EmbeddedKafka kafka;
  private final EmbeddedObjectStore store;

  public EmbeddedStack(Path dir) {
    this.kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0);
    EmbeddedObjectStore s = null;
    try {
      s = EmbeddedObjectStore.start(dir.resolve("s3"), 0, "test-access", "test-secret");
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    this.store = s;
  }

  public GatewayConfig config() {
    return GatewayConfig.defaults()
        .withPort(0)
        .withIngestPartitions(2)
        .withBootstrapServers(kafka.bootstrapServers())
        .withS3Endpoint(store.endpoint())
        .withS3Credentials(store.accessKey(), store.secretKey())
        .withAdminToken(ADMIN_TOKEN)
        .withMaxChunkBytes(256 * 1024)
        .withMaxManifestBytes(64 * 1024);
  }

  public URI s3Endpoint() {
    return store.endpoint();
  }

  public String s3AccessKey() {
    return store.accessKey();
  }

  public String s3SecretKey() {
    return store.secretKey();
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** Every event on the ingest topic so far, decoded, in partition order. */
  public List<IngestEvent> ingestEvents() {
    List<IngestEvent> out = new ArrayList<>();
    for (byte[] value : ingestRecords()) {
      try {
        out.add(Topics.INGEST.codec().decode(value));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** Every record value on the ingest topic so far, as bytes, in partition order. */
  public List<byte[]> ingestRecords() {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.INGEST.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<byte[]> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read the ingest topic to its end");
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      store.close();
    } finally {
      kafka.close();
    }
  }
}
