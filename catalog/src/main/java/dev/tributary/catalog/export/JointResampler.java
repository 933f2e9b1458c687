package dev.tributary.catalog.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * Replaces the rows in the DuckDB table {@code staged} of every episode recorded at another rate
   * than the dataset's fps ({@code --resample-fps}) by rows on the dataset's grid ({@link
   * JointResampler}); their videos follow, re-timed to the new row count by {@link VideoExport}.
   */
  static void resampleStaged(Connection db, ExportPlan plan) throws SQLException {
    for (ExportPlan.Episode e : plan.episodes()) {
      if (!e.resampledTo(plan.fps())) {
        continue;
      }
      List<float[]> states = new ArrayList<>();
      List<float[]> actions = new ArrayList<>();
      long taskIndex = e.taskIndex;
      try (PreparedStatement ps =
          db.prepareStatement(
              "SELECT \"observation.state\", action FROM staged WHERE episode_index = ?"
                  + " ORDER BY frame_index")) {
        ps.setLong(1, e.index);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            states.add(floats(rs.getArray(1)));
            actions.add(floats(rs.getArray(2)));
          }
        }
      }
      if (states.isEmpty()) {
        continue; // reported as missing frames by writeData
      }
      float[][] state =
          JointResampler.resample(states.toArray(float[][]::new), e.sourceRate, plan.fps());
      float[][] action =
          JointResampler.resample(actions.toArray(float[][]::new), e.sourceRate, plan.fps());
      try (PreparedStatement ps =
          db.prepareStatement("DELETE FROM staged WHERE episode_index = ?")) {
        ps.setLong(1, e.index);
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          db.prepareStatement("INSERT INTO staged VALUES (?::FLOAT[], ?::FLOAT[], ?, ?, ?)")) {
        for (int k = 0; k < state.length; k++) {
          ps.setString(1, java.util.Arrays.toString(state[k]));
          ps.setString(2, java.util.Arrays.toString(action[k]));
          ps.setLong(3, k);
          ps.setLong(4, e.index);
          ps.setLong(5, taskIndex);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private static float[] floats(java.sql.Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = ((Number) values[i]).floatValue();
    }
    return out;
  }
}
