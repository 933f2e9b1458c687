package dev.tributary.catalog.export;

import dev.tributary.media.MediaException;
import dev.tributary.media.VideoFrameReader;
import dev.tributary.media.YuvImage;
import java.nio.file.Path;

/**
 * One camera's statistics over one episode as LeRobot's {@code compute_episode_stats} computes them
 * for a video feature (rule 31 of {@code docs/lerobot-format-rules.md}): {@code sample_indices}
 * picks {@code estimate_num_samples(n)} frames evenly spaced (numpy's {@code round(linspace)}),
 * {@code auto_downsample_height_width} keeps every {@code int(longer side / 150)}-th row and column
 * of frames whose longer side is 300 pixels or more, and per RGB channel the min, max, mean,
 * population std and the quantiles q01..q99 of {@code RunningQuantileStats} (its 5000-bin histogram
 * and interpolation, replayed exactly from the 256 possible values) are divided by 255. {@code
 * count} is the number of sampled frames. Stored with shape (3,1,1).
 *
 * <p>Frames are decoded from the episode's video as exported and converted to RGB with BT.601
 * limited-range coefficients; LeRobot reads the PNGs it recorded before encoding, so its values
 * differ by the encoding loss and by colour-conversion rounding (about one 8-bit step).
 */
final class ImageStats {
  static final int CHANNELS = 3;
  private static final int BINS = 5000;

  /** One episode's stats, already divided by 255; {@code quantiles[q][channel]}. */
  record Episode(
      double[] min, double[] max, double[] mean, double[] std, double[][] quantiles, long count) {

    /** Values of a stat in {@link EpisodeStats#statNames()} order, one per channel. */
    double[] stat(String name) {
      return switch (name) {
        case "min" -> min;
        case "max" -> max;
        case "mean" -> mean;
        case "std" -> std;
        default -> quantiles[quantileIndex(name)];
      };
    }
  }

  private final long[][] histogram = new long[CHANNELS][256];
  private final int[] sampled;
  private int next;
  private int frame;

  private ImageStats(int frames) {
    this.sampled = sampleIndices(frames);
  }

  /** Decodes {@code video} ({@code frames} frames on the dataset's grid) and samples it. */
  static Episode of(Path video, int width, int height, int frames) throws MediaException {
    ImageStats stats = new ImageStats(frames);
    try (VideoFrameReader reader = VideoFrameReader.open(video, width, height)) {
      while (stats.wantsMore() && reader.next()) {
        stats.accept(reader.image());
      }
    }
    return stats.result();
  }

  private boolean wantsMore() {
    return next < sampled.length;
  }

  /** The next frame of the episode, in order. */
  private void accept(YuvImage image) {
    while (next < sampled.length && sampled[next] == frame) {
      add(image); // a frame picked twice counts twice, as numpy's indices would
      next++;
    }
    frame++;
  }

  private void add(YuvImage image) {
    int w = image.width();
    int h = image.height();
    int step = downsampleFactor(w, h);
    byte[] ys = image.y();
    byte[] us = image.u();
    byte[] vs = image.v();
    int cw = w / 2;
    for (int row = 0; row < h; row += step) {
      for (int col = 0; col < w; col += step) {
        double y = 1.164 * ((ys[row * w + col] & 0xff) - 16);
        int c = (row / 2) * cw + col / 2;
        double u = (us[c] & 0xff) - 128;
        double v = (vs[c] & 0xff) - 128;
        histogram[0][clamp(y + 1.596 * v)]++;
        histogram[1][clamp(y - 0.392 * u - 0.813 * v)]++;
        histogram[2][clamp(y + 2.017 * u)]++;
      }
    }
  }

  private static int clamp(double value) {
    return (int) Math.max(0, Math.min(255, Math.round(value)));
  }

