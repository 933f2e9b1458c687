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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assignment, revocation and loss, driven by MockConsumer's rebalances. */
class PartitionOwnershipTest {
  @TempDir Path dir;
  private LoopParts parts;
  private boolean storeUp = true;

  private final QualityChecker videoChecks =
      e -> {
        if (!storeUp) {
          throw VideoStoreUnavailableException.outage("refused", "the store", null);
        }
        return QualityReport.clean();
      };

  @AfterEach
  void close() {
    if (parts != null) {
      parts.close();
    }
  }

  private LoopParts parts() {
    parts = new LoopParts(dir, videoChecks);
    return parts;
  }

  private static TableOffsets offsets(Table table, int partition) {
    return TableOffsets.restore(table, LoopParts.TOPIC, Set.of(partition));
  }

  @Test
  void anAssignedPartitionIsReadFromTheLowerSafeOfItsTablesNotFromKafka() {
    LoopParts p = parts();
    boolean[] crash = {false};
    TableCommitter previousOwner =
        new TableCommitter(
            p.tables,
            "previous",
            stage -> {
              if (crash[0] && stage == CommitStage.FRAMES_COMMITTED) {
                throw new IllegalStateException("crash between the two tables");
              }
            });
    previousOwner.resetFence();
    previousOwner.commit(
        List.of(), List.of(), Map.of(0, new TableCommitter.Progress(0, 8, 8, 5, true)), 0);
    crash[0] = true;
    assertThatThrownBy(
            () ->
                previousOwner.commit(
                    List.of(),
                    List.of(),
                    Map.of(0, new TableCommitter.Progress(0, 10, 12, 7, true)),
                    0))
        .hasMessageContaining("crash");

    p.assign(0, 1);

    assertThat(p.consumer.position(tp(0))).isEqualTo(5); // episodes' SAFE, below frames' 7
    assertThat(p.consumer.position(tp(1))).isZero(); // nothing recorded: from the beginning
    assertThat(p.checkpointer.partition(0).nextEpisodes).isEqualTo(8);
    assertThat(p.checkpointer.partition(0).nextFrames).isEqualTo(12);
    assertThat(p.ownership.ownsFirstPartition()).isTrue();
  }

  @Test
  void aRevokedPartitionIsCommittedFirstThenForgotten() {
    LoopParts p = parts();
    p.assign(0, 1);
    SyntheticEpisode decided = episode(21);
    long completing = p.deliver(1, decided.events());
    List<IngestEvent> incomplete = episode(22).events();
    p.deliver(1, incomplete.subList(0, 2));

    p.assign(0);

    assertThat(p.verdictKeys()).containsExactly(decided.episodeId());
    assertThat(offsets(p.tables.episodes(), 1).next(1)).hasValue(completing + 3);
    // the batch being committed pins SAFE: its verdicts go out after the tables
    assertThat(offsets(p.tables.episodes(), 1).safe(1)).hasValue(0);
    assertThat(p.checkpointer.owns(1)).isFalse();
    assertThat(p.checkpointer.progress()).containsOnlyKeys(0);
    assertThat(p.assembler.bufferedEpisodes()).isZero();
  }

  @Test
  void aLostPartitionIsForgottenWithoutCommittingItsWork() {
    LoopParts p = parts();
    p.assign(0, 1);
    p.deliver(1, episode(23).events());

    p.ownership.onPartitionsLost(List.of(tp(1)));
    p.checkpointer.checkpointNow();

    assertThat(p.verdictKeys()).isEmpty();
    assertThat(offsets(p.tables.episodes(), 1).next(1)).isEmpty();
    assertThat(p.checkpointer.owns(1)).isFalse();
  }

  @Test
  void aRevokedPartitionReleasesItsHeldEpisodeUndecidedAndTheOutageEnds() {
    LoopParts p = parts();
    p.assign(0, 1);
    storeUp = false;
    SyntheticEpisode held = episode(24);
    long completing = p.deliver(1, held.events());

    p.assign(0);

    assertThat(p.held.size()).isZero();
    assertThat(p.metrics.storeUnavailable()).isFalse();
    assertThat(p.indexes.isDecided(held.episodeId())).isFalse();
    assertThat(offsets(p.tables.episodes(), 1).next(1)).hasValue(completing);
    assertThat(offsets(p.tables.episodes(), 1).safe(1)).hasValue(0);
  }

  @Test
  void aRetainedPartitionThatHoldsAnEpisodeStaysPausedThroughARebalance() {
    LoopParts p = parts();
    p.assign(0);
    storeUp = false;
    p.deliver(0, episode(25).events());

    p.assign(0, 1);

    assertThat(p.consumer.paused()).contains(tp(0));
    assertThat(p.held.isHeld(0)).isTrue();
  }

  @Test
  void recentVerdictsArePublishedAgainWhenAPartitionIsAssigned() {
    LoopParts p = parts();
    p.assign(0, 1);
    List<IngestEvent> pinning = episode(27).events();
    p.deliver(1, pinning.subList(0, 1)); // incomplete: SAFE stays below the next episode
    SyntheticEpisode e = episode(26);
    p.deliver(1, e.events());
    p.assign(0); // revoked: committed, verdict published once
    assertThat(p.verdictKeys()).containsExactly(e.episodeId());

    p.assign(0, 1);

    assertThat(p.verdictKeys()).containsExactly(e.episodeId(), e.episodeId());
    assertThat(p.indexes.isDecided(e.episodeId())).isTrue();
  }
}
