package dev.tributary.curation.consume;

import static dev.tributary.curation.iceberg.MemorySnapshotsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.iceberg.DecidedCorpus;
import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.iceberg.MemorySnapshots;
import dev.tributary.schema.table.LakeConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the memory is saved after a catch-up, and that an assignment loads it. */
class EpisodeIndexesTest {
  @TempDir Path dir;
  private LakeTables tables;
  private Table episodes;
  private DecidedCorpus otherInstance;
  private final PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
  private long now = 1_000;
  private boolean ownsPartition0 = true;

  @BeforeEach
  void open() {
    tables = LakeTables.open(LakeConfig.embedded(dir));
    episodes = tables.episodes();
    otherInstance = new DecidedCorpus(episodes);
  }

  @AfterEach
  void close() {
    tables.close();
  }

  private EpisodeIndexes indexes() {
    return new EpisodeIndexes(
        episodes, metrics, Duration.ofMinutes(5), () -> ownsPartition0, () -> now);
  }

  @Test
  void theOwnerOfPartitionZeroSavesAfterACatchUpOnceTheIntervalPassedAndAStartLoadsIt() {
    otherInstance.appendBatch(1, 8);
    EpisodeIndexes first = indexes();
    first.rebuild(Map.of()); // nothing saved yet: the whole table
    otherInstance.appendBatch(9, 4);
    first.catchUp();
    assertThat(MemorySnapshots.latestSavedSnapshot(episodes)).isEmpty(); // interval not passed

    now += Duration.ofMinutes(5).toMillis();
    otherInstance.appendBatch(13, 4);
    first.catchUp();
    episodes.refresh();
    long saved = episodes.currentSnapshot().snapshotId();
    assertThat(MemorySnapshots.latestSavedSnapshot(episodes)).hasValue(saved);

    otherInstance.appendBatch(17, 4);
    EpisodeIndexes second = indexes();
    second.rebuild(Map.of()); // the saved memory, then the last batch
    first.catchUp();
    assertThat(second.memory().exact().size()).isEqualTo(otherInstance.live.exact().size());
    assertThat(bytes(second.memory())).isEqualTo(bytes(first.memory()));
  }

  @Test
  void aLaterAssignmentKeepsACurrentMemoryAndReloadsOneThatHoldsDroppedDecisions() {
    otherInstance.appendBatch(1, 4);
    EpisodeIndexes indexes = indexes();
    indexes.rebuild(Map.of());
    var first = indexes.memory();
    otherInstance.appendBatch(5, 4);

    indexes.rebuild(Map.of());
    assertThat(indexes.memory()).isSameAs(first);
    assertThat(first.exact().size()).isEqualTo(otherInstance.live.exact().size());

    indexes.uncommittedDropped();
    indexes.rebuild(Map.of());
    assertThat(indexes.memory()).isNotSameAs(first);
    assertThat(indexes.memory().exact().size()).isEqualTo(first.exact().size());
    assertThat(indexes.memory().near().size()).isEqualTo(first.near().size());
  }

  @Test
  void nothingIsSavedByAnotherInstanceOrWhileTheMemoryHoldsDroppedDecisions() {
    otherInstance.appendBatch(1, 4);
    EpisodeIndexes indexes = indexes();
    indexes.rebuild(Map.of());
    now += Duration.ofMinutes(6).toMillis();

    ownsPartition0 = false;
    otherInstance.appendBatch(5, 2);
    indexes.catchUp();
    assertThat(MemorySnapshots.latestSavedSnapshot(episodes)).isEmpty();

    ownsPartition0 = true;
    indexes.uncommittedDropped();
    otherInstance.appendBatch(7, 2);
    indexes.catchUp();
    assertThat(MemorySnapshots.latestSavedSnapshot(episodes)).isEmpty();

    indexes.rebuild(Map.of()); // from the table again: it matches the table
    otherInstance.appendBatch(9, 2);
    indexes.catchUp();
    assertThat(MemorySnapshots.latestSavedSnapshot(episodes)).isPresent();
  }
}
