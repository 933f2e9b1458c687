package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlignedCorrelationTest {
  private static final double RATE_HZ = 10;
  private static final int SAMPLES = 60;

  /**
   * Two finely resolved joints tracing one loop, and a third joint that drifts over a few encoder
   * steps: {@code drift} +1 rises, -1 falls.
   */
  private static CoarseTrajectory loopWithDrift(int drift, double phase) {
    double[][] values = new double[3][SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      double a = 2 * Math.PI * i / RATE_HZ / 1.2 + phase;
      values[0][i] = 20 * Math.cos(a);
      values[1][i] = 15 * Math.sin(a);
      double tick = 360.0 / 4096;
      values[2][i] = Math.round(drift * 0.5 * i / (double) SAMPLES / tick) * tick;
    }
    double[] ratios = {20, 20, 255};
    double[] levels = {255, 255, 5};
    return CoarseTrajectory.of(values, RATE_HZ, ratios, levels);
  }

  @Test
  void aCoarseJointThatDriftsTheOtherWayVetoesTheMatch() {
    CoarseTrajectory stored = loopWithDrift(1, 0);

    AlignedCorrelation.Alignment same = AlignedCorrelation.at(loopWithDrift(1, 0), stored, 0);
    AlignedCorrelation.Alignment other = AlignedCorrelation.at(loopWithDrift(-1, 0), stored, 0);

    // The loop alone correlates ~1 either way; the coarse joint is not held to the threshold ...
    assertThat(same.correlation()).isGreaterThan(0.9999);
    assertThat(same.joints()).isEqualTo(2);
    // ... but one that contradicts the match beyond its quantisation noise sets the score.
    assertThat(other.correlation()).isLessThan(0);
  }

  @Test
  void theFloorOfACoarseJointFollowsItsQuantisationNoise() {
    // Two levels over a joint that moves 40 codes (std): noise larger than the motion, no floor;
    // over 60 codes a weak one.
    assertThat(AlignedCorrelation.coarseFloor(2, 40 * 40, 2, 40 * 40)).isLessThan(0);
    assertThat(AlignedCorrelation.coarseFloor(2, 60 * 60, 2, 60 * 60)).isBetween(0.2, 0.3);
    // Eight levels over 40 codes: just under the cap; forty: the cap (a gross disagreement only).
    assertThat(AlignedCorrelation.coarseFloor(8, 40 * 40, 8, 40 * 40))
        .isBetween(0.85, AlignedCorrelation.COARSE_JOINT_CAP);
    assertThat(AlignedCorrelation.coarseFloor(40, 60 * 60, 40, 60 * 60))
        .isEqualTo(AlignedCorrelation.COARSE_JOINT_CAP);
    // Coarse in one copy only (float16 of a fine joint): held to 16 x its noise share, no cap.
    double noise = AlignedCorrelation.quantisationNoise(40, 60 * 60, 255, 60 * 60);
    assertThat(AlignedCorrelation.coarseFloor(40, 60 * 60, 255, 60 * 60))
        .isEqualTo(1 - AlignedCorrelation.ONE_SIDED_NOISE_MARGIN * noise)
        .isGreaterThan(0.98);
    assertThat(AlignedCorrelation.coarseFloor(255, 60 * 60, 40, 60 * 60))
        .isEqualTo(AlignedCorrelation.coarseFloor(40, 60 * 60, 255, 60 * 60));
    // ... never below the capped floor: with a large share (8 levels) the cap stays.
    assertThat(AlignedCorrelation.coarseFloor(8, 40 * 40, 255, 40 * 40))
        .isEqualTo(AlignedCorrelation.COARSE_JOINT_CAP);
    // A joint that holds one value in either copy says nothing.
    assertThat(AlignedCorrelation.coarseFloor(0, 60 * 60, 40, 60 * 60)).isLessThan(0);
  }

  /**
   * A stored take whose third joint made its one large move before the copied stretch: in the
   * overlap it moves a few of its codes, while the copy spreads the same motion over all 255 of its
   * own. Rounding the stored joint to whole codes then costs it more correlation than the
   * correction for rounding takes back; the tolerance for that error keeps the copy above the
   * stricter threshold, while a joint that moves the other way still fails (issue 16, fifth round).
   */
  @Test
  void aJointThatMovesAFewCodesInTheOverlapIsNotHeldToItsRoundingError() {
    int n = 120;
    double[][] stored = new double[3][n];
    for (int i = 0; i < n; i++) {
      stored[0][i] = take(0, i / RATE_HZ);
      stored[1][i] = take(1, i / RATE_HZ);
      stored[2][i] = take(2, i / RATE_HZ);
    }
    double[] ratios = {20, 20, 20};
    double[] levels = {255, 255, 255};
    double start = 4.05; // the copy: from 4.05 s on, between the stored samples, x 0.8 + 3
    int m = 75;
    double[][] copy = new double[3][m];
    double[][] otherWay = new double[3][m];
    for (int j = 0; j < 3; j++) {
      for (int i = 0; i < m; i++) {
        double t = start + i / RATE_HZ;
        // what re-drawing the stored joint's rounding and smoothing leaves (0.2 of 1.4 degrees):
        // without the tolerance 0.9978
        double redrawn = j == 2 ? 0.2 * Math.sin(4.3 * t) : 0;
        copy[j][i] = 0.8 * (take(j, t) + redrawn) + 3;
        otherWay[j][i] = j < 2 ? copy[j][i] : -copy[j][i];
      }
    }
    CoarseTrajectory s = CoarseTrajectory.of(stored, RATE_HZ, ratios, levels);
    double[] perJoint = new double[3];
    AlignedCorrelation.Alignment a =
        AlignedCorrelation.at(
            CoarseTrajectory.of(copy, RATE_HZ, ratios, levels), s, start, perJoint);
    AlignedCorrelation.Alignment b =
        AlignedCorrelation.at(CoarseTrajectory.of(otherWay, RATE_HZ, ratios, levels), s, start);

    assertThat(a.joints()).isEqualTo(3);
    assertThat(perJoint[2])
        .isGreaterThanOrEqualTo(NearDuplicateConfig.defaults().minCorrelationOtherUnits());
    assertThat(a.correlation())
        .isGreaterThanOrEqualTo(NearDuplicateConfig.defaults().minCorrelationOtherUnits());
    assertThat(b.correlation()).isLessThan(0);
  }

  /** Joints 0 and 1 move widely; joint 2 makes its one large move before 3 s, then a few codes. */
  private static double take(int joint, double t) {
    return switch (joint) {
      case 0 -> 20 * Math.sin(0.9 * t);
      case 1 -> 15 * Math.cos(0.7 * t);
      default -> (t < 3 ? 100 * t / 3 : 100) + 1.4 * Math.sin(2.1 * t + 0.4);
    };
  }

  /**
   * Another take of a task at its site repeats the motion with every joint shifted by the object's
   * position: every joint keeps its scale, the values move. A copy in the same units keeps both, a
   * copy in other units changes the scale (issue 16, fifth round).
   */
  @Test
  void aMapThatOnlyShiftsValuesIsAnotherTakeNotAUnitChange() {
    double[][] stored = new double[3][SAMPLES];
    double[][] shifted = new double[3][SAMPLES];
    double[][] normalised = new double[3][SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      double t = i / RATE_HZ;
      for (int j = 0; j < 3; j++) {
        stored[j][i] = 30 * Math.sin(0.8 * t + j) + 10 * Math.sin(2.1 * t + 2 * j);
        shifted[j][i] = stored[j][i] + 4 + j; // 4-6 degrees: over 1 % of every joint's range
        normalised[j][i] = stored[j][i] * (0.7 + 0.05 * j) - 3;
      }
    }
    double[] ratios = {20, 20, 20};
    double[] levels = {255, 255, 255};
    CoarseTrajectory s = CoarseTrajectory.of(stored, RATE_HZ, ratios, levels);

    AlignedCorrelation.Alignment same =
        AlignedCorrelation.at(CoarseTrajectory.of(stored, RATE_HZ, ratios, levels), s, 0);
    AlignedCorrelation.Alignment other =
        AlignedCorrelation.at(CoarseTrajectory.of(shifted, RATE_HZ, ratios, levels), s, 0);
    AlignedCorrelation.Alignment units =
        AlignedCorrelation.at(CoarseTrajectory.of(normalised, RATE_HZ, ratios, levels), s, 0);

    assertThat(same.sameUnits()).isTrue();
    assertThat(same.onlyShifted()).isFalse();
    assertThat(other.correlation()).isGreaterThan(0.9999); // the shape alone cannot tell
    assertThat(other.sameUnits()).isFalse();
    assertThat(other.onlyShifted()).isTrue();
    assertThat(units.sameUnits()).isFalse();
    assertThat(units.onlyShifted()).isFalse();
  }

  /**
   * A stored joint that moves a few codes in the overlap cannot tell a slope of 1.1 from 1 (its
   * values move by under 1 % of its range either way): it does not turn a same-unit copy into
   * "other units"; the same slope on a joint that moves across its range does (issue 16, fifth
   * round).
   */
  @Test
  void aJointThatMovesLittleDoesNotDecideTheUnits() {
    double[][] stored = new double[3][SAMPLES];
    double[][] littleOff = new double[3][SAMPLES];
    double[][] wideOff = new double[3][SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      double t = i / RATE_HZ;
      stored[0][i] = 30 * Math.sin(0.8 * t) + 10 * Math.sin(2.1 * t);
      stored[1][i] = 25 * Math.cos(0.6 * t) + 8 * Math.sin(1.7 * t + 1);
      // its range is set by a move before the copied stretch: 2 s of 60 degrees, then 1.5 degrees
      stored[2][i] = t < 2 ? 60 * t / 2 : 60 + 1.5 * Math.sin(1.9 * t);
    }
    for (int j = 0; j < 3; j++) {
      for (int i = 0; i < SAMPLES; i++) {
        littleOff[j][i] = j == 2 ? 60 + 1.1 * (stored[j][i] - 60) : stored[j][i];
        wideOff[j][i] = j == 0 ? 1.1 * stored[j][i] : stored[j][i];
      }
    }
    double[] ratios = {20, 20, 20};
    double[] levels = {255, 255, 255};
    CoarseTrajectory s = CoarseTrajectory.of(stored, RATE_HZ, ratios, levels);
    int from = 25; // the copies start at 2.5 s
    AlignedCorrelation.Alignment little =
        AlignedCorrelation.at(clip(littleOff, from, ratios, levels), s, from / RATE_HZ);
    AlignedCorrelation.Alignment wide =
        AlignedCorrelation.at(clip(wideOff, from, ratios, levels), s, from / RATE_HZ);

    assertThat(little.joints()).isEqualTo(3);
    assertThat(little.sameUnits()).isTrue();
    assertThat(wide.joints()).isEqualTo(3);
    assertThat(wide.sameUnits()).isFalse();
  }

  /**
   * A conversion of units rescales every joint it converts; on a robot with at least 8 compared
   * joints such a match is a unit change, held to {@code minCorrelation} (issue 16, sixth round). A
   * joint that keeps its scale (a gripper left in its own units, or another take of the task, which
   * keeps most joints' scale) or fewer joints (a 6-joint arm, where other takes of one loop fit
   * under free slopes) keep the stricter threshold.
   */
  @Test
  void aConversionThatRescalesEveryOneOfManyJointsIsAUnitChange() {
    int joints = 10;
    double[][] stored = new double[joints][SAMPLES];
    double[][] converted = new double[joints][SAMPLES];
    double[][] gripperKept = new double[joints][SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      double t = i / RATE_HZ;
      for (int j = 0; j < joints; j++) {
        stored[j][i] = 30 * Math.sin(0.8 * t + j) + 10 * Math.sin(2.1 * t + 2 * j);
        converted[j][i] = stored[j][i] * (0.7 + 0.02 * j) - 3;
        gripperKept[j][i] = j == joints - 1 ? stored[j][i] : converted[j][i];
      }
    }
    double[] ratios = new double[joints];
    double[] levels = new double[joints];
    java.util.Arrays.fill(ratios, 20);
    java.util.Arrays.fill(levels, 255);
    CoarseTrajectory s = CoarseTrajectory.of(stored, RATE_HZ, ratios, levels);

    AlignedCorrelation.Alignment units =
        AlignedCorrelation.at(CoarseTrajectory.of(converted, RATE_HZ, ratios, levels), s, 0);
    AlignedCorrelation.Alignment kept =
        AlignedCorrelation.at(CoarseTrajectory.of(gripperKept, RATE_HZ, ratios, levels), s, 0);
    AlignedCorrelation.Alignment same =
        AlignedCorrelation.at(CoarseTrajectory.of(stored, RATE_HZ, ratios, levels), s, 0);
    AlignedCorrelation.Alignment sixJoints =
        AlignedCorrelation.at(
            CoarseTrajectory.of(
                java.util.Arrays.copyOf(converted, 6),
                RATE_HZ,
                java.util.Arrays.copyOf(ratios, 6),
                java.util.Arrays.copyOf(levels, 6)),
            CoarseTrajectory.of(
                java.util.Arrays.copyOf(stored, 6),
                RATE_HZ,
                java.util.Arrays.copyOf(ratios, 6),
                java.util.Arrays.copyOf(levels, 6)),
            0);

    assertThat(units.joints()).isEqualTo(joints);
    assertThat(units.sameUnits()).isFalse();
    assertThat(units.unitChange()).isTrue();
    assertThat(kept.sameUnits()).isFalse();
    assertThat(kept.unitChange()).isFalse();
    assertThat(same.unitChange()).isFalse();
    assertThat(sixJoints.sameUnits()).isFalse();
    assertThat(sixJoints.unitChange()).isFalse();

    NearDuplicateConfig config = NearDuplicateConfig.defaults();
    assertThat(config.requiredCorrelation(units.sameUnits(), units.unitChange()))
        .isEqualTo(config.minCorrelation());
    assertThat(config.requiredCorrelation(kept.sameUnits(), kept.unitChange()))
        .isEqualTo(config.minCorrelationOtherUnits());
  }

  private static CoarseTrajectory clip(
      double[][] values, int from, double[] ratios, double[] levels) {
    double[][] out = new double[values.length][values[0].length - from];
    for (int j = 0; j < values.length; j++) {
      System.arraycopy(values[j], from, out[j], 0, out[j].length);
    }
    return CoarseTrajectory.of(out, RATE_HZ, ratios, levels);
  }
}
