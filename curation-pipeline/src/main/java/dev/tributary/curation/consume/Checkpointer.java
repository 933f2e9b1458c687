package dev.tributary.curation.consume;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.assembly.EpisodeAssembler;
import dev.tributary.curation.assembly.QuarantinedEpisode;
import dev.tributary.curation.verdict.Decision;
import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.VerdictStatus;
import dev.tributary.schema.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns what the next checkpoint records: the owned partitions' progress, the decided episodes and
 * quarantines waiting to be written, and the cycle that lands them. A cycle appends to {@code
 * frames}, then {@code episodes} (each snapshot recording NEXT and SAFE of every owned partition),
 * then publishes the verdicts, then commits the Kafka offsets: never an acknowledgement before the
 * data is durable (module README, "Exactly once: the protocol"). The arithmetic is in {@link
 * ProgressMath}. Consumer thread only.
 */
final class Checkpointer {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
  private static final String TOPIC = Topics.INGEST.name();

  private final Consumer<?, ?> consumer;
  private final TableCommitter committer;
  private final Publisher publisher;
  private final EpisodeAssembler assembler;
  private final HeldEpisodes held;
  private final PipelineMetrics metrics;
  private final long intervalMillis;
  private final LongSupplier clock;
  private final Map<Integer, PartitionProgress> owned = new HashMap<>();
  private final List<PendingEpisode> batch = new ArrayList<>();
  private final List<QuarantinedEpisode> quarantined = new ArrayList<>();
  private long lastCycleAt;
  private long lastTableCommitAt;

  /**
   * @param assembler read for the oldest incomplete episode of each partition (SAFE)
   * @param held read for the episode each partition holds (NEXT and SAFE caps)
   * @param clock monotonic milliseconds
   */
  Checkpointer(
      Consumer<?, ?> consumer,
      TableCommitter committer,
      Publisher publisher,
      EpisodeAssembler assembler,
      HeldEpisodes held,
      PipelineMetrics metrics,
      Duration interval,
      LongSupplier clock) {
    this.consumer = consumer;
    this.committer = committer;
    this.publisher = publisher;
    this.assembler = assembler;
    this.held = held;
    this.metrics = metrics;
    this.intervalMillis = interval.toMillis();
    this.clock = clock;
    this.lastCycleAt = clock.getAsLong();
    this.lastTableCommitAt = lastCycleAt;
  }

  /** The progress of an owned partition; null when this instance does not own it. */
  PartitionProgress partition(int partition) {
    return owned.get(partition);
  }

  Set<Integer> partitions() {
    return Set.copyOf(owned.keySet());
  }

  boolean owns(int partition) {
    return owned.containsKey(partition);
  }

  /** Starts tracking a newly assigned partition from what its tables recorded. */
  void own(PartitionProgress progress) {
    owned.put(progress.partition, progress);
  }

  /** Forgets a revoked or lost partition, and its decisions not committed yet. */
  void release(int partition) {
    owned.remove(partition);
    batch.removeIf(pe -> pe.episode().partition() == partition);
    quarantined.removeIf(q -> q.partition() == partition);
  }

  /** Queues a decision for the next commit, unless both tables already have it (a replay). */
  void decided(AssembledEpisode e, Decision d) {
    ProgressMath.pending(owned.get(e.partition()), e, d)
        .ifPresentOrElse(
            batch::add,
            () -> LOG.debug("episode {} was written before the last checkpoint", e.episodeId()));
  }

  /** Queues a quarantined episode's row and verdict for the next commit. */
  void quarantined(QuarantinedEpisode q) {
    quarantined.add(q);
  }

  /** Whether a commit interval has passed since the last cycle. */
  boolean cycleDue() {
    return clock.getAsLong() - lastCycleAt >= intervalMillis;
  }

  /**
   * Commits when something was decided, or when only offsets moved and the tables have been idle
   * for {@link ProgressMath#idleCommitMillis}.
   */
  void checkpoint() {
    cycle(false);
  }

  /** Commits everything, recorded progress included (close, rebalance). */
  void checkpointNow() {
    cycle(true);
  }

  /** Call after an assignment: snapshots from now on are checked for other writers' offsets. */
  void resetFence() {
    committer.resetFence();
  }

  /** What a checkpoint taken now would record, per owned partition. */
  Map<Integer, TableCommitter.Progress> progress() {
    Map<Integer, Long> inBatch = ProgressMath.lowestInBatch(batch, quarantined);
    Map<Integer, TableCommitter.Progress> out = new HashMap<>();
    for (PartitionProgress p : owned.values()) {
      Long first = inBatch.get(p.partition);
      out.put(
          p.partition,
          ProgressMath.next(
              p,
              held.of(p.partition),
              assembler.lowestPendingOffset(p.partition),
              first == null ? OptionalLong.empty() : OptionalLong.of(first)));
    }
    return out;
  }

