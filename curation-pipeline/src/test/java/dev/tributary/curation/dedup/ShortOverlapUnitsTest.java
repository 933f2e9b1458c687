package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The unit-identity test of a short overlap fits its slope away from the overlap's ends ({@link
 * AlignedCorrelation#UNITS_EDGE_S}; issue 16, twelfth round).
 */
class ShortOverlapUnitsTest {
  private static final double SOURCE_HZ = 100;
  private static final double DURATION_S = 1.1;

  /**
   * A 1.1 s take: three joints reach through the middle (minimum-jerk, 20-60 degrees), the fourth
   * travels one degree and does so mostly near the take's ends, as a short exoskeleton take's
   * smallest-range joint does. {@code scale} rescales that fourth joint's motion about its middle.
   */
  private static double value(int joint, double t, double scale) {
    double u = t / DURATION_S;
    double reach = 10 * u * u * u - 15 * u * u * u * u + 6 * u * u * u * u * u;
    return switch (joint) {
      case 0 -> 20 + 60 * reach;
      case 1 -> -10 - 25 * reach;
      case 2 -> 5 + 20 * reach * reach;
      default -> 3.5 + scale * (0.3 * (u - 0.5) + 2.8 * Math.pow(u - 0.5, 3));
    };
  }

  /** The take sampled at {@code rateHz} from {@code phaseS} on, each joint times {@code factor}. */
  private static Trajectory take(double rateHz, double phaseS, double scale, double factor) {
    int n = (int) Math.floor((DURATION_S - phaseS) * rateHz + 1e-9) + 1;
    double[][] values = new double[n][4];
    double[] times = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = phaseS + i / rateHz;
      for (int j = 0; j < 4; j++) {
        values[i][j] = factor * value(j, times[i], scale);
      }
    }
    return new Trajectory(values, times);
  }

  private static AlignedCorrelation.Alignment align(Trajectory copy, double phaseS) {
    CoarseTrajectory stored = TrajectorySketch.of(take(SOURCE_HZ, 0, 1, 1)).coarse();
    return AlignedCorrelation.align(TrajectorySketch.of(copy).coarse(), stored, phaseS, -2);
  }

  @Test
  void aShortResampledCopyWhoseSmallJointMovesAtItsEndsKeepsItsUnits() {
    // Resampled to 60 Hz from 30 ms on: its smoothing clamps its ends inside the stored take's,
    // which on all samples fits the small joint a slope 4 % off (inner samples: within 1 %).
    AlignedCorrelation.Alignment resampled = align(take(60, 0.03, 1, 1), 0.03);

    assertThat(resampled.overlapS()).isLessThan(2 * AlignedCorrelation.EDGE_S + 1);
    assertThat(resampled.correlation()).isGreaterThan(0.9985);
    assertThat(resampled.joints()).isEqualTo(4);
    assertThat(resampled.sameUnits()).isTrue();
  }

  @Test
  void aShortCopyStillChangesUnitsWhenItsValuesOrItsScaleDo() {
    // The same resample in radians: every slope is 0.017.
    AlignedCorrelation.Alignment radians = align(take(60, 0.03, 1, Math.PI / 180), 0.03);
    // The small joint moving 15 % more (on the inner samples too) in an otherwise exact copy.
    AlignedCorrelation.Alignment rescaled = align(take(SOURCE_HZ, 0, 1.15, 1), 0);

    assertThat(radians.sameUnits()).isFalse();
    assertThat(radians.correlation()).isGreaterThan(0.9985);
    assertThat(rescaled.sameUnits()).isFalse();
    assertThat(rescaled.correlation()).isGreaterThan(0.9985);
  }
}
