package dev.tributary.curation.consume;

import dev.tributary.curation.iceberg.EpisodeIndexLoader;
import dev.tributary.curation.iceberg.MemorySnapshots;
import dev.tributary.curation.verdict.CurationMemory;
import dev.tributary.curation.verdict.MemoryEntry;
import dev.tributary.schema.CurationVerdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decider's memory (duplicate indexes, clusters, frame hashes, novelty, length statistics) and
 * the {@code episodes} snapshot it reflects; the one owner that changes it: decisions and
 * quarantines are recorded, it is loaded at assignment (the saved memory plus the rows appended
 * since, else rebuilt from the whole table), caught up with other instances' rows after every
 * commit cycle, and saved with its snapshot every {@code indexSaveInterval} by the instance owning
 * partition 0 (module README, "Several instances"). Consumer thread only.
 */
final class EpisodeIndexes {
  private static final Logger LOG = LoggerFactory.getLogger(EpisodeIndexes.class);

  private final Table episodes;
  private final PipelineMetrics metrics;
  private final long saveIntervalMillis;
  private final BooleanSupplier savesHere;
  private final LongSupplier clock;
  private CurationMemory memory = CurationMemory.empty();
  private long snapshotId = EpisodeIndexLoader.NO_SNAPSHOT;
  private long savedSnapshotId = EpisodeIndexLoader.NO_SNAPSHOT;
  private long nextSaveAt;
  // false while the memory may hold decisions that never reached the table (a lost partition's)
  private boolean matchesTable = true;

  /** Never saves the memory (loads a saved one when there is one). */
  EpisodeIndexes(Table episodes, PipelineMetrics metrics) {
    this(episodes, metrics, Duration.ZERO, () -> false, System::currentTimeMillis);
  }

  /**
   * @param saveInterval how often the memory is saved (zero: never)
   * @param savesHere whether this instance is the one that saves (owns partition 0) right now
   */
  EpisodeIndexes(
      Table episodes,
      PipelineMetrics metrics,
      Duration saveInterval,
      BooleanSupplier savesHere,
      LongSupplier clock) {
    this.episodes = episodes;
    this.metrics = metrics;
    this.saveIntervalMillis = saveInterval.toMillis();
    this.savesHere = savesHere;
    this.clock = clock;
    this.nextSaveAt = clock.getAsLong() + saveIntervalMillis;
  }

  /** For the decider to read; changes only through this class. */
  CurationMemory memory() {
    return memory;
  }

  boolean isDecided(String episodeId) {
    return memory.exact().isDecided(episodeId);
  }

  void record(MemoryEntry entry) {
    memory.record(entry);
  }

  /**
   * Decisions of a lost partition were dropped without being committed, but the memory keeps them:
   * it is not saved until the next {@link #rebuild}.
   */
  void uncommittedDropped() {
    matchesTable = false;
  }

  /**
   * Brings the memory up to the table at an assignment: the memory in hand caught up, when it holds
   * exactly what the table held at its snapshot; else the newest saved one and the rows appended
   * since, or, when there is none or it cannot be used (logged), a rebuild from the whole table.
   *
   * @param republishFrom partition -> offset: the verdicts of rows at or after it are returned, to
   *     be published again (their first publication may have been cut short)
   */
  List<CurationVerdict> rebuild(Map<Integer, Long> republishFrom) {
    long started = System.nanoTime();
    if (matchesTable && snapshotId != EpisodeIndexLoader.NO_SNAPSHOT) {
      // Everything decided here is committed (the caller checkpointed): the memory in hand is the
      // table at snapshotId, as a reload would make it; catching up is all that is missing.
      EpisodeIndexLoader.CatchUp c = EpisodeIndexLoader.catchUp(episodes, memory, snapshotId);
      if (c.complete()) {
        snapshotId = c.snapshotId();
        List<CurationVerdict> republish =
            EpisodeIndexLoader.republish(episodes, republishFrom, snapshotId);
        LOG.info(
            "indexes of {} kept (current to snapshot {} after {} rows caught up) in {} ms;"
                + " re-publishing {} recent verdicts",
            episodes.name(),
            snapshotId,
            c.added(),
            (System.nanoTime() - started) / 1_000_000,
            republish.size());
        return republish;
      }
    }
    memory = CurationMemory.empty(); // the old one can be collected while the new one loads
    snapshotId = EpisodeIndexLoader.NO_SNAPSHOT;
    matchesTable = true;
    List<CurationVerdict> republish = fromSaved(republishFrom);
    String how = "from the saved memory and the rows appended since";
    if (republish == null) {
      EpisodeIndexLoader.Loaded loaded = EpisodeIndexLoader.load(episodes, republishFrom);
      memory = loaded.memory();
      snapshotId = loaded.snapshotId();
      republish = loaded.republish();
      how = "from the whole table";
    }
    LOG.info(
        "indexes of {} loaded {} (snapshot {}): {} episodes, {} exact keys, {} near-duplicate"
            + " sketches ({} KiB), {} novelty vectors in {} ms; re-publishing {} recent verdicts",
        episodes.name(),
        how,
        snapshotId,
        memory.exact().size(),
        memory.exact().keys(),
        memory.near().size(),
        memory.near().estimatedBytes() / 1024,
        memory.diversity().indexed(),
        (System.nanoTime() - started) / 1_000_000,
        republish.size());
    return republish;
  }

