package dev.tributary.recorder.camera;

import dev.tributary.schema.CameraSync;
import java.util.Arrays;

/**
 * The camera-to-joint synchronisation error of one video: for every frame, the distance from its
 * capture time to the capture time of the nearest joint sample (both on the recorder's monotonic
 * clock). With a camera and an arm running on their own clocks at 30 Hz each, the median is about a
 * quarter period (~8 ms) and the maximum half a period (~17 ms); more means frames or samples came
 * late or went missing.
 */
public final class SyncMeasure {
  private SyncMeasure() {}

  /**
   * @param frameNanos frame capture times, ascending
   * @param sampleNanos joint sample capture times, ascending
   * @return null when either is empty
   */
  public static CameraSync of(long[] frameNanos, long[] sampleNanos) {
    if (frameNanos.length == 0 || sampleNanos.length == 0) {
      return null;
    }
    long[] errors = new long[frameNanos.length];
    int j = 0;
    for (int i = 0; i < frameNanos.length; i++) {
      long t = frameNanos[i];
      while (j + 1 < sampleNanos.length && sampleNanos[j + 1] <= t) {
        j++;
      }
      long best = Math.abs(t - sampleNanos[j]);
      if (j + 1 < sampleNanos.length) {
        best = Math.min(best, Math.abs(sampleNanos[j + 1] - t));
      }
      errors[i] = best;
    }
    Arrays.sort(errors);
    return CameraSync.newBuilder()
        .setFrames(errors.length)
        .setMedianMicros(errors[(errors.length - 1) / 2] / 1000)
        .setP95Micros(errors[(int) Math.ceil(errors.length * 0.95) - 1] / 1000)
        .setMaxMicros(errors[errors.length - 1] / 1000)
        .build();
  }

  /** {@code median 8.1 ms, p95 15.6 ms, max 16.4 ms over 900 frames}. */
  public static String describe(CameraSync sync) {
    return String.format(
        java.util.Locale.ROOT,
        "median %.1f ms, p95 %.1f ms, max %.1f ms over %d frames",
        sync.getMedianMicros() / 1000.0,
        sync.getP95Micros() / 1000.0,
        sync.getMaxMicros() / 1000.0,
        sync.getFrames());
  }
}
