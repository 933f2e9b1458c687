package dev.tributary.gateway.publish;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.gateway.limits.ByteBudget;
import dev.tributary.gateway.metrics.GatewayMetrics;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps an accepted payload in an {@link IngestEvent} (site from the token, never from the body)
 * and publishes it to {@link Topics#INGEST} keyed by episode id. The answer completes only when the
 * broker acknowledged; a full in-flight budget is refused at once with 503.
 */
public final class IngestPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPublisher.class);
  static final int RETRY_AFTER_BACKLOG_SECONDS = 1;
  static final int RETRY_AFTER_KAFKA_DOWN_SECONDS = 5;

  private final EventSender sender;
  private final String gatewayId;
  private final IngestEnvelope envelope;
  private final ByteBudget budget;
  private final GatewayMetrics metrics;
  private final Clock clock;

  public IngestPublisher(
      EventSender sender,
      String gatewayId,
      ByteBudget budget,
      GatewayMetrics metrics,
      Clock clock) {
    this.sender = sender;
    this.gatewayId = gatewayId;
    this.envelope = new IngestEnvelope(gatewayId);
    this.budget = budget;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * @param payload an EpisodeManifest, JointChunk, VideoSegment or EpisodeCommit
   * @param kind for logs and metrics: manifest, chunk, video, commit
   * @throws Rejection 503 when too many bytes are already waiting for the broker
   */
  public CompletionStage<RecordMetadata> publish(
      String siteId, String episodeId, Object payload, String kind) {
    IngestEvent event =
        IngestEvent.newBuilder()
            .setSiteId(siteId)
            .setEpisodeId(episodeId)
            .setReceivedAtMicros(nowMicros())
            .setGatewayId(gatewayId)
            .setPayload(payload)
            .build();
    byte[] bytes = Topics.INGEST.codec().encode(event);
    acquire(bytes.length);
    return send(siteId, episodeId, bytes, kind);
  }

  /**
   * Like {@link #publish} for a payload already in its canonical encoding: its bytes are spliced
   * into the envelope instead of being serialised again (same bytes on Kafka).
   *
   * @param type the payload's record class (a branch of {@code IngestEvent.payload})
   * @param canonical the payload's canonical single-object encoding with its current schema
   */
  public CompletionStage<RecordMetadata> publishEncoded(
      String siteId,
      String episodeId,
      Class<? extends SpecificRecord> type,
      byte[] canonical,
      String kind) {
    byte[] bytes =
        envelope.wrap(siteId, episodeId, nowMicros(), envelope.branchOf(type), canonical);
    acquire(bytes.length);
    return send(siteId, episodeId, bytes, kind);
  }

  /** A payload's canonical single-object encoding: {@code length} bytes of {@code bytes}. */
  public record Encoded(byte[] bytes, int offset, int length) {}

  /**
   * Publishes several payloads of one episode, one event each, as {@link #publishEncoded} would,
   * but takes the in-flight byte budget for all of them at once: either all are handed to the
   * producer or none is (503), so a full budget never leaves half a batch sent.
   *
   * @return one stage per payload, in order, each completing when the broker acknowledged it
   * @throws Rejection 503 when the payloads do not fit in the in-flight budget
   */
  public List<CompletableFuture<RecordMetadata>> publishEncodedAll(
      String siteId,
      String episodeId,
      Class<? extends SpecificRecord> type,
      List<Encoded> payloads,
      String kind) {
    int branch = envelope.branchOf(type);
    long receivedAt = nowMicros();
    List<byte[]> records = new ArrayList<>(payloads.size());
    long total = 0;
    for (Encoded payload : payloads) {
      byte[] bytes =
          envelope.wrap(
              siteId,
              episodeId,
              receivedAt,
              branch,
              payload.bytes(),
              payload.offset(),
              payload.length());
      records.add(bytes);
      total += bytes.length;
    }
    acquire(total);
    List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(records.size());
    for (byte[] bytes : records) {
      acks.add(send(siteId, episodeId, bytes, kind).toCompletableFuture());
    }
    return acks;
  }

  private long nowMicros() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** Takes {@code bytes} of the in-flight budget, or refuses the request with 503. */
  private void acquire(long bytes) {
    if (!budget.tryAcquire(bytes)) {
      throw Rejection.retryLater(
          503,
          "ingest_backlog",
          "the gateway has "
              + budget.used()
              + " bytes waiting for Kafka (limit "
              + budget.limit()
              + "): retry after the Retry-After delay",
          RETRY_AFTER_BACKLOG_SECONDS);
    }
  }

  /** Sends bytes whose budget was taken; the budget is given back when the broker answers. */
  private CompletionStage<RecordMetadata> send(
      String siteId, String episodeId, byte[] bytes, String kind) {
    long start = System.nanoTime();
    return sender
        .send(Topics.INGEST.name(), episodeId, bytes)
        .handle(
            (metadata, error) -> {
              budget.release(bytes.length);
              metrics.produceLatency().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
              if (error != null) {
                throw failure(siteId, episodeId, kind, unwrap(error));
              }
              metrics.accepted(siteId, kind);
              return metadata;
            });
  }

  private static Rejection failure(String siteId, String episodeId, String kind, Throwable error) {
    if (error instanceof RecordTooLargeException) {
      return Rejection.of(
          413,
          "record_too_large",
          "Kafka refused the "
              + kind
              + " as too large: send smaller chunks ("
              + error.getMessage()
              + ")");
    }
    LOG.warn(
        "publish: {} of episode {} from site {} was not acknowledged by Kafka ({}); answering 503,"
            + " the recorder will retry",
        kind,
        episodeId,
        siteId,
        error.toString());
    return Rejection.retryLater(
        503,
        "kafka_unavailable",
        "Kafka did not acknowledge the event ("
            + error.getClass().getSimpleName()
            + "): nothing was accepted, retry after the Retry-After delay",
        RETRY_AFTER_KAFKA_DOWN_SECONDS);
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}
