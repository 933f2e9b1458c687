package dev.tributary.curation.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.assembly.QuarantinedEpisode;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.curation.verdict.Decision;
import dev.tributary.schema.VerdictStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressMathTest {
  private static final Decision ACCEPTED =
      new Decision(VerdictStatus.ACCEPTED, List.of(), null, "k", 1.0);
  private static final Decision DUPLICATE =
      new Decision(VerdictStatus.DUPLICATE, List.of("exact_duplicate"), "o", "k", null);

  static AssembledEpisode episode(int partition, long first, long completing) {
    SyntheticEpisode e = SyntheticEpisode.builder().seed(first).build();
    return new AssembledEpisode(
        e.episodeId(),
        e.siteId(),
        partition,
        first,
        completing,
        e.manifest,
        e.chunks,
        e.videos,
        e.commit,
        0,
        List.of());
  }

  private static TableCommitter.Progress next(
      PartitionProgress p, Optional<AssembledEpisode> held, long pending, long inBatch) {
    return ProgressMath.next(
        p,
        held,
        pending < 0 ? OptionalLong.empty() : OptionalLong.of(pending),
        inBatch < 0 ? OptionalLong.empty() : OptionalLong.of(inBatch));
  }

  @Test
  void withNothingInFlightBothTablesMoveToTheReadPosition() {
    PartitionProgress p = new PartitionProgress(3, 10, 10, 10, 25);

    TableCommitter.Progress out = next(p, Optional.empty(), -1, -1);

    assertThat(out).isEqualTo(new TableCommitter.Progress(3, 25, 25, 25, true));
  }

  @Test
  void safeStaysAtTheOldestIncompleteOrUncommittedEpisode() {
    PartitionProgress p = new PartitionProgress(0, 10, 10, 10, 40);

    assertThat(next(p, Optional.empty(), 17, -1).safe()).isEqualTo(17);
    assertThat(next(p, Optional.empty(), 17, 12).safe()).isEqualTo(12);
    assertThat(next(p, Optional.empty(), 17, 12).nextEpisodes()).isEqualTo(40);
  }

  @Test
  void aHeldEpisodeCapsNextAtItsCompletingOffsetAndSafeAtItsFirst() {
    PartitionProgress p = new PartitionProgress(1, 10, 10, 10, 31);

    TableCommitter.Progress out = next(p, Optional.of(episode(1, 20, 30)), -1, -1);

    assertThat(out.nextEpisodes()).isEqualTo(30);
    assertThat(out.nextFrames()).isEqualTo(30);
    assertThat(out.safe()).isEqualTo(20);
  }

  @Test
  void duringAReplayEachTableKeepsItsOwnNextUntilTheReaderPassesIt() {
    // frames was committed up to 50 before a crash, episodes only up to 30; replay is at 35
    PartitionProgress p = new PartitionProgress(0, 30, 50, 28, 35);

    TableCommitter.Progress out = next(p, Optional.empty(), -1, -1);

    assertThat(out.nextEpisodes()).isEqualTo(35);
    assertThat(out.nextFrames()).isEqualTo(50);
    assertThat(out.changed()).isTrue();
  }

  @Test
  void nothingChangedWhenTheTablesAlreadyHoldTheseValues() {
    PartitionProgress p = new PartitionProgress(0, 25, 25, 20, 25);

    assertThat(next(p, Optional.empty(), 20, -1).changed()).isFalse();
    assertThat(next(p, Optional.empty(), 21, -1).changed()).isTrue();
  }

  @Test
  void aReplayedEpisodeWritesOnlyWhatItsTablesAreMissing() {
    PartitionProgress p = new PartitionProgress(0, 30, 50, 28, 35);

    assertThat(ProgressMath.pending(p, episode(0, 10, 40), ACCEPTED))
        .hasValueSatisfying(
            pe -> {
              assertThat(pe.toEpisodes()).isTrue();
              assertThat(pe.toFrames()).isFalse();
            });
    assertThat(ProgressMath.pending(p, episode(0, 10, 29), ACCEPTED)).isEmpty();
    assertThat(ProgressMath.pending(p, episode(0, 40, 55), ACCEPTED))
        .hasValueSatisfying(pe -> assertThat(pe.toFrames()).isTrue());
    assertThat(ProgressMath.pending(p, episode(0, 40, 55), DUPLICATE))
        .hasValueSatisfying(pe -> assertThat(pe.toFrames()).isFalse());
  }

  @Test
  void theBatchPinsSafeAtItsOldestFirstOffsetPerPartition() {
    PendingEpisode a = new PendingEpisode(episode(0, 12, 20), ACCEPTED, true, true);
    PendingEpisode b = new PendingEpisode(episode(0, 8, 30), ACCEPTED, true, true);
    PendingEpisode c = new PendingEpisode(episode(2, 40, 44), ACCEPTED, true, true);
    QuarantinedEpisode q =
        new QuarantinedEpisode("q", "s", 2, 33, List.of("assembly_timeout"), null, 0, 0, 0);

    assertThat(ProgressMath.lowestInBatch(List.of(a, b, c), List.of(q)))
        .isEqualTo(Map.of(0, 8L, 2, 33L));
  }

  @Test
  void anAssignedPartitionResumesFromTheLowerSafeOrFromTheBeginning() {
    assertThat(ProgressMath.resumeFrom(OptionalLong.of(12), OptionalLong.of(9))).hasValue(9);
    assertThat(ProgressMath.resumeFrom(OptionalLong.of(12), OptionalLong.empty())).isEmpty();
    assertThat(ProgressMath.resumeFrom(OptionalLong.empty(), OptionalLong.empty())).isEmpty();
  }

  @Test
  void offsetsAloneAreCommittedOnDemandOrAfterTheIdleInterval() {
    long idle = ProgressMath.idleCommitMillis(2_000);

    assertThat(idle).isEqualTo(30_000);
    assertThat(ProgressMath.idleCommitMillis(5_000)).isEqualTo(50_000);
    assertThat(ProgressMath.commitDue(true, false, false, 0, idle)).isTrue();
    assertThat(ProgressMath.commitDue(false, true, false, 29_999, idle)).isFalse();
    assertThat(ProgressMath.commitDue(false, true, false, 30_000, idle)).isTrue();
    assertThat(ProgressMath.commitDue(false, true, true, 0, idle)).isTrue();
    assertThat(ProgressMath.commitDue(false, false, true, 60_000, idle)).isFalse();
  }
}
