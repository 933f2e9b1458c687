package dev.tributary.curation.dedup;

/**
 * The new episode's smoothed joints on the sketch's 20 Hz grid (issue 16, ninth round), kept in
 * memory with its {@link TrajectorySketch} and never stored: the index keeps only the {@link
 * CoarseTrajectory} of each episode (at most 128 samples per joint, so a take longer than 12.7 s is
 * kept under 10 Hz: 0.88 Hz for a 144 s take). Confirmation ({@link StoredGrid}) re-draws the new
 * episode's coarse copy from this grid on the stored copy's own sample times, as the sketcher drew
 * the stored copy from its own grid, so the two copies are compared sample for sample instead of
 * one being interpolated between samples it does not resolve.
 */
final class FineTrajectory {
  private final float[][] smooth;
  private final double[] motionRatios;
  private final double[] levels;
  private final double durationS;
  private final double[] redrawVar;

  /**
   * @param smooth per joint, the smoothed values at {@code k / GRID_HZ} seconds from the start
   * @param motionRatios per joint, as the sketch's coarse copy keeps them
   * @param levels per joint, as the sketch's coarse copy keeps them
   * @param redrawVar per joint, as the sketch's coarse copy keeps it ({@link
   *     CoarseTrajectory#redrawVar}; codes of the whole episode's range, which a re-drawing from
   *     the grid keeps up to its ends)
   */
  FineTrajectory(
      double[][] smooth,
      double[] motionRatios,
      double[] levels,
      double durationS,
      double[] redrawVar) {
    this.smooth = new float[smooth.length][];
    for (int j = 0; j < smooth.length; j++) {
      this.smooth[j] = new float[smooth[j].length];
      for (int k = 0; k < smooth[j].length; k++) {
        this.smooth[j][k] = (float) smooth[j][k];
      }
    }
    this.motionRatios = motionRatios.clone();
    this.levels = levels.clone();
    this.durationS = durationS;
    this.redrawVar = redrawVar.clone();
  }

  int joints() {
    return smooth.length;
  }

  double durationS() {
    return durationS;
  }

  /**
   * A coarse copy sampled at {@code rateHz} from {@code firstS} seconds on (its sample {@code i} is
   * the episode at {@code firstS + i / rateHz}), to the episode's end, quantised as the sketch
   * quantises its own (each joint between its own minimum and maximum), with the sketch's motion
   * ratios, levels and re-drawing allowance; the values between grid points linearly interpolated,
   * as the sketcher draws its copy.
   */
  CoarseTrajectory drawnAt(double rateHz, double firstS) {
    int joints = smooth.length;
    int samples =
        firstS > durationS ? 0 : (int) Math.floor((durationS - firstS) * rateHz + 1e-9) + 1;
    double[][] values = new double[joints][samples];
    for (int j = 0; j < joints; j++) {
      float[] grid = smooth[j];
      for (int i = 0; i < samples; i++) {
        double x = (firstS + i / rateHz) * TrajectorySketcher.GRID_HZ;
        int k = Math.max(0, Math.min(grid.length - 1, (int) Math.floor(x)));
        double f = Math.max(0, x - k);
        values[j][i] = k + 1 < grid.length ? grid[k] + (grid[k + 1] - grid[k]) * f : grid[k];
      }
    }
    return CoarseTrajectory.of(values, rateHz, motionRatios, levels).withRedraw(redrawVar);
  }
}
