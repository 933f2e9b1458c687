package dev.tributary.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The fixture takes of {@link RealDataEndToEndIT} have what real SO-101 recordings have and the
 * joint checks must tolerate; without it, "no joint flag" there would prove nothing.
 */
class So101TakeTest {

  @Test
  void aTakeRestsNearItsLimitsHoldsEncodersStillAndTracksItsLeader() {
    for (int fps : new int[] {30, 50}) {
      So101Take take = So101Take.record(7, fps, 7 * fps);
      float[][] s = take.state;
      float[][] a = take.action;
      int n = take.frames();

      assertThat(s[0][1]).as("shoulder lift at rest").isLessThan(-98f);
      assertThat(s[0][2]).as("elbow at rest").isGreaterThan(96f);
      assertThat(s[0][5]).as("gripper at its stop").isEqualTo(0f);
      assertThat(s[n - 1][5]).as("gripper back near its stop").isLessThan(1f);
      float widest = 0;
      for (float[] frame : s) {
        widest = Math.max(widest, frame[5]);
      }
      assertThat(widest).as("gripper opened").isBetween(30f, 46f);

      // the wrist roll reads exactly the same value for seconds while the shoulder moves
      int held = 0;
      int longest = 0;
      boolean othersMoved = false;
      for (int i = 1; i < n; i++) {
        held = s[i][4] == s[i - 1][4] ? held + 1 : 0;
        longest = Math.max(longest, held);
        othersMoved |= held > 0 && s[i][0] != s[i - 1][0];
      }
      assertThat(longest).as("frames of an exactly held wrist roll").isGreaterThan(2 * fps);
      assertThat(othersMoved).isTrue();

      // the follower tracks its leader closely (the pinned check's action rule applies)
      for (int j = 0; j < So101Take.JOINTS.length; j++) {
        double[] gap = new double[n];
        for (int i = 0; i < n; i++) {
          gap[i] = Math.abs(s[i][j] - a[i][j]);
        }
        Arrays.sort(gap);
        // the gripper's jaw stops on the cube while its command squeezes on: a wider gap
        double limit = j == 5 ? 10 : 2;
        assertThat(gap[n / 2]).as("median |state - action| of joint %d", j).isLessThan(limit);
      }
    }
  }

  @Test
  void anotherSeedIsAnotherTake() {
    So101Take one = So101Take.record(1, 30, 210);
    So101Take other = So101Take.record(2, 30, 210);

    assertThat(one.state[105]).isNotEqualTo(other.state[105]);
  }
}