  /** The saved memory caught up to the table, and the verdicts to re-publish; null if unusable. */
  private List<CurationVerdict> fromSaved(Map<Integer, Long> republishFrom) {
    Optional<MemorySnapshots.Loaded> saved = MemorySnapshots.load(episodes);
    if (saved.isEmpty()) {
      return null;
    }
    CurationMemory loaded = saved.get().memory();
    EpisodeIndexLoader.CatchUp c =
        EpisodeIndexLoader.catchUp(episodes, loaded, saved.get().snapshotId());
    if (!c.complete()) {
      LOG.info(
          "the history of {} since the saved memory's snapshot {} is gone: rebuilding from the"
              + " whole table",
          episodes.name(),
          saved.get().snapshotId());
      return null;
    }
    memory = loaded;
    snapshotId = c.snapshotId();
    savedSnapshotId = saved.get().snapshotId();
    LOG.info(
        "loaded the saved memory of snapshot {} ({} MiB), then {} episodes appended since",
        saved.get().snapshotId(),
        saved.get().bytes() >> 20,
        c.added());
    return EpisodeIndexLoader.republish(episodes, republishFrom, snapshotId);
  }

  /** {@link #catchUp(Predicate)} knowing no snapshot as this loop's own: reads every append. */
  void catchUp() {
    catchUp(snapshot -> false);
  }

  /**
   * Adds what the group's other instances decided since the last look (the rows their commits
   * appended to {@code episodes}), so that a copy arriving here of an episode decided there is
   * found, by exact key or as a near duplicate. Call right after a commit cycle, when everything
   * this instance decided is in the table: the memory then equals the table at the snapshot seen,
   * and is saved when a save is due. If the history since the last look has been expired, the
   * memory is rebuilt from the table. A copy and its original decided within the same few seconds
   * on two instances can still both pass: neither has committed when the other decides.
   *
   * @param known snapshots whose rows the memory already holds (this loop's own commits): when
   *     every snapshot since the last look is one of them, nothing is read
   */
  void catchUp(Predicate<Snapshot> known) {
    EpisodeIndexLoader.CatchUp c = EpisodeIndexLoader.catchUp(episodes, memory, snapshotId, known);
    if (c.complete()) {
      snapshotId = c.snapshotId();
      if (c.added() > 0) {
        metrics.caughtUp(c.added());
        LOG.debug("added {} episodes decided by other instances to the indexes", c.added());
      }
      saveIfDue();
      return;
    }
    LOG.info(
        "the episodes history since snapshot {} has expired; rebuilding the indexes from the table",
        snapshotId);
    memory = CurationMemory.empty();
    EpisodeIndexLoader.Loaded loaded = EpisodeIndexLoader.load(episodes, Map.of());
    memory = loaded.memory();
    snapshotId = loaded.snapshotId();
    matchesTable = true;
  }

  /**
   * Saves the memory with its snapshot when this instance is the saver, the interval has passed,
   * the table moved since the last save and the memory holds nothing the table does not. Blocks the
   * consumer thread for the save (logged with its duration); a failure only delays it.
   */
  private void saveIfDue() {
    long now = clock.getAsLong();
    if (saveIntervalMillis <= 0 || now < nextSaveAt || !savesHere.getAsBoolean()) {
      return;
    }
    if (saveable()) {
      nextSaveAt = now + saveIntervalMillis;
      try {
        save();
      } catch (RuntimeException e) {
        LOG.warn(
            "saving the curation memory of snapshot {} failed; retrying in {} s: {}",
            snapshotId,
            saveIntervalMillis / 1000,
            e.toString());
      }
    }
  }

  /**
   * Saves the memory with its snapshot now, unless it holds something the table does not, the table
   * is empty, or the newest saved memory already reflects this snapshot ({@link IndexSaveJob}).
   *
   * @return what was written, or empty when there was nothing to save
   * @throws RuntimeException when writing or registering the file fails
   */
  Optional<MemorySnapshots.Saved> saveNow() {
    return saveable() ? Optional.of(save()) : Optional.empty();
  }

  long snapshotId() {
    return snapshotId;
  }

  private boolean saveable() {
    return matchesTable
        && snapshotId != EpisodeIndexLoader.NO_SNAPSHOT
        && snapshotId != savedSnapshotId;
  }

  private MemorySnapshots.Saved save() {
    long started = System.nanoTime();
    MemorySnapshots.Saved saved = MemorySnapshots.save(episodes, memory, snapshotId);
    savedSnapshotId = snapshotId;
    LOG.info(
        "saved the curation memory of snapshot {} ({} episodes, {} MiB) to {} in {} ms",
        snapshotId,
        memory.exact().size(),
        saved.bytes() >> 20,
        saved.path(),
        (System.nanoTime() - started) / 1_000_000);
    return saved;
  }
}
