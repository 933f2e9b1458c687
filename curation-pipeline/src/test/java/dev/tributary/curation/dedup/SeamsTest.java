package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class SeamsTest {
  /** Two smooth sweeps of 1.3 s at 100 Hz, the second starting 10 degrees from the first's end. */
  private static Trajectory twoTakes() {
    Trajectory first =
        ConcatenatedShortTakeTest.move(
            1.3, new double[] {0.4, 0.55, 0.7}, new double[] {30, 40, 50, 50}, 1);
    Trajectory second =
        ConcatenatedShortTakeTest.move(
            1.3, new double[] {0.4, 0.55, 0.7}, new double[] {46, 30, 59, 60}, 2);
    return ConcatenatedShortTakeTest.concatenate(first, second);
  }

  @Test
  void aBoundaryNearTheSeamMovesBetweenTheTwoRecordingsSamples() {
    Trajectory t = twoTakes(); // the first ends at 1.30 s, the second starts at 1.31 s

    assertThat(Seams.of(t).snap(1.2, 0.25)).isCloseTo(1.305, offset(1e-9));
    assertThat(Seams.of(t).snap(1.45, 0.25)).isCloseTo(1.305, offset(1e-9));
    assertThat(t.stretch(1.305, t.durationS()).timeS(0)).isCloseTo(1.31, offset(1e-9));
    Trajectory before = t.stretch(0, 1.305);
    assertThat(before.timeS(before.samples() - 1)).isCloseTo(1.30, offset(1e-9));
  }

  @Test
  void aBoundaryOutOfReachOrWithoutASeamStaysWhereItWas() {
    assertThat(Seams.of(twoTakes()).snap(0.9, 0.25)).isEqualTo(0.9);
    Trajectory smooth =
        ConcatenatedShortTakeTest.move(
            2.6, new double[] {0.6, 1.2, 1.9}, new double[] {30, 40, 50, 50}, 3);
    assertThat(Seams.of(smooth).snap(1.3, 1.0)).isEqualTo(1.3);
  }
}
