package dev.tributary.curation.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.iceberg.DecidedCorpus;
import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.iceberg.MemorySnapshots;
import dev.tributary.schema.table.LakeConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The save job: what it saves, when it saves nothing, and that an assignment loads its save. */
class IndexSaveJobTest {
  @TempDir Path dir;
  private LakeTables tables;
  private Table episodes;
  private DecidedCorpus pipelines;

  @BeforeEach
  void open() {
    tables = LakeTables.open(LakeConfig.embedded(dir));
    episodes = tables.episodes();
    pipelines = new DecidedCorpus(episodes);
  }

  @AfterEach
  void close() {
    tables.close();
  }

  @Test
  void anEmptyTableHasNothingToSave() {
    IndexSaveJob.Result result = IndexSaveJob.run(episodes);
    assertThat(result.saved()).isEmpty();
    assertThat(result.episodes()).isZero();
    assertThat(MemorySnapshots.latestSavedSnapshot(episodes)).isEmpty();
  }

  @Test
  void savesTheTablesCurrentSnapshotOnceAndThenOnlyWhenTheTableMoved() {
    pipelines.appendBatch(1, 8);
    IndexSaveJob.Result first = IndexSaveJob.run(episodes);
    episodes.refresh();
    long current = episodes.currentSnapshot().snapshotId();
    assertThat(first.snapshotId()).isEqualTo(current);
    assertThat(first.saved()).isPresent();
    assertThat(first.episodes()).isEqualTo(pipelines.live.exact().size());
    assertThat(MemorySnapshots.latestSavedSnapshot(episodes)).hasValue(current);

    assertThat(IndexSaveJob.run(episodes).saved()).isEmpty(); // nothing appended since

    pipelines.appendBatch(9, 4);
    IndexSaveJob.Result second = IndexSaveJob.run(episodes); // the first save, caught up
    episodes.refresh();
    assertThat(second.saved()).isPresent();
    assertThat(second.snapshotId()).isEqualTo(episodes.currentSnapshot().snapshotId());
    assertThat(MemorySnapshots.latestSavedSnapshot(episodes)).hasValue(second.snapshotId());
  }

  @Test
  void aPipelineAssignedAfterTheJobLoadsWhatItSavedAndDecidesFromTheSameMemory() {
    pipelines.appendBatch(1, 8);
    IndexSaveJob.run(episodes);
    pipelines.appendBatch(9, 4);

    EpisodeIndexes assigned =
        new EpisodeIndexes(episodes, new PipelineMetrics(new SimpleMeterRegistry()));
    assigned.rebuild(Map.of()); // the job's save, then the last batch
    assertThat(assigned.memory().exact().size()).isEqualTo(pipelines.live.exact().size());
    assertThat(assigned.memory().near().size()).isEqualTo(pipelines.live.near().size());
    assertThat(assigned.memory().diversity().indexed())
        .isEqualTo(pipelines.live.diversity().indexed());
  }
}
