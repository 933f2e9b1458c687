package dev.tributary.catalog.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JointResamplerTest {

  private static float[][] ramp(int n, float step, float... binary) {
    float[][] out = new float[n][2];
    for (int i = 0; i < n; i++) {
      out[i][0] = i * step;
      out[i][1] = binary[i % binary.length];
    }
    return out;
  }

  @Test
  void fiftyHzToThirtyInterpolatesLinearlyAtKOverFpsAndStopsAtTheLastSample() {
    float[][] out = JointResampler.resample(ramp(51, 1f, 0f), 50, 30);

    assertThat(out.length).isEqualTo(31); // 1 s: frames at 0, 1/30, ..., 30/30
    for (int k = 0; k < out.length; k++) {
      assertThat((double) out[k][0]).isCloseTo(k * 50 / 30.0, within(1e-4));
    }
    assertThat(out[30][0]).isEqualTo(50f); // the last sample itself, nothing extrapolated
  }

  @Test
  void thirtyHzToFiftyUpsamplesAndEndsAtOrBeforeTheLastSample() {
    assertThat(JointResampler.frames(30, 30, 50)).isEqualTo(49); // 29/30 s -> 48/50 s
    float[][] out = JointResampler.resample(ramp(30, 3f, 0f), 30, 50);

    assertThat(out.length).isEqualTo(49);
    assertThat((double) out[1][0]).isCloseTo(3 * 30 / 50.0, within(1e-5));
    assertThat(out[0][0]).isEqualTo(0f);
  }

  @Test
  void aTwoValuedElementTakesTheNearestSampleInsteadOfABlend() {
    // a gripper command toggling 0, 0, 1, 1, 0, 0, ... at 50 Hz
    float[][] out = JointResampler.resample(ramp(50, 1f, 0f, 0f, 1f, 1f), 50, 30);

    for (int k = 0; k < out.length; k++) {
      int nearest = (int) Math.floor(k * 50 / 30.0 + 0.5 - 1e-9);
      assertThat(out[k][1]).as("frame %d", k).isIn(0f, 1f);
      assertThat(out[k][1]).isEqualTo(nearest % 4 < 2 ? 0f : 1f);
    }
  }

  @Test
  void theSameRateGivesTheSamplesBack() {
    float[][] in = ramp(7, 0.25f, 3f);
    assertThat(JointResampler.resample(in, 30, 30)).isDeepEqualTo(in);
  }
}
