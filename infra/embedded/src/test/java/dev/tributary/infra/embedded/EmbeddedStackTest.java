package dev.tributary.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.schema.topic.TopicInstaller;
import dev.tributary.schema.topic.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class EmbeddedStackTest {
  @TempDir Path dir;

  @Test
  void brokerKeepsRecordsAcrossARestart() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0)) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        TopicInstaller.ensure(admin, 2, (short) 1);
        assertThat(admin.listTopics().names().get()).contains(Topics.INGEST.name());
      }
      try (var producer =
          new KafkaProducer<>(
              Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
              new StringSerializer(),
              new StringSerializer())) {
        producer.send(new ProducerRecord<>(Topics.INGEST.name(), "k", "v")).get();
      }
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0);
        var consumer =
            new KafkaConsumer<>(
                Map.<String, Object>of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "group.id", "t",
                    "auto.offset.reset", "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.INGEST.name()));
      int seen = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen == 0 && System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
        seen += records.count();
      }
      assertThat(seen).isEqualTo(1);
    }
  }

  @Test
  void objectStoreServesTheS3Api() {
    try (EmbeddedObjectStore store = EmbeddedObjectStore.start(dir.resolve("s3"), 0, "ak", "sk");
        S3Client s3 =
            S3Client.builder()
                .endpointOverride(store.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("ak", "sk")))
                .build()) {
      s3.createBucket(b -> b.bucket("videos"));
      s3.putObject(b -> b.bucket("videos").key("a/b.mp4"), RequestBody.fromString("hello"));
      assertThat(s3.getObjectAsBytes(b -> b.bucket("videos").key("a/b.mp4")).asUtf8String())
          .isEqualTo("hello");
      assertThat(dir.resolve("s3/videos/a/b.mp4")).exists();
    }
  }

  @Test
  void aTakenPortGivesAOneLineReason() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(
              () -> EmbeddedObjectStore.start(dir.resolve("s3"), taken.getLocalPort(), "a", "b"))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("--s3-port")
          .hasMessageContaining(String.valueOf(taken.getLocalPort()));
    }
  }
}
