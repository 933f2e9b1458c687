package dev.tributary.curation.video;

import dev.tributary.media.SampledFrame;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A sampled frame's luma plane (what the camera checks measure) and its grey thumbnail (what the
 * frame hashes and scene features transform), from one pass over its RGB bytes.
 *
 * <p>Both are sums of the same per-pixel BT.601 numerator {@code 299 r + 587 g + 114 b}: the plane
 * holds it divided by 1000 ({@link SampledFrame#lumaPlane()}), the thumbnail its sum over each cell
 * ({@link FrameMath#greySquare}). The camera checks and the thumbnail each computed it for every
 * pixel; here it is computed once and added to its cell on the way. The sums are {@code long}s of
 * integers, so the order they are added in changes nothing: the same plane and the same doubles.
 * When the frame is smaller than the thumbnail on a side its cells overlap (a pixel counts in
 * several), and the thumbnail is computed by {@link FrameMath#greySquare} itself.
 *
 * @param luma the luma plane, row-major, 0-255 ({@link SampledFrame#lumaPlane()})
 * @param thumbnail {@code FrameMath.greySquare(frame, FrameMath.THUMBNAIL)}
 */
public record FramePlanes(int[] luma, double[] thumbnail) {
  private static final int SIZE = FrameMath.THUMBNAIL;

  /** The frame's planes, one pass over its pixels. */
  public static FramePlanes of(SampledFrame frame) {
    int w = frame.width();
    int h = frame.height();
    if (w < SIZE || h < SIZE) {
      return new FramePlanes(frame.lumaPlane(), FrameMath.greySquare(frame, SIZE));
    }
    byte[] rgb = frame.rgb();
    int[] luma = new int[w * h];
    long[] cells = new long[SIZE * SIZE];
    // w, h >= SIZE: each cell is at least one pixel wide and high, and cell t ends where t + 1
    // starts (FrameMath.greySquare's bounds), so every pixel is in exactly one cell
    int[] xEnd = new int[SIZE];
    for (int tx = 0; tx < SIZE; tx++) {
      xEnd[tx] = (tx + 1) * w / SIZE;
    }
    for (int ty = 0; ty < SIZE; ty++) {
      int yEnd = (ty + 1) * h / SIZE;
      for (int y = ty * h / SIZE; y < yEnd; y++) {
        int i = y * w;
        int j = 3 * i;
        for (int tx = 0; tx < SIZE; tx++) {
          long sum = 0;
          for (int end = y * w + xEnd[tx]; i < end; i++, j += 3) {
            int v = 299 * (rgb[j] & 0xff) + 587 * (rgb[j + 1] & 0xff) + 114 * (rgb[j + 2] & 0xff);
            luma[i] = v / 1000;
            sum += v;
          }
          cells[ty * SIZE + tx] += sum;
        }
      }
    }
    double[] thumbnail = new double[SIZE * SIZE];
    for (int ty = 0; ty < SIZE; ty++) {
      int y0 = ty * h / SIZE;
      int y1 = (ty + 1) * h / SIZE;
      for (int tx = 0; tx < SIZE; tx++) {
        int x0 = tx * w / SIZE;
        int x1 = xEnd[tx];
        thumbnail[ty * SIZE + tx] = cells[ty * SIZE + tx] / 1000.0 / ((y1 - y0) * (x1 - x0));
      }
    }
    return new FramePlanes(luma, thumbnail);
  }

  /**
   * {@link #of} of each frame computed once however often it is asked for (frames are told apart by
   * identity): the camera checks, frame hashes and scene features of one episode share it. Not
   * thread-safe.
   */
  public static Function<SampledFrame, FramePlanes> oncePerFrame() {
    Map<SampledFrame, FramePlanes> done = new IdentityHashMap<>();
    return f -> done.computeIfAbsent(f, FramePlanes::of);
  }
}
