package dev.tributary.curation.consume;

import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.iceberg.MemorySnapshots;
import dev.tributary.schema.table.LakeConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;

/**
 * The save a pipeline instance makes every {@code indexSaveInterval}, as a job of its own: loads
 * the decider's memory the way an assignment does (the newest saved memory and the rows appended
 * since, else the whole table), then saves it with the {@code episodes} snapshot it reflects. Run
 * on a schedule (a cron or Kubernetes CronJob, `tributary pipeline save-index`) with the pipelines'
 * {@code indexSaveInterval} set to 0, no consumer thread stops for a save (at 10^6 episodes a save
 * takes 14-18 s; BENCHMARKS.md). It needs the heap a pipeline's memory needs, and writes only
 * through {@link MemorySnapshots}, which keeps the previous saved state for instances reading it.
 */
public final class IndexSaveJob {
  private IndexSaveJob() {}

  /**
   * What the job did.
   *
   * @param snapshotId the {@code episodes} snapshot the memory reflects (-1: the table is empty)
   * @param episodes episodes in the memory
   * @param saved what was written; empty when the newest saved memory already reflects the snapshot
   *     (or the table is empty)
   */
  public record Result(long snapshotId, long episodes, Optional<MemorySnapshots.Saved> saved) {}

  /** Opens the lake's tables, saves the memory of {@code episodes}, closes the tables. */
  public static Result run(LakeConfig lake) {
    try (LakeTables tables = LakeTables.open(lake)) {
      return run(tables.episodes());
    }
  }

  /** Loads the memory of {@code episodes} and saves it when the table moved since the last save. */
  public static Result run(Table episodes) {
    EpisodeIndexes indexes =
        new EpisodeIndexes(episodes, new PipelineMetrics(new SimpleMeterRegistry()));
    indexes.rebuild(Map.of());
    Optional<MemorySnapshots.Saved> saved = indexes.saveNow();
    return new Result(indexes.snapshotId(), indexes.memory().exact().size(), saved);
  }
}
