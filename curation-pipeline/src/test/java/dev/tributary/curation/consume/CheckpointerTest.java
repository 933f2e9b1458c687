package dev.tributary.curation.consume;

import static dev.tributary.curation.consume.LoopParts.episode;
import static dev.tributary.curation.consume.LoopParts.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.curation.iceberg.TableOffsets;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.quality.QualityReport;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.curation.video.VideoStoreUnavailableException;
import dev.tributary.schema.IngestEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint's order and what it records, on a real lake with Kafka's mock clients. */
class CheckpointerTest {
  @TempDir Path dir;
  private LoopParts parts;

  @AfterEach
  void close() {
    if (parts != null) {
      parts.close();
    }
  }

  private LoopParts parts(QualityChecker quality) {
    parts = new LoopParts(dir, quality);
    return parts;
  }

  private static TableOffsets offsets(Table table, int partition) {
    return TableOffsets.restore(table, LoopParts.TOPIC, Set.of(partition));
  }

  private static long snapshotId(Table table) {
    table.refresh();
    Snapshot s = table.currentSnapshot();
    return s == null ? -1 : s.snapshotId();
  }

  @Test
  void aCycleWritesFramesThenEpisodesThenPublishesVerdictsThenCommitsKafkaOffsets() {
    LoopParts p = parts(QualityChecker.none());
    p.assign(0);
    List<String> seen = new ArrayList<>();
    p.onStage =
        stage ->
            seen.add(
                stage
                    + " verdicts="
                    + p.verdictKeys().size()
                    + " kafka="
                    + p.consumer.committed(Set.of(tp(0))).size());
    SyntheticEpisode e = episode(11);
    long completing = p.deliver(0, e.events());

    p.now += LoopParts.INTERVAL.toMillis();
    assertThat(p.checkpointer.cycleDue()).isTrue();
    p.checkpointer.checkpoint();

    assertThat(seen)
        .containsExactly(
            "CYCLE_STARTED verdicts=0 kafka=0",
            "FRAMES_COMMITTED verdicts=0 kafka=0",
            "EPISODES_COMMITTED verdicts=0 kafka=0",
            "VERDICTS_PUBLISHED verdicts=1 kafka=0");
    assertThat(p.verdictKeys()).containsExactly(e.episodeId());
    assertThat(p.consumer.committed(Set.of(tp(0))).get(tp(0)).offset()).isEqualTo(completing + 1);
    assertThat(offsets(p.tables.episodes(), 0).next(0)).hasValue(completing + 1);
    assertThat(offsets(p.tables.frames(), 0).next(0)).hasValue(completing + 1);
    // SAFE covers the batch being committed: its verdicts may not be out yet
    assertThat(offsets(p.tables.episodes(), 0).safe(0)).hasValue(0);
    assertThat(p.checkpointer.cycleDue()).isFalse();

    p.checkpointer.checkpointNow(); // verdicts are out: SAFE moves on
    assertThat(offsets(p.tables.episodes(), 0).safe(0)).hasValue(completing + 1);
  }

  @Test
  void aCrashBetweenTheTableCommitsPublishesNothingAndCommitsNoKafkaOffset() {
    LoopParts p = parts(QualityChecker.none());
    p.assign(0);
    p.onStage =
        stage -> {
          if (stage == CommitStage.FRAMES_COMMITTED) {
            throw new IllegalStateException("simulated crash");
          }
        };
    SyntheticEpisode e = episode(12);
    long completing = p.deliver(0, e.events());

    assertThatThrownBy(() -> p.checkpointer.checkpointNow()).hasMessage("simulated crash");

    assertThat(p.verdictKeys()).isEmpty();
    assertThat(p.consumer.committed(Set.of(tp(0)))).isEmpty();
    assertThat(offsets(p.tables.frames(), 0).next(0)).hasValue(completing + 1);
    assertThat(offsets(p.tables.episodes(), 0).next(0)).isEmpty();
  }

  @Test
  void anIncompleteEpisodeKeepsSafeAtItsFirstEventWhileNextMovesOn() {
    LoopParts p = parts(QualityChecker.none());
    p.assign(0);
    List<IngestEvent> first = episode(13).events();
    p.deliver(0, first.subList(0, 2)); // offsets 0, 1: incomplete
    long completing = p.deliver(0, episode(14).events());

    p.checkpointer.checkpointNow();

    assertThat(offsets(p.tables.episodes(), 0).next(0)).hasValue(completing + 1);
    assertThat(offsets(p.tables.episodes(), 0).safe(0)).hasValue(0);
    assertThat(p.checkpointer.partition(0).safe).isZero();
  }

  @Test
  void progressAloneIsCommittedOnDemandOrWhenTheTablesHaveBeenIdleLongEnough() {
    LoopParts p = parts(QualityChecker.none());
    p.assign(0);
    p.deliverRaw(0, 0, new byte[] {1, 2, 3}); // a dead letter moves the position, decides nothing
    long before = snapshotId(p.tables.episodes());

    p.now += LoopParts.INTERVAL.toMillis();
    p.checkpointer.checkpoint();
    assertThat(snapshotId(p.tables.episodes())).isEqualTo(before);

    p.now += ProgressMath.idleCommitMillis(LoopParts.INTERVAL.toMillis());
    p.checkpointer.checkpoint();
    assertThat(snapshotId(p.tables.episodes())).isNotEqualTo(before);
    assertThat(offsets(p.tables.episodes(), 0).next(0)).hasValue(1);
    assertThat(p.deadLetterKeys()).hasSize(1);
  }

  @Test
  void aHeldEpisodeIsNeverRecordedAsDecidedWhileOtherWorkIsCommitted() {
    boolean[] storeUp = {true};
    LoopParts p =
        parts(
            e -> {
              if (!storeUp[0]) {
                throw VideoStoreUnavailableException.outage("refused", "the store", null);
              }
              return QualityReport.clean();
            });
    p.assign(0);
    long decidedOnZero = p.deliver(0, episode(15).events());
    p.checkpointer.checkpointNow();
    storeUp[0] = false;
    SyntheticEpisode held = episode(16);
    long heldCompleting = p.deliver(0, held.events());
    long heldFirst = decidedOnZero + 1;

    p.checkpointer.checkpointNow();

    assertThat(offsets(p.tables.episodes(), 0).next(0)).hasValue(heldCompleting);
    assertThat(offsets(p.tables.frames(), 0).next(0)).hasValue(heldCompleting);
    assertThat(offsets(p.tables.episodes(), 0).safe(0)).hasValue(heldFirst);
    assertThat(p.verdictKeys()).hasSize(1).doesNotContain(held.episodeId());
  }
}
