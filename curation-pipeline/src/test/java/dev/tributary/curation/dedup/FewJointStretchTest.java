package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.curation.bench.Transforms;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, nineteenth round: a 2 s clip of a 6 s take of a 4-joint robot at 10 Hz ({@link
 * LowRateTrimTest#take}) is found by its first lookup pass through the peaks-and-corners postings
 * of the original's stretches ({@link FewJointStretchLandmarks}); without them it gets at most one
 * vote at its offset and only the one-vote retry can find it.
 */
class FewJointStretchTest {
  private static final List<String> NAMES = List.of("j0", "j1", "j2", "j3");

  private static NearDuplicateIndex indexOfSix() {
    NearDuplicateIndex index = new NearDuplicateIndex();
    for (long k = 0; k < 6; k++) {
      index.add("take-" + k, TrajectorySketch.of(LowRateTrimTest.take(200 + k, 6), NAMES));
    }
    return index;
  }

  /** A ~2 s clip from 0.9 s into the 6 s take of this seed. */
  private static Transforms.Edited twoSecondClip(long seed) {
    return Transforms.trim(LowRateTrimTest.take(seed, 6), 0.15, 1 - 0.15 - 2.05 / 5.9);
  }

  @Test
  void twoSecondClipsOfFewJointTakesAreFoundWithoutTheRetry() {
    NearDuplicateIndex index = indexOfSix();
    int firstLookup = 0;
    for (long seed = 200; seed < 206; seed++) {
      Transforms.Edited clip = twoSecondClip(seed);
      TrajectorySketch sketch = TrajectorySketch.of(clip.trajectory(), NAMES);
      long retriesBefore = index.oneVoteRetries();

      List<NearDuplicateMatch> found = index.findAll(sketch, FrameConfirmation.NONE);

      if (index.oneVoteRetries() > retriesBefore) {
        continue; // the first lookup found nothing (without these postings: every clip here)
      }
      firstLookup++;
      assertThat(found).hasSize(1);
      assertThat(found.get(0).originalEpisodeId()).isEqualTo("take-" + (seed - 200));
      assertThat(found.get(0).offsetS()).isCloseTo(clip.trimStartS(), within(0.06));
      // At least two votes at the true offset in the first pass (without these postings: 0 or 1).
      NearDuplicateIndex.Candidate best = index.tally(sketch, 1, false).get(0);
      assertThat(best.votes()).isGreaterThanOrEqualTo(2);
      assertThat(best.offsetS()).isCloseTo(clip.trimStartS(), within(0.06));
    }
    assertThat(firstLookup).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aClipOfAnotherTakeStaysUnmatched() {
    NearDuplicateIndex index = indexOfSix();

    List<NearDuplicateMatch> found =
        index.findAll(
            TrajectorySketch.of(twoSecondClip(299).trajectory(), NAMES), FrameConfirmation.NONE);

    assertThat(found).isEmpty();
  }

  @Test
  void onlyLongerTakesOfFewJointsStoreThemAndOnlyClipsUpToTheBoundLookThemUp() {
    TrajectorySketch sixSeconds = TrajectorySketch.of(LowRateTrimTest.take(200, 6), NAMES);
    List<String> sixNames = List.of("j0", "j1", "j2", "j3", "j4", "j5");
    TrajectorySketch sixJoints = TrajectorySketch.of(LowRateTrimTest.take(200, 6, 6), sixNames);
    TrajectorySketch oneAndAHalf =
        TrajectorySketch.of(
            Transforms.trim(LowRateTrimTest.take(200, 6), 0.15, 1 - 0.15 - 1.55 / 5.9).trajectory(),
            NAMES);
    TrajectorySketch twoSeconds = TrajectorySketch.of(twoSecondClip(200).trajectory(), NAMES);
    List<Integer> sink = new ArrayList<>();

    assertThat(FewJointStretchLandmarks.index(sixSeconds, (h, t) -> sink.add(h)))
        .isBetween(1, FewJointStretchLandmarks.budget(6));
    assertThat(FewJointStretchLandmarks.index(sixJoints, (h, t) -> sink.add(h))).isZero();
    assertThat(sixJoints.shortTakeCornerCount()).isZero(); // its sketch is what it was
    assertThat(FewJointStretchLandmarks.query(sixSeconds, (h, t) -> sink.add(h))).isZero();
    assertThat(FewJointStretchLandmarks.query(oneAndAHalf, (h, t) -> sink.add(h))).isZero();
    assertThat(FewJointStretchLandmarks.query(twoSeconds, (h, t) -> sink.add(h))).isPositive();
  }
}