  private Episode result() {
    double[] min = new double[CHANNELS];
    double[] max = new double[CHANNELS];
    double[] mean = new double[CHANNELS];
    double[] std = new double[CHANNELS];
    double[][] quantiles = new double[EpisodeStats.QUANTILES.length][CHANNELS];
    for (int ch = 0; ch < CHANNELS; ch++) {
      long[] h = histogram[ch];
      long n = 0;
      double sum = 0;
      double squares = 0;
      int lo = -1;
      int hi = -1;
      for (int v = 0; v < 256; v++) {
        if (h[v] > 0) {
          lo = lo < 0 ? v : lo;
          hi = v;
          n += h[v];
          sum += (double) v * h[v];
          squares += (double) v * v * h[v];
        }
      }
      if (n == 0) {
        throw new ExportException("no frame could be sampled for image statistics");
      }
      double m = sum / n;
      min[ch] = lo / 255.0;
      max[ch] = hi / 255.0;
      mean[ch] = m / 255.0;
      std[ch] = Math.sqrt(Math.max(0, squares / n - m * m)) / 255.0;
      double[] q = runningQuantiles(h, lo, hi, n);
      for (int i = 0; i < q.length; i++) {
        quantiles[i][ch] = q[i] / 255.0;
      }
    }
    return new Episode(min, max, mean, std, quantiles, sampled.length);
  }

  /**
   * {@code RunningQuantileStats} after one {@code update}: 5000 equal bins from {@code min - 1e-10}
   * to {@code max + 1e-10} ({@code np.histogram}: the last bin includes its right edge), then
   * {@code _compute_single_quantile} for each of {@code DEFAULT_QUANTILES}.
   */
  static double[] runningQuantiles(long[] histogram256, int lo, int hi, long n) {
    double first = lo - 1e-10;
    double last = hi + 1e-10;
    double[] edges = new double[BINS + 1];
    for (int i = 0; i <= BINS; i++) {
      edges[i] = first + (last - first) * i / BINS;
    }
    long[] bins = new long[BINS];
    for (int v = lo; v <= hi; v++) {
      if (histogram256[v] == 0) {
        continue;
      }
      int bin = java.util.Arrays.binarySearch(edges, v);
      bin = bin >= 0 ? bin : -bin - 2; // the bin whose left edge is at or below v
      bins[Math.max(0, Math.min(BINS - 1, bin))] += histogram256[v];
    }
    long[] cumsum = new long[BINS];
    long running = 0;
    for (int i = 0; i < BINS; i++) {
      running += bins[i];
      cumsum[i] = running;
    }
    double[] fractions = {0.01, 0.10, 0.50, 0.90, 0.99};
    double[] out = new double[fractions.length];
    for (int q = 0; q < fractions.length; q++) {
      double target = fractions[q] * n;
      int idx = 0;
      while (idx < BINS && cumsum[idx] < target) { // np.searchsorted(cumsum, target), side left
        idx++;
      }
      if (idx == 0) {
        out[q] = edges[0];
      } else if (idx >= BINS) {
        out[q] = edges[BINS];
      } else {
        long before = cumsum[idx - 1];
        long inBin = cumsum[idx] - before;
        out[q] =
            inBin == 0
                ? edges[idx]
                : edges[idx] + (target - before) / inBin * (edges[idx + 1] - edges[idx]);
      }
    }
    return out;
  }

  /** {@code estimate_num_samples}: all frames up to 100, then n^0.75, at most 10,000. */
  static int sampleCount(int frames) {
    int floor = Math.min(100, frames);
    return Math.max(floor, Math.min((int) Math.pow(frames, 0.75), 10_000));
  }

  /** {@code np.round(np.linspace(0, n - 1, count)).astype(int)} (round half to even). */
  static int[] sampleIndices(int frames) {
    int count = sampleCount(frames);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      double x = count == 1 ? 0 : (frames - 1) * (double) i / (count - 1);
      out[i] = (int) Math.rint(x);
    }
    return out;
  }

  /** {@code auto_downsample_height_width}: stride of the longer side / 150 from 300 pixels on. */
  static int downsampleFactor(int width, int height) {
    if (Math.max(width, height) < 300) {
      return 1;
    }
    return width > height ? width / 150 : height / 150;
  }

  static int quantileIndex(String name) {
    return java.util.Arrays.asList(EpisodeStats.QUANTILES).indexOf(name);
  }
}
