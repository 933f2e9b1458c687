package dev.tributary.curation.consume;

import dev.tributary.curation.iceberg.EpisodeIndexLoader;
import dev.tributary.curation.verdict.CurationMemory;
import dev.tributary.curation.verdict.MemoryEntry;
import dev.tributary.schema.CurationVerdict;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decider's memory (duplicate indexes, clusters, frame hashes, novelty, length statistics) and
 * the {@code episodes} snapshot it reflects; the one owner that changes it: decisions and
 * quarantines are recorded, it is rebuilt from the table at assignment and caught up with other
 * instances' rows after every commit cycle (module README, "Several instances"). Consumer thread
 * only.
 */
final class EpisodeIndexes {
  private static final Logger LOG = LoggerFactory.getLogger(EpisodeIndexes.class);

  private final Table episodes;
  private final PipelineMetrics metrics;
  private CurationMemory memory = CurationMemory.empty();
  private long snapshotId = EpisodeIndexLoader.NO_SNAPSHOT;

  EpisodeIndexes(Table episodes, PipelineMetrics metrics) {
    this.episodes = episodes;
    this.metrics = metrics;
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
   * Rebuilds the memory from the table.
   *
   * @param republishFrom partition -> offset: the verdicts of rows at or after it are returned, to
   *     be published again (their first publication may have been cut short)
   */
  List<CurationVerdict> rebuild(Map<Integer, Long> republishFrom) {
    long started = System.nanoTime();
    EpisodeIndexLoader.Loaded loaded = EpisodeIndexLoader.load(episodes, republishFrom);
    memory = loaded.memory();
    snapshotId = loaded.snapshotId();
    LOG.info(
        "indexes rebuilt from {}: {} episodes, {} exact keys, {} near-duplicate sketches ({} KiB),"
            + " {} novelty vectors in {} ms; re-publishing {} recent verdicts",
        episodes.name(),
        memory.exact().size(),
        memory.exact().keys(),
        memory.near().size(),
        memory.near().estimatedBytes() / 1024,
        memory.diversity().indexed(),
        (System.nanoTime() - started) / 1_000_000,
        loaded.republish().size());
    return loaded.republish();
  }

  /**
   * Adds what the group's other instances decided since the last look (the rows their commits
   * appended to {@code episodes}), so that a copy arriving here of an episode decided there is
   * found, by exact key or as a near duplicate. Call right after a commit cycle, when everything
   * this instance decided is in the table. If the history since the last look has been expired, the
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
      return;
    }
    LOG.info(
        "the episodes history since snapshot {} has expired; rebuilding the indexes from the table",
        snapshotId);
    EpisodeIndexLoader.Loaded loaded = EpisodeIndexLoader.load(episodes, Map.of());
    memory = loaded.memory();
    snapshotId = loaded.snapshotId();
  }
}
