package dev.tributary.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.gateway.Fixtures;
import dev.tributary.gateway.error.Rejection;
import dev.tributary.gateway.limits.ByteBudget;
import dev.tributary.gateway.metrics.GatewayMetrics;
import dev.tributary.gateway.publish.EpisodeIntake.BatchAccepted;
import dev.tributary.gateway.publish.IngestPublisherTest.HeldSender;
import dev.tributary.gateway.status.EpisodeLedger;
import dev.tributary.gateway.status.VerdictBoard;
import dev.tributary.gateway.validation.ChunkBatch;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.codec.AvroCodec;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Test;

/** The batch route's semantics without HTTP: check all first, publish each, remember each. */
class EpisodeIntakeBatchTest {
  static final AvroCodec<JointChunk> CODEC = AvroCodec.of(JointChunk.class);
  static final String EP = IngestPublisherTest.EP;
  static final ChunkBatch LIMITS = new ChunkBatch(64, 4 * 1024 * 1024);

  final HeldSender sender = new HeldSender();
  final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  final EpisodeIntake intake = intake(new ByteBudget(1 << 20));

  EpisodeIntake intake(ByteBudget budget) {
    return intake(sender, budget);
  }

  EpisodeIntake intake(HeldSender to, ByteBudget budget) {
    IngestPublisher publisher =
        new IngestPublisher(to, "gw-7", budget, new GatewayMetrics(), clock);
    return new EpisodeIntake(
        publisher,
        new EpisodeLedger(100),
        new VerdictBoard(100),
        null,
        Runnable::run,
        Duration.ofMinutes(15),
        8 << 20);
  }

  static byte[] batch(JointChunk... chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (JointChunk chunk : chunks) {
      out.writeBytes(CODEC.encode(chunk));
    }
    return out.toByteArray();
  }

  CompletableFuture<BatchAccepted> send(byte[] body) {
    return intake.chunks("lisbon", EP, LIMITS.split(body)).toCompletableFuture();
  }

  void ackAll() {
    sender.sent.forEach(s -> s.ack().complete(IngestPublisherTest.metadata()));
  }

  @Test
  void eachChunkBecomesTheEventItWouldBeAloneAndTheAnswerWaitsForEveryAck() {
    JointChunk[] chunks = {
      Fixtures.chunk(EP, 4, 10), Fixtures.chunk(EP, 5, 10), Fixtures.chunk(EP, 6, 10)
    };
    CompletableFuture<BatchAccepted> answer = send(batch(chunks));
    assertThat(sender.sent).hasSize(3);
    sender.sent.get(0).ack().complete(IngestPublisherTest.metadata());
    sender.sent.get(2).ack().complete(IngestPublisherTest.metadata());
    assertThat(answer).isNotDone();
    sender.sent.get(1).ack().complete(IngestPublisherTest.metadata());
    assertThat(answer.join().sequences()).containsExactly(4, 5, 6);

    // The same chunks sent one by one (to a fresh intake) give the same Kafka bytes.
    HeldSender single = new HeldSender();
    EpisodeIntake alone = intake(single, new ByteBudget(1 << 20));
    for (JointChunk chunk : chunks) {
      alone.chunk("lisbon", EP, String.valueOf(chunk.getSequence()), CODEC.encode(chunk));
    }
    for (int i = 0; i < 3; i++) {
      assertThat(sender.sent.get(i).value()).isEqualTo(single.sent.get(i).value());
      assertThat(sender.sent.get(i).key()).isEqualTo(EP);
    }
  }

  @Test
  void oneInvalidChunkRefusesTheBatchNamingItsIndexAndSequenceAndPublishesNothing() {
    JointChunk empty = Fixtures.chunk(EP, 8, 10);
    empty.setCaptureMonoNanos(List.of());
    Rejection r =
        catchThrowableOfType(() -> send(batch(Fixtures.chunk(EP, 7, 10), empty)), Rejection.class);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.reason()).isEqualTo("empty_chunk");
    assertThat(r.getMessage()).startsWith("chunk [1] (sequence 8) of the batch: ");
    assertThat(sender.sent).isEmpty();

