package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, ninth round: an episode shorter than {@code minOverlapS} (1.2 s), like round 14's
 * single arm movements of 1.0-1.3 s, is matched as a whole; a minimum that scaled with nothing made
 * even an untouched copy of it impossible to confirm.
 */
class ShortTakeTest {
  /**
   * A 100 Hz take of {@code durationS} in which joints 0, 1 and 2 each make one move, centred at
   * the given times (three moments of motion, so the take has three-moment postings), joint 3 a
   * slow drift; values in degrees, a little sensor noise.
   */
  static Trajectory shortMove(double durationS, double[] centresS, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = (int) Math.round(durationS * 100) + 1;
    double[] times = new double[n];
    double[][] values = new double[n][4];
    double[] amplitudes = {12, -20, 9};
    for (int i = 0; i < n; i++) {
      double t = i * 0.01;
      times[i] = t;
      for (int j = 0; j < 3; j++) {
        values[i][j] = 30 + 10 * j + amplitudes[j] * smoothStep((t - centresS[j]) / 0.3 + 0.5);
        values[i][j] += 0.002 * random.nextGaussian();
      }
      values[i][3] = 50 + 4 * t + 0.002 * random.nextGaussian();
    }
    return new Trajectory(values, times);
  }

  private static double smoothStep(double x) {
    double s = Math.max(0, Math.min(1, x));
    return s * s * s * (10 - 15 * s + 6 * s * s);
  }

  @Test
  void theMinimumOverlapIsMinOverlapSUnlessTheShorterEpisodeIsShorter() {
    NearDuplicateIndex index = new NearDuplicateIndex();

    assertThat(index.minOverlapS(5.0, 10.0)).isEqualTo(1.2);
    assertThat(index.minOverlapS(1.5, 10.0)).isEqualTo(1.2); // 0.9 x 1.5 = 1.35 > 1.2
    assertThat(index.minOverlapS(10.0, 1.1))
        .isCloseTo(0.99, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(index.minOverlapS(0.6, 10.0)).isEqualTo(NearDuplicateIndex.SHORT_TAKE_MIN_OVERLAP_S);
  }

  @Test
  void anUntouchedCopyOfATakeShorterThanMinOverlapSIsFound() {
    NearDuplicateIndex index = new NearDuplicateIndex();
    TrajectorySketch original =
        TrajectorySketch.of(shortMove(1.15, new double[] {0.3, 0.55, 0.8}, 1));
    index.add("short", original);
    index.add("other", TrajectorySketch.of(shortMove(1.6, new double[] {0.4, 0.8, 1.2}, 2)));

    Optional<NearDuplicateMatch> m =
        index.find(TrajectorySketch.of(shortMove(1.15, new double[] {0.3, 0.55, 0.8}, 1)));

    assertThat(original.coarse().spanS()).isLessThan(NearDuplicateConfig.defaults().minOverlapS());
    assertThat(m).isPresent();
    assertThat(m.get().originalEpisodeId()).isEqualTo("short");
    assertThat(m.get().overlapS()).isLessThan(1.2);
  }

  @Test
  void anotherShortTakeOfTheSameJointsIsNotAMatch() {
    NearDuplicateIndex index = new NearDuplicateIndex();
    index.add("short", TrajectorySketch.of(shortMove(1.15, new double[] {0.3, 0.55, 0.8}, 1)));

    // the same moves, joint 1 50 ms later: a new take by the same person, not a copy
    Optional<NearDuplicateMatch> m =
        index.find(TrajectorySketch.of(shortMove(1.15, new double[] {0.3, 0.6, 0.8}, 3)));

    assertThat(m).isEmpty();
  }

  /**
   * Issue 16, round 14's remaining misses: a single movement whose joints all move within 0.3 s has
   * no three-moment triplet and one two-moment triplet, so its stored original holds one posting
   * and no lookup could give it the two votes {@code minVotes} asks for.
   */
  @Test
  void anUntouchedCopyOfAMovementWithASingleTwoMomentTripletIsFound() {
    double[][] takes = {{1.1, 0.4, 0.55, 0.7}, {1.4, 0.5, 0.55, 0.6}};
    for (double[] take : takes) {
      double[] centres = {take[1], take[2], take[3]};
      NearDuplicateIndex index = new NearDuplicateIndex();
      TrajectorySketch original = TrajectorySketch.of(shortMove(take[0], centres, 1));
      index.add("single", original);
      index.add("other", TrajectorySketch.of(shortMove(1.6, new double[] {0.4, 0.8, 1.2}, 2)));

      Optional<NearDuplicateMatch> m =
          index.find(TrajectorySketch.of(shortMove(take[0], centres, 1)));

      assertThat(LandmarkHashes.forQueryCounted(original, false, (h, t) -> {})).isZero();
      assertThat(LandmarkHashes.forQueryCounted(original, true, (h, t) -> {})).isEqualTo(1);
      assertThat(m).as("copy of the %.1f s take", take[0]).isPresent();
      assertThat(m.get().originalEpisodeId()).isEqualTo("single");
      assertThat(index.twoMomentPasses()).isEqualTo(1);
    }
  }

  @Test
  void anotherSingleMovementOfTheSameJointsIsNotAMatchOnOneVote() {
    NearDuplicateIndex index = new NearDuplicateIndex();
    index.add("single", TrajectorySketch.of(shortMove(1.1, new double[] {0.4, 0.55, 0.7}, 1)));

    // the same joints, joint 1 50 ms later: another take by the same person
    Optional<NearDuplicateMatch> m =
        index.find(TrajectorySketch.of(shortMove(1.1, new double[] {0.4, 0.6, 0.7}, 3)));

    assertThat(m).isEmpty();
  }

  @Test
  void onlyAQueryOfAtMostThreeTwoMomentTripletsIsAllowedOneVote() {
    assertThat(NearDuplicateIndex.twoMomentFloor(2, 1)).isEqualTo(1);
    assertThat(NearDuplicateIndex.twoMomentFloor(2, 3)).isEqualTo(1);
    assertThat(NearDuplicateIndex.twoMomentFloor(2, 4)).isEqualTo(2);
    assertThat(NearDuplicateIndex.twoMomentFloor(3, 100)).isEqualTo(3);
  }
}
