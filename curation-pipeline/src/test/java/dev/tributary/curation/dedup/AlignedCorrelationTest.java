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
    // A joint that holds one value in either copy says nothing.
    assertThat(AlignedCorrelation.coarseFloor(0, 60 * 60, 40, 60 * 60)).isLessThan(0);
  }
}