  private void cycle(boolean forced) {
    lastCycleAt = clock.getAsLong();
    Map<Integer, TableCommitter.Progress> progress = progress();
    boolean moved = progress.values().stream().anyMatch(TableCommitter.Progress::changed);
    if (!ProgressMath.commitDue(
        !batch.isEmpty() || !quarantined.isEmpty(),
        moved,
        forced,
        lastCycleAt - lastTableCommitAt,
        ProgressMath.idleCommitMillis(intervalMillis))) {
      return;
    }
    long started = System.nanoTime();
    publisher.flush(); // dead letters are durable before their offsets are recorded
    committer.reached(CommitStage.CYCLE_STARTED);
    long curatedAt = System.currentTimeMillis() * 1000;
    committer.commit(batch, quarantined, progress, curatedAt);
    lastTableCommitAt = clock.getAsLong();
    for (TableCommitter.Progress pr : progress.values()) {
      PartitionProgress p = owned.get(pr.partition());
      p.nextEpisodes = pr.nextEpisodes();
      p.nextFrames = pr.nextFrames();
      p.safe = pr.safe();
    }
    publishVerdicts(curatedAt);
    committer.reached(CommitStage.VERDICTS_PUBLISHED);
    commitKafkaOffsets(progress);
    for (PendingEpisode pe : batch) {
      if (pe.toEpisodes()) {
        metrics.decided(pe.decision().status());
      }
    }
    for (int i = 0; i < quarantined.size(); i++) {
      metrics.decided(VerdictStatus.QUARANTINED);
    }
    if (!batch.isEmpty()) {
      LOG.debug(
          "committed {} episodes in {} ms",
          batch.size(),
          (System.nanoTime() - started) / 1_000_000);
    }
    batch.clear();
    quarantined.clear();
    metrics.committed(Duration.ofNanos(System.nanoTime() - started));
  }

  private void publishVerdicts(long decidedAtMicros) {
    for (PendingEpisode pe : batch) {
      if (pe.toEpisodes()) { // otherwise it went out with the checkpoint that wrote its row
        publisher.verdict(verdictOf(pe, decidedAtMicros));
      }
    }
    for (QuarantinedEpisode q : quarantined) {
      publisher.verdict(verdictOf(q, decidedAtMicros));
    }
    publisher.flush();
  }

  private static CurationVerdict verdictOf(PendingEpisode pe, long decidedAtMicros) {
    Decision d = pe.decision();
    Map<String, Double> scores = new HashMap<>();
    if (d.qualityScore() != null) {
      scores.put("quality", d.qualityScore());
    }
    if (d.signals().novelty() != null) {
      scores.put("novelty", d.signals().novelty());
    }
    return CurationVerdict.newBuilder()
        .setEpisodeId(pe.episode().episodeId())
        .setSiteId(pe.episode().siteId())
        .setStatus(d.status())
        .setReasons(d.reasons())
        .setDuplicateOf(d.duplicateOf())
        .setScores(scores)
        .setDecidedAtMicros(decidedAtMicros)
        .build();
  }

  private static CurationVerdict verdictOf(QuarantinedEpisode q, long decidedAtMicros) {
    return CurationVerdict.newBuilder()
        .setEpisodeId(q.episodeId())
        .setSiteId(q.siteId())
        .setStatus(VerdictStatus.QUARANTINED)
        .setReasons(q.reasons())
        .setDuplicateOf(null)
        .setScores(Map.of())
        .setDecidedAtMicros(decidedAtMicros)
        .build();
  }

  /** Kafka's committed offsets are for lag monitoring only: the tables hold the ones that count. */
  private void commitKafkaOffsets(Map<Integer, TableCommitter.Progress> progress) {
    if (progress.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TableCommitter.Progress p : progress.values()) {
      offsets.put(
          new TopicPartition(TOPIC, p.partition()), new OffsetAndMetadata(p.nextEpisodes()));
    }
    try {
      try {
        consumer.commitSync(offsets);
      } catch (WakeupException pendingStop) {
        consumer.commitSync(offsets); // stop() woke the consumer; the wakeup is spent now
      }
    } catch (KafkaException e) {
      LOG.warn(
          "committing Kafka offsets {} failed; lag metrics lag until the next cycle", offsets, e);
    }
  }
}