    Rejection other =
        catchThrowableOfType(
            () ->
                send(
                    batch(
                        Fixtures.chunk(Fixtures.newEpisodeId(), 1, 10), Fixtures.chunk(EP, 2, 5))),
            Rejection.class);
    assertThat(other.reason()).isEqualTo("episode_id_mismatch");
    assertThat(other.getMessage()).startsWith("chunk [0] (sequence 1)");
    assertThat(sender.sent).isEmpty();
  }

  @Test
  void aSequenceTwiceInOneBatchIs400() {
    Rejection r =
        catchThrowableOfType(
            () ->
                send(
                    batch(
                        Fixtures.chunk(EP, 1, 10),
                        Fixtures.chunk(EP, 2, 10),
                        Fixtures.chunk(EP, 1, 10))),
            Rejection.class);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.reason()).isEqualTo("duplicate_sequence");
    assertThat(r.getMessage()).startsWith("chunk [2] (sequence 1)");
    assertThat(sender.sent).isEmpty();
  }

  @Test
  void afterAPartialPublishFailureResendingTheBatchPublishesOnlyWhatIsMissing() {
    byte[] body =
        batch(Fixtures.chunk(EP, 0, 10), Fixtures.chunk(EP, 1, 10), Fixtures.chunk(EP, 2, 10));
    CompletableFuture<BatchAccepted> first = send(body);
    sender.sent.get(0).ack().complete(IngestPublisherTest.metadata());
    sender.sent.get(1).ack().completeExceptionally(new NotEnoughReplicasException("isr"));
    sender.sent.get(2).ack().complete(IngestPublisherTest.metadata());
    assertThatThrownBy(first::join)
        .cause()
        .isInstanceOfSatisfying(
            Rejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(503);
              assertThat(r.reason()).isEqualTo("kafka_unavailable");
            });

    CompletableFuture<BatchAccepted> again = send(body);
    assertThat(sender.sent).hasSize(4); // only chunk 1 went out again
    assertThat(sender.sent.get(3).value()).isEqualTo(sender.sent.get(1).value());
    sender.sent.get(3).ack().complete(IngestPublisherTest.metadata());
    assertThat(again.join().sequences()).containsExactly(0, 1, 2);

    CompletableFuture<BatchAccepted> third = send(body);
    assertThat(third).isCompleted();
    assertThat(sender.sent).hasSize(4);
  }

  @Test
  void aChunkResentWithOtherContentGetsTheSingleRoutesConflict() {
    send(batch(Fixtures.chunk(EP, 0, 10)));
    ackAll();
    JointChunk changed = Fixtures.chunk(EP, 0, 10);
    changed.getState().get(0).set(0, 42f);
    Rejection r =
        catchThrowableOfType(
            () -> send(batch(Fixtures.chunk(EP, 1, 10), changed)), Rejection.class);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.reason()).isEqualTo("conflicting_resend");
    assertThat(r.getMessage()).startsWith("chunk [1] (sequence 0)");
    Rejection otherSite =
        catchThrowableOfType(
            () -> intake.chunks("porto", EP, LIMITS.split(batch(Fixtures.chunk(EP, 1, 10)))),
            Rejection.class);
    assertThat(otherSite.status()).isEqualTo(403);
    assertThat(sender.sent).hasSize(1);
  }

  @Test
  void aBatchThatDoesNotFitTheInFlightBudgetIsRefusedWholeWith503() {
    EpisodeIntake small = intake(new ByteBudget(64 * 1024));
    // Something else is in flight, so the budget cannot be overdrawn.
    small.chunk("lisbon", EP, "0", CODEC.encode(Fixtures.chunk(EP, 0, 200)));
    JointChunk[] chunks = new JointChunk[10];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = Fixtures.chunk(EP, i + 1, 200);
    }
    Rejection r =
        catchThrowableOfType(
            () -> small.chunks("lisbon", EP, LIMITS.split(batch(chunks))), Rejection.class);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.reason()).isEqualTo("ingest_backlog");
    assertThat(sender.sent).hasSize(1);
  }
}
