package dev.tributary.curation.consume;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.assembly.EpisodeAssembler;
import dev.tributary.curation.assembly.QuarantinedEpisode;
import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.dedup.ExactDuplicateIndex;
import dev.tributary.curation.iceberg.EpisodeIndexLoader;
import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.iceberg.TableMaintenance;
import dev.tributary.curation.iceberg.TableMaintenanceConfig;
import dev.tributary.curation.iceberg.TableOffsets;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.verdict.CurationMemory;
import dev.tributary.curation.verdict.Decision;
import dev.tributary.curation.verdict.EpisodeDecider;
import dev.tributary.curation.video.VideoStoreUnavailableException;
import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.DeadLetter;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.VerdictStatus;
import dev.tributary.schema.codec.InvalidPayloadException;
import dev.tributary.schema.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: reads ingest events, assembles and decides episodes, and every commit
 * interval lands them in Iceberg exactly once (see the module README for the protocol). All state
 * is confined to this thread; {@link #stop()} is the only call from outside.
 */
public final class CurationLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(CurationLoop.class);
  private static final String TOPIC = Topics.INGEST.name();

  private final PipelineConfig config;
  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> producer;
  private final LakeTables tables;
  private final EpisodeAssembler assembler;
  private final QualityChecker quality;
  private final PipelineMetrics metrics;
  private final TableCommitter committer;
  private final Map<Integer, PartitionProgress> owned = new HashMap<>();
  private final List<PendingEpisode> batch = new ArrayList<>();
  private final List<QuarantinedEpisode> quarantined = new ArrayList<>();
  private final HeldEpisodes held;
  private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
  private final AtomicReference<String> failure = new AtomicReference<>();
  private CurationMemory memory = CurationMemory.empty();
  // The episodes snapshot the memory has seen: rebuilt at assignment, caught up every cycle.
  private long indexedSnapshot = EpisodeIndexLoader.NO_SNAPSHOT;
  private EpisodeDecider decider;
  private volatile boolean running = true;
  private volatile boolean ownsFirstPartition;
  private volatile boolean alive = true;
  // Set once the loop has left its main path: closing the consumer then calls the rebalance
  // listener, which must not commit (after a crash the in-memory batch may be half committed).
  private boolean closing;
  private long lastCycleAt = monotonicMillis();
  private long nextMaintenanceAt = monotonicMillis() + MAINTENANCE_INTERVAL_MILLIS;
  private final TableMaintenance maintenance;

  /** How often the instance owning partition 0 compacts and expires the curated tables. */
  static final long MAINTENANCE_INTERVAL_MILLIS = 5 * 60_000;

  private long lastTableCommitAt = monotonicMillis();

  public CurationLoop(
      PipelineConfig config,
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer,
      LakeTables tables,
      QualityChecker quality,
      PipelineMetrics metrics,
      CommitStageListener listener) {
    this.config = config;
    this.consumer = consumer;
    this.producer = producer;
    this.tables = tables;
    this.assembler = new EpisodeAssembler(config.assemblyTimeout(), config.maxBufferedEpisodes());
    this.quality = quality;
    this.metrics = metrics;
    this.committer = new TableCommitter(tables, config.instanceId(), listener);
    this.decider = new EpisodeDecider(memory, quality);
    this.held = new HeldEpisodes(config.storeRetry(), metrics);
    this.maintenance = new TableMaintenance(TableMaintenanceConfig.defaults(), config.instanceId());
  }

  @Override
  public void run() {
    boolean clean = false;
    try {
      consumer.subscribe(List.of(TOPIC), new Rebalance());
      long pollMillis = Math.min(100, config.commitInterval().toMillis());
      while (running) {
        ConsumerRecords<String, byte[]> records;
        try {
          records = consumer.poll(Duration.ofMillis(pollMillis));
        } catch (WakeupException e) {
          continue; // stop() woke us; the loop condition decides
        }
        for (ConsumerRecord<String, byte[]> rec : records) {
          handle(rec);
        }
        retryHeldIfDue();
        for (QuarantinedEpisode q : assembler.expire(held.assemblyClock(monotonicMillis()))) {
          quarantine(q);
        }
        metrics.buffered(assembler.bufferedEpisodes());
        if (monotonicMillis() - lastCycleAt >= config.commitInterval().toMillis()) {
          commitCycle(false);
          maintainIfDue();
          catchUp();
        }
      }
      commitCycle(true);
      clean = true;
    } catch (Exception | Error e) {
      failure.set(e.toString());
      LOG.error(
          "curation loop of {} stopped without committing its in-flight work: {}. Restart the"
              + " pipeline; it resumes from the offsets recorded in the Iceberg tables",
          config.instanceId(),
          e.toString(),
          e);
    } finally {
      closing = true;
      closeClients(clean);
      alive = false;
    }
  }

  /** Asks the loop to commit what is complete and stop; returns at once. */
  public void stop() {
    running = false;
    if (alive) {
      try {
        consumer.wakeup();
      } catch (RuntimeException e) {
        // the loop is closing the consumer right now; it stops by itself
      }
    }
  }

  public boolean alive() {
    return alive;
  }

  /**
   * Whether this instance owns ingest partition 0 right now: the one instance of a group that runs
   * group-wide chores (the statistics refresh).
   */
  public boolean ownsFirstPartition() {
    return ownsFirstPartition;
  }

  public String failure() {
    return failure.get();
  }

  private void handle(ConsumerRecord<String, byte[]> rec) {
    PartitionProgress p = owned.get(rec.partition());
    if (p == null) {
      return; // revoked meanwhile; its new owner reads it
    }
    if (held.isHeld(rec.partition())) {
      return; // fetched before the pause; the consumer was rewound to re-read it after the resume
    }
    p.position = rec.offset() + 1;
    metrics.eventConsumed();
    IngestEvent event;
    try {
      event = Topics.INGEST.codec().decode(rec.value());
    } catch (InvalidPayloadException e) {
      deadLetter(rec, p, e.reasonCode() + ": " + e.getMessage());
      return;
    }
    if (memory.exact().isDecided(event.getEpisodeId())) {
      metrics.redeliveredEvent();
      LOG.debug(
          "skipping {} of already-decided episode {} at {}-{}@{}",
          event.getPayload().getClass().getSimpleName(),
          event.getEpisodeId(),
          rec.topic(),
          rec.partition(),
          rec.offset());
      return;
    }
    assembler
        .accept(event, rec.partition(), rec.offset(), held.assemblyClock(monotonicMillis()))
        .ifPresent(this::decideOrHold);
  }

  private void decideOrHold(AssembledEpisode e) {
    Decision d;
    try {
      d = decider.decide(e);
    } catch (VideoStoreUnavailableException unavailable) {
      hold(e, unavailable);
      return;
    }
    decided(e, d);
  }

  /**
   * The store did not answer while {@code e} was decided (the decider's memory is unchanged): keep
   * the episode undecided, pause its partition and rewind it to the event after the completing one,
   * so that nothing of the partition is handled past it until it is decided. Its completing offset
   * caps the partition's NEXT and its first offset its SAFE ({@link #progress()}), so commits of
   * other work never record it as decided and a restart re-assembles it. The consumer keeps polling
   * (group membership, other partitions).
   */
  private void hold(AssembledEpisode e, VideoStoreUnavailableException why) {
    held.hold(e, why, monotonicMillis());
    TopicPartition tp = new TopicPartition(TOPIC, e.partition());
    consumer.pause(List.of(tp));
    consumer.seek(tp, e.completingOffset() + 1);
  }

  /**
   * Decides the held episodes again once the outage's current delay has passed, in partition order,
   * stopping at the first that still fails (the store is still down: the others would fail too).
   */
  private void retryHeldIfDue() {
    if (!held.retryDue(monotonicMillis())) {
      return;
    }
    for (AssembledEpisode e : held.inRetryOrder()) {
      held.retrying();
      Decision d;
      try {
        d = decider.decide(e);
      } catch (VideoStoreUnavailableException still) {
        held.retryFailed(still, monotonicMillis());
        return;
      }
      held.decided(e.partition(), monotonicMillis());
      consumer.resume(List.of(new TopicPartition(TOPIC, e.partition())));
      decided(e, d);
    }
  }

  private void decided(AssembledEpisode e, Decision d) {
    PartitionProgress p = owned.get(e.partition());
    boolean toEpisodes = e.completingOffset() >= p.nextEpisodes;
    boolean toFrames = d.keepsFrames() && e.completingOffset() >= p.nextFrames;
    if (!toEpisodes && !toFrames) {
      LOG.debug("episode {} was written before the last checkpoint; skipping", e.episodeId());
      return;
    }
    batch.add(new PendingEpisode(e, d, toEpisodes, toFrames));
  }

  private void quarantine(QuarantinedEpisode q) {
    LOG.info(
        "quarantining episode {} of site {} (partition {}): {}",
        q.episodeId(),
        q.siteId(),
        q.partition(),
        q.reasons());
    // late events of a quarantined episode are ignored
    memory.exact().record(q.episodeId(), null, ExactDuplicateIndex.Status.OTHER);
    quarantined.add(q);
  }

  private void deadLetter(ConsumerRecord<String, byte[]> rec, PartitionProgress p, String reason) {
    if (rec.offset() < p.handledBefore()) {
      return; // dead-lettered before the last checkpoint
    }
    LOG.warn(
        "poison record at {}-{}@{} goes to {}: {}",
        rec.topic(),
        rec.partition(),
        rec.offset(),
        Topics.DEAD_LETTER.name(),
        reason);
    DeadLetter dl =
        DeadLetter.newBuilder()
            .setSourceTopic(rec.topic())
            .setSourcePartition(rec.partition())
            .setSourceOffset(rec.offset())
            .setReason(reason)
            .setValue(ByteBuffer.wrap(rec.value() == null ? new byte[0] : rec.value()))
            .setFailedAtMicros(nowMicros())
            .build();
    String key = rec.topic() + "/" + rec.partition() + "/" + rec.offset();
    send(Topics.DEAD_LETTER.name(), key, Topics.DEAD_LETTER.codec().encode(dl));
    metrics.deadLettered();
  }

  private void send(String topic, String key, byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (meta, e) -> {
          if (e != null) {
            sendFailure.compareAndSet(null, e);
          }
        });
  }

  /**
   * Writes the batch to both tables with the progress of every owned partition, then publishes the
   * verdicts and commits the Kafka offsets. Order matters: see the README.
   *
   * @param force commit recorded progress even when nothing was decided (close, revocation)
   */
  private void commitCycle(boolean force) {
    lastCycleAt = monotonicMillis();
    boolean idleDue =
        lastCycleAt - lastTableCommitAt
            >= Math.max(30_000, 10 * config.commitInterval().toMillis());
    Map<Integer, TableCommitter.Progress> progress = progress();
    boolean advanced = progress.values().stream().anyMatch(TableCommitter.Progress::changed);
    if (batch.isEmpty() && quarantined.isEmpty() && !(advanced && (force || idleDue))) {
      return;
    }
    long started = System.nanoTime();
    producer.flush(); // dead letters are durable before their offsets are recorded
    throwIfSendFailed();
    committer.reached(CommitStage.CYCLE_STARTED);
    long curatedAt = nowMicros();
    if (!batch.isEmpty() || !quarantined.isEmpty() || advanced) {
      committer.commit(batch, quarantined, progress, curatedAt);
      lastTableCommitAt = monotonicMillis();
      for (TableCommitter.Progress pr : progress.values()) {
        PartitionProgress p = owned.get(pr.partition());
        p.nextEpisodes = pr.nextEpisodes();
        p.nextFrames = pr.nextFrames();
        p.safe = pr.safe();
      }
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

  /**
   * Compacts small files and expires old snapshots every {@link #MAINTENANCE_INTERVAL_MILLIS}, on
   * the instance owning partition 0, between two commit cycles (never inside one). A failure only
   * delays maintenance; the tables stay correct.
   */
  private void maintainIfDue() {
    long now = monotonicMillis();
    if (!ownsFirstPartition || now < nextMaintenanceAt) {
      return;
    }
    nextMaintenanceAt = now + MAINTENANCE_INTERVAL_MILLIS;
    try {
      long started = System.nanoTime();
      TableMaintenance.Round round = maintenance.maintain(tables, config.lake().warehouse());
      // Derived tables are replaced or appended every statistics refresh: only expire them (a
      // compaction of quarantine would move its derived-from marker off the current snapshot).
      LakeTables.DerivedTables derived = tables.derived();
      for (Table t :
          List.of(
              derived.siteStats(),
              derived.corpusStats(),
              derived.duplicateClusters(),
              derived.quarantine())) {
        maintenance.expireSnapshots(t, Duration.ofHours(1), 10, Set.of());
      }
      LOG.info(
          "table maintenance by {} in {} ms: {}",
          config.instanceId(),
          (System.nanoTime() - started) / 1_000_000,
          round);
    } catch (RuntimeException e) {
      LOG.warn(
          "table maintenance by {} failed; the tables are unchanged or consistent, retrying in {}"
              + " min",
          config.instanceId(),
          MAINTENANCE_INTERVAL_MILLIS / 60_000,
          e);
    }
  }

  private Map<Integer, TableCommitter.Progress> progress() {
    Map<Integer, Long> batchMin = new HashMap<>();
    for (PendingEpisode pe : batch) {
      batchMin.merge(pe.episode().partition(), pe.episode().firstOffset(), Math::min);
    }
    for (QuarantinedEpisode q : quarantined) {
      batchMin.merge(q.partition(), q.firstOffset(), Math::min);
    }
    Map<Integer, TableCommitter.Progress> out = new HashMap<>();
    for (PartitionProgress p : owned.values()) {
      // A held episode is not decided: its completing event must stay at or above NEXT, and its
      // first event at or above SAFE, until it is.
      long decidedBefore = p.position;
      long safe = p.position;
      Optional<AssembledEpisode> waiting = held.of(p.partition);
      if (waiting.isPresent()) {
        decidedBefore = Math.min(decidedBefore, waiting.get().completingOffset());
        safe = Math.min(safe, waiting.get().firstOffset());
      }
      // Each table keeps its own NEXT: while a replay is below a table's NEXT, that table's
      // episodes are still being skipped, so its NEXT must not move to the other table's.
      long nextEpisodes = Math.max(decidedBefore, p.nextEpisodes);
      long nextFrames = Math.max(decidedBefore, p.nextFrames);
      OptionalLong pending = assembler.lowestPendingOffset(p.partition);
      if (pending.isPresent()) {
        safe = Math.min(safe, pending.getAsLong());
      }
      Long inBatch = batchMin.get(p.partition);
      if (inBatch != null) {
        safe = Math.min(safe, inBatch);
      }
      boolean changed =
          nextEpisodes != p.nextEpisodes || nextFrames != p.nextFrames || safe != p.safe;
      out.put(
          p.partition,
          new TableCommitter.Progress(p.partition, nextEpisodes, nextFrames, safe, changed));
    }
    return out;
  }

  private void publishVerdicts(long decidedAt) {
    for (PendingEpisode pe : batch) {
      if (!pe.toEpisodes()) {
        continue; // its verdict went out with the checkpoint that wrote its row
      }
      Decision d = pe.decision();
      Map<String, Double> scores = new HashMap<>();
      if (d.qualityScore() != null) {
        scores.put("quality", d.qualityScore());
      }
      if (d.signals().novelty() != null) {
        scores.put("novelty", d.signals().novelty());
      }
      publish(
          CurationVerdict.newBuilder()
              .setEpisodeId(pe.episode().episodeId())
              .setSiteId(pe.episode().siteId())
              .setStatus(d.status())
              .setReasons(d.reasons())
              .setDuplicateOf(d.duplicateOf())
              .setScores(scores)
              .setDecidedAtMicros(decidedAt)
              .build());
    }
    for (QuarantinedEpisode q : quarantined) {
      publish(
          CurationVerdict.newBuilder()
              .setEpisodeId(q.episodeId())
              .setSiteId(q.siteId())
              .setStatus(VerdictStatus.QUARANTINED)
              .setReasons(q.reasons())
              .setDuplicateOf(null)
              .setScores(Map.of())
              .setDecidedAtMicros(decidedAt)
              .build());
    }
    producer.flush();
    throwIfSendFailed();
  }

  private void publish(CurationVerdict v) {
    send(Topics.VERDICTS.name(), v.getEpisodeId(), Topics.VERDICTS.codec().encode(v));
  }

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
      // Informational only (lag monitoring): the Iceberg tables hold the offsets that count.
      LOG.warn(
          "committing Kafka offsets {} failed; lag metrics lag until the next cycle", offsets, e);
    }
  }

  private void throwIfSendFailed() {
    Exception e = sendFailure.get();
    if (e != null) {
      throw new IllegalStateException("publishing to Kafka failed: " + e, e);
    }
  }

  private void onAssigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty() || closing) {
      return;
    }
    commitCycle(true); // the index is rebuilt below; nothing decided may be only in memory
    Set<Integer> ids = new HashSet<>();
    partitions.forEach(tp -> ids.add(tp.partition()));
    Set<Integer> all = new HashSet<>(ids);
    all.addAll(owned.keySet());
    TableOffsets episodes = TableOffsets.restore(tables.episodes(), TOPIC, all);
    TableOffsets frames = TableOffsets.restore(tables.frames(), TOPIC, all);
    Map<Integer, Long> republishFrom = new HashMap<>();
    for (TopicPartition tp : partitions) {
      int p = tp.partition();
      OptionalLong safeE = episodes.safe(p);
      OptionalLong safeF = frames.safe(p);
      if (safeE.isPresent() && safeF.isPresent()) {
        consumer.seek(tp, Math.min(safeE.getAsLong(), safeF.getAsLong()));
      } else {
        consumer.seekToBeginning(List.of(tp));
      }
      long position = consumer.position(tp);
      long nextE = episodes.next(p).orElse(0);
      long nextF = frames.next(p).orElse(0);
      owned.put(p, new PartitionProgress(p, nextE, nextF, position, position));
      republishFrom.put(p, safeE.orElse(0));
      LOG.info(
          "partition {}-{} assigned to {}: reading from {} (episodes NEXT {}, frames NEXT {})",
          TOPIC,
          p,
          config.instanceId(),
          position,
          nextE,
          nextF);
    }
    committer.resetFence();
    ownsFirstPartition = owned.containsKey(0);
    // Retained partitions keep their paused state through a cooperative rebalance; say it again
    // rather than depend on it.
    for (AssembledEpisode e : held.inRetryOrder()) {
      consumer.pause(List.of(new TopicPartition(TOPIC, e.partition())));
    }
    long started = System.nanoTime();
    EpisodeIndexLoader.Loaded loaded = EpisodeIndexLoader.load(tables.episodes(), republishFrom);
    memory = loaded.memory();
    indexedSnapshot = loaded.snapshotId();
    decider = new EpisodeDecider(memory, quality);
    LOG.info(
        "indexes rebuilt from {}: {} episodes, {} exact keys, {} near-duplicate sketches ({} KiB),"
            + " {} novelty vectors in {} ms; re-publishing {} recent verdicts",
        tables.episodes().name(),
        memory.exact().size(),
        memory.exact().keys(),
        memory.near().size(),
        memory.near().estimatedBytes() / 1024,
        memory.diversity().indexed(),
        (System.nanoTime() - started) / 1_000_000,
        loaded.republish().size());
    loaded.republish().forEach(this::publish);
    producer.flush();
    throwIfSendFailed();
  }

  /**
   * Adds what the group's other instances decided since the last look to this instance's memory
   * (the rows their commits appended to {@code episodes}), so that a copy arriving here of an
   * episode decided there is found, by exact key or as a near duplicate. Runs right after a commit
   * cycle, when everything this instance decided is in the table. If the history since the last
   * look has been expired, the memory is rebuilt from the table. A copy and its original decided
   * within the same few seconds on two instances can still both pass: neither has committed when
   * the other decides.
   */
  private void catchUp() {
    EpisodeIndexLoader.CatchUp c =
        EpisodeIndexLoader.catchUp(tables.episodes(), memory, indexedSnapshot);
    if (c.complete()) {
      indexedSnapshot = c.snapshotId();
      if (c.added() > 0) {
        metrics.caughtUp(c.added());
        LOG.debug("added {} episodes decided by other instances to the indexes", c.added());
      }
      return;
    }
    LOG.info(
        "the episodes history since snapshot {} has expired; rebuilding the indexes from the table",
        indexedSnapshot);
    EpisodeIndexLoader.Loaded loaded = EpisodeIndexLoader.load(tables.episodes(), Map.of());
    memory = loaded.memory();
    indexedSnapshot = loaded.snapshotId();
    decider = new EpisodeDecider(memory, quality);
  }

  private void onRevoked(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty() || closing) {
      return;
    }
    commitCycle(true);
    forget(partitions);
  }

  private void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      int p = tp.partition();
      owned.remove(p);
      ownsFirstPartition = owned.containsKey(0);
      int dropped = assembler.dropPartition(p);
      held.drop(p, monotonicMillis());
      batch.removeIf(pe -> pe.episode().partition() == p);
      quarantined.removeIf(q -> q.partition() == p);
      LOG.info(
          "partition {}-{} released by {}; {} incomplete episodes left to its next owner",
          TOPIC,
          p,
          config.instanceId(),
          dropped);
    }
  }

  private void closeClients(boolean clean) {
    try {
      producer.close(Duration.ofSeconds(clean ? 10 : 1));
    } catch (RuntimeException e) {
      LOG.warn("closing the verdict producer failed; continuing shutdown", e);
    }
    try {
      consumer.close(
          org.apache.kafka.clients.consumer.CloseOptions.timeout(
              Duration.ofSeconds(clean ? 10 : 1)));
    } catch (RuntimeException e) {
      LOG.warn("closing the ingest consumer failed; continuing shutdown", e);
    }
  }

  private static long monotonicMillis() {
    return System.nanoTime() / 1_000_000;
  }

  private static long nowMicros() {
    return System.currentTimeMillis() * 1000;
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      onAssigned(partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      onRevoked(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      LOG.warn(
          "partitions {} lost by {} (session expired); their uncommitted work is dropped",
          partitions,
          config.instanceId());
      forget(partitions);
    }
  }
}
