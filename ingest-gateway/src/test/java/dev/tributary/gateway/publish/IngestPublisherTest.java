package dev.tributary.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.gateway.Fixtures;
import dev.tributary.gateway.error.Rejection;
import dev.tributary.gateway.limits.ByteBudget;
import dev.tributary.gateway.metrics.GatewayMetrics;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class IngestPublisherTest {
  record Sent(String topic, String key, byte[] value, CompletableFuture<RecordMetadata> ack) {}

  /** Holds every send until the test acknowledges or fails it. */
  static final class HeldSender implements EventSender {
    final List<Sent> sent = new ArrayList<>();

    @Override
    public CompletableFuture<RecordMetadata> send(String topic, String key, byte[] value) {
      CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
      sent.add(new Sent(topic, key, value, ack));
      return ack;
    }
  }

  static final String EP = "3f2b8c1e-0d4a-4c59-9a77-1b2c3d4e5f60";
  final HeldSender sender = new HeldSender();
  final GatewayMetrics metrics = new GatewayMetrics();
  final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

  static RecordMetadata metadata() {
    return new RecordMetadata(new TopicPartition(Topics.INGEST.name(), 0), 0, 0, 0, 0, 0);
  }

  @Test
  void theEventCarriesTheTokensSiteAndIsKeyedByEpisode() throws Exception {
    IngestPublisher publisher =
        new IngestPublisher(sender, "gw-7", new ByteBudget(1 << 20), metrics, clock);
    JointChunk chunk = Fixtures.chunk(EP, 0, 5);
    CompletableFuture<RecordMetadata> answer =
        publisher.publish("lisbon", EP, chunk, "chunk").toCompletableFuture();
    assertThat(answer).isNotDone();
    Sent sent = sender.sent.get(0);
    assertThat(sent.topic()).isEqualTo(Topics.INGEST.name());
    assertThat(sent.key()).isEqualTo(EP);
    IngestEvent event = Topics.INGEST.codec().decode(sent.value());
    assertThat(event.getSiteId()).isEqualTo("lisbon");
    assertThat(event.getGatewayId()).isEqualTo("gw-7");
    assertThat(event.getReceivedAtMicros()).isEqualTo(clock.instant().toEpochMilli() * 1000);
    assertThat(event.getPayload()).isEqualTo(chunk);
    sent.ack().complete(metadata());
    assertThat(answer).isCompleted();
  }

  @Test
  void anAlreadyEncodedChunkGoesOutAsTheSameBytesAsARecordWould() throws Exception {
    IngestPublisher publisher =
        new IngestPublisher(sender, "gw-7", new ByteBudget(1 << 20), metrics, clock);
    JointChunk chunk = Fixtures.chunk(EP, 4, 30);
    publisher.publish("lisbon", EP, chunk, "chunk");
    publisher.publishEncoded(
        "lisbon",
        EP,
        JointChunk.class,
        dev.tributary.schema.codec.AvroCodec.of(JointChunk.class).encode(chunk),
        "chunk");
    assertThat(sender.sent.get(1).value()).isEqualTo(sender.sent.get(0).value());
    assertThat(sender.sent.get(1).key()).isEqualTo(EP);
  }

  @Test
  void whenTooManyBytesWaitForKafkaNewEventsAreRefusedWith503() {
    IngestPublisher publisher =
        new IngestPublisher(sender, "gw", new ByteBudget(64 * 1024), metrics, clock);
    int accepted = 0;
    try {
      for (int i = 0; i < 1000; i++) {
        publisher.publish("lisbon", EP, Fixtures.chunk(EP, i, 200), "chunk");
        accepted++;
      }
    } catch (Rejection r) {
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.reason()).isEqualTo("ingest_backlog");
      assertThat(r.retryAfterSeconds()).isPositive();
    }
    assertThat(accepted).isBetween(1, 999);
    sender.sent.forEach(s -> s.ack().complete(metadata()));
    publisher.publish("lisbon", EP, Fixtures.chunk(EP, 0, 200), "chunk");
  }

  @Test
  void aBrokerFailureBecomes503WithRetryAfterAndTooLargeBecomes413() {
    IngestPublisher publisher =
        new IngestPublisher(sender, "gw", new ByteBudget(1 << 20), metrics, clock);
    CompletableFuture<RecordMetadata> down =
        publisher.publish("lisbon", EP, Fixtures.chunk(EP, 0, 5), "chunk").toCompletableFuture();
    CompletableFuture<RecordMetadata> large =
        publisher.publish("lisbon", EP, Fixtures.chunk(EP, 1, 5), "chunk").toCompletableFuture();
    sender.sent.get(0).ack().completeExceptionally(new NotEnoughReplicasException("isr"));
    sender.sent.get(1).ack().completeExceptionally(new RecordTooLargeException("big"));
    assertThatThrownBy(down::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            Rejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(503);
              assertThat(r.reason()).isEqualTo("kafka_unavailable");
              assertThat(r.retryAfterSeconds()).isPositive();
            });
    assertThatThrownBy(large::join)
        .cause()
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(413));
  }
}
