package dev.tributary.curation.consume;

import dev.tributary.schema.VerdictStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters of the pipeline, kept both as plain numbers (for {@code stats()}) and as Micrometer
 * meters named {@code tributary.curation.*}. Written by the consumer thread, read by anyone.
 */
public final class PipelineMetrics {
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong redelivered = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicInteger buffered = new AtomicInteger();
  private final AtomicInteger storeUnavailable = new AtomicInteger();
  private final AtomicInteger heldEpisodes = new AtomicInteger();
  private final AtomicLong storeRetries = new AtomicLong();
  private final AtomicReference<Instant> lastCommit = new AtomicReference<>();
  private final Map<VerdictStatus, AtomicLong> byVerdict = new EnumMap<>(VerdictStatus.class);
  private final Map<VerdictStatus, Counter> verdictCounters = new EnumMap<>(VerdictStatus.class);
  private final Counter eventsCounter;
  private final Counter deadLetterCounter;
  private final Counter redeliveredCounter;
  private final Timer commitTimer;
  private final Counter storeRetryCounter;
  private final AtomicLong caughtUp = new AtomicLong();
  private final Counter caughtUpCounter;

  public PipelineMetrics(MeterRegistry registry) {
    for (VerdictStatus s : VerdictStatus.values()) {
      byVerdict.put(s, new AtomicLong());
      verdictCounters.put(
          s,
          Counter.builder("tributary.curation.episodes")
              .description("Episodes decided, by verdict (quarantined ones included)")
              .tag("verdict", s.name())
              .register(registry));
    }
    eventsCounter =
        Counter.builder("tributary.curation.events.consumed")
            .description("Ingest records read from Kafka")
            .register(registry);
    deadLetterCounter =
        Counter.builder("tributary.curation.dead.letters")
            .description("Records sent to the dead-letter topic")
            .register(registry);
    redeliveredCounter =
        Counter.builder("tributary.curation.events.redelivered")
            .description("Events of already-decided episodes, skipped")
            .register(registry);
    commitTimer =
        Timer.builder("tributary.curation.commit.latency")
            .description("Duration of a commit cycle: both Iceberg commits, verdicts, offsets")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    registry.gauge("tributary.curation.buffered.episodes", buffered);
    Gauge.builder(
            "tributary.curation.video.store.unavailable", storeUnavailable, AtomicInteger::get)
        .description(
            "1 while episodes are held because the video object store does not answer, else 0")
        .register(registry);
    Gauge.builder("tributary.curation.video.held.episodes", heldEpisodes, AtomicInteger::get)
        .description("Complete episodes held undecided (one per paused partition) in an outage")
        .register(registry);
    storeRetryCounter =
        Counter.builder("tributary.curation.video.store.retries")
            .description("Attempts to decide again an episode held by an object store outage")
            .register(registry);
    caughtUpCounter =
        Counter.builder("tributary.curation.indexes.caught.up")
            .description("Episodes decided by other instances of the group added to the indexes")
            .register(registry);
  }

  void caughtUp(int episodes) {
    caughtUp.addAndGet(episodes);
    caughtUpCounter.increment(episodes);
  }

  /** Episodes decided by other instances that this one added to its indexes so far. */
  public long caughtUp() {
    return caughtUp.get();
  }

  void eventConsumed() {
    events.incrementAndGet();
    eventsCounter.increment();
  }

  void deadLettered() {
    deadLetters.incrementAndGet();
    deadLetterCounter.increment();
  }

  void redeliveredEvent() {
    redelivered.incrementAndGet();
    redeliveredCounter.increment();
  }

  void decided(VerdictStatus status) {
    byVerdict.get(status).incrementAndGet();
    verdictCounters.get(status).increment();
  }

  void buffered(int episodes) {
    buffered.set(episodes);
  }

  void storeUnavailable(boolean unavailable, int held) {
    storeUnavailable.set(unavailable ? 1 : 0);
    heldEpisodes.set(held);
  }

  void storeRetried() {
    storeRetries.incrementAndGet();
    storeRetryCounter.increment();
  }

  void committed(Duration took) {
    commits.incrementAndGet();
    lastCommit.set(Instant.now());
    commitTimer.record(took);
  }

  public long events() {
    return events.get();
  }

  public long deadLetters() {
    return deadLetters.get();
  }

  public long redelivered() {
    return redelivered.get();
  }

  public long commits() {
    return commits.get();
  }

  public int buffered() {
    return buffered.get();
  }

  /** Whether episodes are held right now because the video store does not answer. */
  public boolean storeUnavailable() {
    return storeUnavailable.get() == 1;
  }

  public int heldEpisodes() {
    return heldEpisodes.get();
  }

  public long storeRetries() {
    return storeRetries.get();
  }

  public Instant lastCommit() {
    return lastCommit.get();
  }

  /** Episodes with this verdict written (or quarantined) so far. */
  public long verdicts(VerdictStatus status) {
    return byVerdict.get(status).get();
  }
}
