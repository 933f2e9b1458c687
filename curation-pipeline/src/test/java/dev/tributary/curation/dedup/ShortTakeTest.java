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
      // found by the first pass since the tenth round (peaks and corners together, see
      // ShortTakeLandmarks); the second pass's one-vote floor is tested below
      assertThat(index.twoMomentPasses()).isZero();
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

  /**
   * A take of {@code durationS} in which all four joints make one move together, a bell of speed
   * {@code moveS} long centred at {@code centreS} (joint j shifted by {@code lagS[j]}): round 14's
   * single movements between two postures. Degrees, a little sensor noise.
   */
  static Trajectory singleMove(
      double durationS, double moveS, double centreS, double[] lagS, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = (int) Math.round(durationS * 100) + 1;
    double[] times = new double[n];
    double[][] values = new double[n][4];
    double[] amplitudes = {8, -25, 14, 30};
    for (int i = 0; i < n; i++) {
      double t = i * 0.01;
      times[i] = t;
      for (int j = 0; j < 4; j++) {
        double x = (t - centreS - lagS[j]) / moveS + 0.5;
        values[i][j] = 20 + 10 * j + amplitudes[j] * smoothStep(x);
        values[i][j] += 0.002 * random.nextGaussian();
      }
    }
    return new Trajectory(values, times);
  }

  /**
   * Issue 16, tenth round: a single movement whose joints all peak at one moment has no triplet of
   * velocity peaks, of corners or of two moments: its stored original held no posting at all, so no
   * lookup rule could find even an untouched copy. Peaks and corners together are three moments
   * (start, middle, end of the move): {@link ShortTakeLandmarks}.
   */
  @Test
  void anUntouchedCopyOfASingleBellMovementWithNoOtherPostingIsFound() {
    double[][] takes = {{1.0, 0.7, 0.5}, {1.1, 0.8, 0.55}, {1.2, 0.8, 0.6}};
    double[] together = {0, 0.02, -0.02, 0.01};
    for (double[] take : takes) {
      NearDuplicateIndex index = new NearDuplicateIndex();
      TrajectorySketch original =
          TrajectorySketch.of(singleMove(take[0], take[1], take[2], together, 1));
      index.add("single", original);
      index.add(
          "other", TrajectorySketch.of(singleMove(1.6, 1.0, 0.8, new double[] {0, 0, 0, 0}, 2)));
      int[] shortPostings = new int[1];
      int all = LandmarkHashes.forIndex(original, (h, t) -> {});
      int ordinary = all - ShortTakeLandmarks.index(original, (h, t) -> shortPostings[0]++);

      Optional<NearDuplicateMatch> m =
          index.find(TrajectorySketch.of(singleMove(take[0], take[1], take[2], together, 1)));

      assertThat(ordinary).as("ordinary postings of the %.1f s take", take[0]).isZero();
      assertThat(m).as("copy of the %.1f s take", take[0]).isPresent();
      assertThat(shortPostings[0]).isPositive();
      assertThat(m.get().originalEpisodeId()).isEqualTo("single");
    }
  }

  @Test
  void anotherPersonsSimilarSingleMovementIsStillNotAMatch() {
    NearDuplicateIndex index = new NearDuplicateIndex();
    double[] together = {0, 0.02, -0.02, 0.01};
    index.add("single", TrajectorySketch.of(singleMove(1.1, 0.8, 0.55, together, 1)));

    // the same four joints between the same postures, one joint 60 ms later, a little slower
    Optional<NearDuplicateMatch> m =
        index.find(
            TrajectorySketch.of(
                singleMove(1.1, 0.85, 0.55, new double[] {0, 0.08, -0.02, 0.01}, 3)));

    assertThat(index.alignments()).as("the lookup proposes it").isPositive();
    assertThat(m).as("the confirmation rejects it").isEmpty();
  }

  @Test
  void onlyAShortTakeGetsTheseTriplets() {
    TrajectorySketch single =
        TrajectorySketch.of(singleMove(1.1, 0.8, 0.55, new double[] {0, 0.02, -0.02, 0.01}, 1));
    TrajectorySketch longer =
        TrajectorySketch.of(singleMove(2.5, 0.8, 1.2, new double[] {0, 0.02, -0.02, 0.01}, 1));

    assertThat(ShortTakeLandmarks.index(single, (h, t) -> {})).isPositive();
    assertThat(ShortTakeLandmarks.index(longer, (h, t) -> {})).isZero();
    assertThat(ShortTakeLandmarks.query(longer, (h, t) -> {})).isZero();
  }

  @Test
  void theShortTakeCornersSurviveStorageAndStayOutOfTheCornerPostings() {
    TrajectorySketch single =
        TrajectorySketch.of(singleMove(1.1, 0.8, 0.55, new double[] {0, 0.02, -0.02, 0.01}, 1));
    TrajectorySketch read = TrajectorySketch.fromBytes(single.toBytes());
    java.util.List<Integer> stored = new java.util.ArrayList<>();
    java.util.List<Integer> readBack = new java.util.ArrayList<>();

    ShortTakeLandmarks.index(single, (h, t) -> stored.add(h));
    ShortTakeLandmarks.index(read, (h, t) -> readBack.add(h));

    assertThat(single.shortTakeCornerCount()).isGreaterThanOrEqualTo(4);
    assertThat(readBack).isNotEmpty().isEqualTo(stored);
    for (TrajectorySketch s : new TrajectorySketch[] {single, read}) {
      TrajectorySketch corners = s.corners();
      assertThat(corners.landmarks()).isEqualTo(s.cornerCount());
      for (int i = 0; i < corners.landmarks(); i++) {
        assertThat(corners.landmarkCode(i)).isLessThan(TrajectorySketch.SHORT_TAKE_CORNER);
      }
    }
  }

  /** A sketch of no velocity peak and two corners (0.5 and 0.9 s) of these codes. */
  private static TrajectorySketch withCorners(int joints, byte... cornerCodes) {
    byte[] none = {};
    return new TrajectorySketch(
        joints,
        2,
        100,
        new float[0],
        none,
        none,
        null,
        0,
        new float[] {0.5f, 0.9f},
        cornerCodes,
        new byte[cornerCodes.length]);
  }

  @Test
  void aCornerCodeOf128OrMoreIsOrdinaryForARobotOfMoreThan64Joints() {
    TrajectorySketch many = withCorners(70, (byte) 130, (byte) 5);
    TrajectorySketch few =
        withCorners(4, (byte) (TrajectorySketch.SHORT_TAKE_CORNER | 3), (byte) 5);

    // joint 65's corner (code 130) of a 70-joint robot is an ordinary corner
    assertThat(many.cornerCount()).isEqualTo(2);
    assertThat(many.shortTakeCornerCount()).isZero();
    assertThat(many.corners().landmarkCode(0)).isEqualTo(130);
    // in a 4-joint take the top bit is the short-take flag
    assertThat(few.cornerCount()).isEqualTo(1);
    assertThat(few.shortTakeCornerCount()).isEqualTo(1);
    assertThat(few.shortTakeCorners().landmarkCode(0)).isEqualTo(3);
  }
}
