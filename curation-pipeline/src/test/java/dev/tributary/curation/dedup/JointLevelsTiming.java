package dev.tributary.curation.dedup;

import java.util.*;

/**
 * Thread CPU of {@link JointLevels#of} on 400 continuous 6-joint, 600-sample trajectories, 8 rounds
 * (the last rounds warm). Not a test: run by hand, see BENCHMARKS.md (issue 16, third round,
 * admission cost).
 */
public final class JointLevelsTiming {
  private JointLevelsTiming() {}

  public static void main(String[] a) {
    SplittableRandom r = new SplittableRandom(1);
    int n = 600;
    int J = 6;
    int T = 400;
    Trajectory[] ts = new Trajectory[T];
    for (int t = 0; t < T; t++) {
      long[] nanos = new long[n];
      float[][] s = new float[J][n];
      for (int i = 0; i < n; i++) {
        nanos[i] = i * 33_333_333L;
        for (int j = 0; j < J; j++)
          s[j][i] = (float) (Math.sin(i * 0.01 * (j + 1) + t) * 30 + r.nextGaussian() * 0.01);
      }
      ts[t] = Trajectory.ofColumns(nanos, s);
    }
    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 8; round++) {
      long c0 = bean.getCurrentThreadCpuTime();
      double sink = 0;
      for (Trajectory t : ts) sink += JointLevels.of(t)[0];
      long c1 = bean.getCurrentThreadCpuTime();
      System.out.printf(
          "round %d: %.1f us per trajectory (%s)%n", round, (c1 - c0) / 1e3 / T, sink > 0);
    }
  }
}
