package dev.tributary.curation.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.iceberg.TableOffsets;
import dev.tributary.schema.table.LakeConfig;
import dev.tributary.schema.topic.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableCommitterTest {
  @TempDir Path dir;

  private static Map<Integer, TableCommitter.Progress> progress(int partition, long next) {
    return Map.of(partition, new TableCommitter.Progress(partition, next, next, next, true));
  }

  @Test
  void aCheckpointRecordsNextAndSafeOfEveryOwnedPartitionInBothTables() {
    try (LakeTables tables = LakeTables.open(LakeConfig.embedded(dir))) {
      TableCommitter committer = new TableCommitter(tables, "a", CommitStageListener.none());
      committer.resetFence();

      committer.commit(
          List.of(),
          List.of(),
          Map.of(
              0, new TableCommitter.Progress(0, 10, 12, 7, true),
              2, new TableCommitter.Progress(2, 5, 5, 5, true)),
          0);

      TableOffsets episodes =
          TableOffsets.restore(tables.episodes(), Topics.INGEST.name(), Set.of(0, 2));
      TableOffsets frames =
          TableOffsets.restore(tables.frames(), Topics.INGEST.name(), Set.of(0, 2));
      assertThat(episodes.next(0)).hasValue(10);
      assertThat(frames.next(0)).hasValue(12);
      assertThat(episodes.safe(0)).hasValue(7);
      assertThat(episodes.next(2)).hasValue(5);
      assertThat(episodes.next(1)).isEmpty();
    }
  }

  @Test
  void theLatestValueOfAPartitionIsFoundBehindOtherInstancesSnapshots() {
    try (LakeTables tables = LakeTables.open(LakeConfig.embedded(dir))) {
      TableCommitter a = new TableCommitter(tables, "a", CommitStageListener.none());
      TableCommitter b = new TableCommitter(tables, "b", CommitStageListener.none());
      a.resetFence();
      b.resetFence();
      a.commit(List.of(), List.of(), progress(0, 40), 0);
      b.commit(List.of(), List.of(), progress(1, 7), 0);
      b.commit(List.of(), List.of(), progress(1, 9), 0);

      TableOffsets restored =
          TableOffsets.restore(tables.episodes(), Topics.INGEST.name(), Set.of(0, 1));
      assertThat(restored.next(0)).hasValue(40);
      assertThat(restored.next(1)).hasValue(9);
    }
  }

  @Test
  void anInstanceRefusesToCommitAPartitionAnotherInstanceCommittedSinceItTookIt() {
    try (LakeTables tables = LakeTables.open(LakeConfig.embedded(dir))) {
      TableCommitter zombie = new TableCommitter(tables, "zombie", CommitStageListener.none());
      TableCommitter owner = new TableCommitter(tables, "owner", CommitStageListener.none());
      zombie.resetFence();
      zombie.commit(List.of(), List.of(), progress(0, 10), 0);
      owner.resetFence();
      owner.commit(List.of(), List.of(), progress(0, 20), 0);

      assertThatThrownBy(() -> zombie.commit(List.of(), List.of(), progress(0, 15), 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("fenced");
      zombie.commit(
          List.of(), List.of(), progress(1, 3), 0); // its other partitions are still its own
      owner.commit(List.of(), List.of(), progress(0, 25), 0);
    }
  }
}
