package dev.tributary.curation.bench;

import dev.tributary.curation.dedup.Trajectory;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Cheap synthetic 6-joint episodes (fewer with {@link #JOINTS}) for the scale benchmark (10^4-10^6
 * indexed): minimum-jerk moves between random poses with random holds, 8-16 s at 30 Hz, a little
 * tremor and 0.1-degree noise. Unlike {@link SimTakes} they are not one task at a few sites, so
 * they say nothing about hard negatives; they only fill the index realistically enough to time
 * lookups and measure memory.
 */
public final class SplineEpisodes {
  /**
   * Joints kept of the six ({@code -Dtributary.bench.scaleJoints}, default 6): the first n columns
   * of the same episode, to measure what takes of few joints cost (they store the few-joint stretch
   * postings besides the others).
   */
  static final int JOINTS = Integer.getInteger("tributary.bench.scaleJoints", 6);

  private SplineEpisodes() {}

  public static Trajectory episode(long seed) {
    // Mixed: SplittableRandom seeds a multiple of its gamma apart give shifted copies of one
    // stream.
    SplittableRandom random = new SplittableRandom(SimTakes.fnv64("spline/" + seed));
    double duration = 8 + 8 * random.nextDouble();
    double rate = 30;
    int samples = (int) (duration * rate);
    double[][] values = new double[samples][6];
    double[] times = new double[samples];
    double[] from = new double[6];
    double[] to = new double[6];
    double[] tremor = new double[6];
    for (int j = 0; j < 6; j++) {
      from[j] = pose(j, random);
      to[j] = from[j];
      tremor[j] = 0.5 + 2.5 * random.nextDouble();
    }
    double segmentStart = 0;
    double segmentEnd = 0;
    for (int i = 0; i < samples; i++) {
      double t = i / rate;
      if (t >= segmentEnd) {
        System.arraycopy(to, 0, from, 0, 6);
        segmentStart = t + 0.8 * random.nextDouble();
        segmentEnd = segmentStart + 0.5 + random.nextDouble();
        for (int j = 0; j < 6; j++) {
          to[j] = random.nextDouble() < 0.7 ? pose(j, random) : from[j];
        }
      }
      double s = Math.max(0, Math.min(1, (t - segmentStart) / (segmentEnd - segmentStart)));
      double blend = s * s * s * (10 - 15 * s + 6 * s * s);
      times[i] = t;
      for (int j = 0; j < 6; j++) {
        values[i][j] =
            (float)
                (from[j]
                    + (to[j] - from[j]) * blend
                    + 0.2 * Math.sin(2 * Math.PI * tremor[j] * t + j)
                    + 0.1 * random.nextGaussian());
      }
    }
    if (JOINTS < 6) {
      for (int i = 0; i < samples; i++) {
        values[i] = Arrays.copyOf(values[i], JOINTS);
      }
    }
    return new Trajectory(values, times);
  }

  private static double pose(int joint, SplittableRandom random) {
    return joint == 5 ? 100 * random.nextDouble() : -90 + 180 * random.nextDouble();
  }
}
