package dev.tributary.curation.video;

import dev.tributary.media.SampledFrame;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The image arithmetic shared by frame hashes and scene features: a grey square thumbnail and its
 * 2-D DCT. Pure functions on plain arrays.
 */
public final class FrameMath {
  private static final int COS_TABLE_SIZE = 32;
  private static final double[][] COS_32 = cosTable(COS_TABLE_SIZE);

  /** Side of the grey thumbnail whose DCT frame hashes and scene features read. */
  public static final int THUMBNAIL = 32;

  private FrameMath() {}

  /**
   * Frequencies (vertical and horizontal) of the thumbnail's DCT that anyone reads: the frame
   * hashes read 1-8, the scene features 0-7.
   */
  public static final int THUMBNAIL_FREQUENCIES = 9;

  /**
   * {@code dct2(greySquare(frame, 32), 32)}, what {@link FrameHashes} and the scene features both
   * read of a frame, for the lowest {@link #THUMBNAIL_FREQUENCIES} vertical and horizontal
   * frequencies only (the same values as the full transform's; the other entries are 0): a sixth of
   * the full transform's arithmetic.
   */
  public static double[] thumbnailDct(SampledFrame frame) {
    return thumbnailDct(greySquare(frame, THUMBNAIL));
  }

  /** {@link #thumbnailDct(SampledFrame)} of the frame's {@code greySquare(frame, THUMBNAIL)}. */
  public static double[] thumbnailDct(double[] thumbnail) {
    return dct2(thumbnail, THUMBNAIL, THUMBNAIL_FREQUENCIES);
  }

  /**
   * {@link #thumbnailDct} of each frame computed once however often it is asked for (frames are
   * told apart by identity). Not thread-safe.
   */
  public static Function<SampledFrame, double[]> thumbnailDctOncePerFrame() {
    Map<SampledFrame, double[]> done = new IdentityHashMap<>();
    return f -> done.computeIfAbsent(f, FrameMath::thumbnailDct);
  }

  /**
   * {@link #thumbnailDctOncePerFrame()} transforming the thumbnails of {@code planes} (to share the
   * pass over the pixels with the camera checks' luma planes).
   */
  public static Function<SampledFrame, double[]> thumbnailDctOncePerFrame(
      Function<SampledFrame, FramePlanes> planes) {
    Map<SampledFrame, double[]> done = new IdentityHashMap<>();
    return f -> done.computeIfAbsent(f, g -> thumbnailDct(planes.apply(g).thumbnail()));
  }

  /**
   * The frame's luma (BT.601, 0-255) averaged over a {@code size x size} grid of cells (area
   * averaging, aspect ratio not kept), row-major.
   */
  public static double[] greySquare(SampledFrame frame, int size) {
    int w = frame.width();
    int h = frame.height();
    byte[] rgb = frame.rgb();
    double[] out = new double[size * size];
    for (int ty = 0; ty < size; ty++) {
      int y0 = ty * h / size;
      int y1 = Math.max(y0 + 1, (ty + 1) * h / size);
      for (int tx = 0; tx < size; tx++) {
        int x0 = tx * w / size;
        int x1 = Math.max(x0 + 1, (tx + 1) * w / size);
        long sum = 0;
        for (int y = y0; y < y1; y++) {
          int i = 3 * (y * w + x0);
          for (int x = x0; x < x1; x++, i += 3) {
            sum += 299L * (rgb[i] & 0xff) + 587L * (rgb[i + 1] & 0xff) + 114L * (rgb[i + 2] & 0xff);
          }
        }
        out[ty * size + tx] = sum / 1000.0 / ((y1 - y0) * (x1 - x0));
      }
    }
    return out;
  }

  /**
   * Orthonormal 2-D DCT-II of an {@code n x n} row-major block: {@code out[v * n + u]} is the
   * coefficient of vertical frequency v and horizontal frequency u; {@code out[0]} is n x the mean.
   */
  public static double[] dct2(double[] block, int n) {
    return dct2(block, n, n);
  }

  /**
   * {@link #dct2(double[], int)} for the frequencies {@code u, v < k} only (each the same sum, in
   * the same order); the other entries are 0.
   */
  static double[] dct2(double[] block, int n, int k) {
    if (block.length != n * n) {
      throw new IllegalArgumentException(
          "block has " + block.length + " values, expected " + n * n);
    }
    double[][] cos = n == COS_TABLE_SIZE ? COS_32 : cosTable(n);
    double[] rows = new double[n * n];
    for (int y = 0; y < n; y++) {
      for (int u = 0; u < k; u++) {
        double s = 0;
        for (int x = 0; x < n; x++) {
          s += block[y * n + x] * cos[u][x];
        }
        rows[y * n + u] = s;
      }
    }
    double[] out = new double[n * n];
    for (int u = 0; u < k; u++) {
      for (int v = 0; v < k; v++) {
        double s = 0;
        for (int y = 0; y < n; y++) {
          s += rows[y * n + u] * cos[v][y];
        }
        out[v * n + u] = s;
      }
    }
    return out;
  }

  /** {@code c[k][x] = a(k) cos(pi (2x + 1) k / 2n)}, orthonormal scaling. */
  private static double[][] cosTable(int n) {
    double[][] c = new double[n][n];
    for (int k = 0; k < n; k++) {
      double a = k == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
      for (int x = 0; x < n; x++) {
        c[k][x] = a * Math.cos(Math.PI * (2 * x + 1) * k / (2.0 * n));
      }
    }
    return c;
  }
}
