package dev.tributary.catalog.export;

/**
 * Converts one episode's joint vectors (state or action) from the rate they were recorded at to the
 * dataset's fps ({@code --resample-fps}), so that row k holds the joints at exactly {@code k / fps}
 * (LeRobot's {@code timestamp = frame_index / fps}, rule 18), with sample i of the source at {@code
 * i / sourceRate}.
 *
 * <ul>
 *   <li>Each element is interpolated linearly between the two source samples around {@code k /
 *       fps}.
 *   <li>An element that takes at most two distinct values over the episode (a binary gripper or
 *       on/off command) is not blended: it takes the value of the nearest source sample (ties to
 *       the earlier one), as the video takes the nearest frame, so no 0.4 appears between 0 and 1.
 *   <li>Episode ends: frame 0 is sample 0, and the last frame is the last grid point at or before
 *       the last sample ({@link #frames}); nothing is extrapolated or held past the recording.
 * </ul>
 */
final class JointResampler {
  private JointResampler() {}

  /** Guards {@code floor} against k * rate / fps landing a hair under an integer. */
  private static final double EPSILON = 1e-9;

  /** Rows an episode of {@code samples} samples at {@code sourceRate} gets at {@code fps}. */
  static int frames(int samples, double sourceRate, double fps) {
    if (samples <= 0) {
      return 0;
    }
    return (int) Math.floor((samples - 1) * fps / sourceRate + EPSILON) + 1;
  }

  /**
   * @param samples one vector per source sample, all the same length
   * @return {@link #frames} vectors on the {@code 1 / fps} grid
   */
  static float[][] resample(float[][] samples, double sourceRate, double fps) {
    int n = samples.length;
    int out = frames(n, sourceRate, fps);
    int d = n == 0 ? 0 : samples[0].length;
    boolean[] discrete = new boolean[d];
    for (int j = 0; j < d; j++) {
      discrete[j] = atMostTwoValues(samples, j);
    }
    float[][] result = new float[out][d];
    for (int k = 0; k < out; k++) {
      double position = k * sourceRate / fps;
      int i = Math.min(n - 1, (int) Math.floor(position + EPSILON));
      double frac = Math.max(0, Math.min(1, position - i));
      int next = Math.min(n - 1, i + 1);
      int nearest = frac > 0.5 + EPSILON ? next : i;
      for (int j = 0; j < d; j++) {
        result[k][j] =
            discrete[j]
                ? samples[nearest][j]
                : (float) (samples[i][j] * (1 - frac) + samples[next][j] * frac);
      }
    }
    return result;
  }

  private static boolean atMostTwoValues(float[][] samples, int j) {
    float first = samples[0][j];
    Float second = null;
    for (float[] sample : samples) {
      float v = sample[j];
      if (Float.compare(v, first) == 0) {
        continue;
      }
      if (second == null) {
        second = v;
      } else if (Float.compare(v, second) != 0) {
        return false;
      }
    }
    return true;
  }
}
