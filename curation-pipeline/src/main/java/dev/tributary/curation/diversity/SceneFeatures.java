package dev.tributary.curation.diversity;

import dev.tributary.curation.video.FrameMath;
import dev.tributary.media.SampledFrame;
import java.util.List;
import java.util.function.Function;

/**
 * A compact, model-free description of what an episode's cameras see (table, light, colours,
 * layout), for novelty and coverage scoring together with motion and task features.
 *
 * <p>Layout of the {@value #LENGTH} floats (L2 norm 1):
 *
 * <ul>
 *   <li>{@code [0, 63)} <b>layout</b>: the 2-D DCT of the frame's luma averaged to 32 x 32, the 8 x
 *       8 lowest frequencies without the DC term ({@code (v, u)} row-major, v and u in 0..7,
 *       skipping (0, 0)), averaged over frames and cameras; this block is scaled to norm 1/sqrt(2)
 *       (it describes where bright and dark regions are, independent of overall brightness);
 *   <li>{@code [63, 191)} <b>colour</b>: an HSV histogram with 8 hue x 4 saturation x 4 value bins
 *       (index {@code 63 + (h * 4 + s) * 4 + v}; pixels with saturation below 1/4 all count in hue
 *       bin 0, their hue being noise) of every second pixel of every second row, pooled over frames
 *       and cameras, square-rooted (so Euclidean distance is the Hellinger distance between colour
 *       distributions) and scaled to norm 1/sqrt(2).
 * </ul>
 *
 * Both blocks weigh the same, so the cosine (the dot product) of two vectors is the mean of the
 * layout and colour similarities. A block that is all zero (a uniform grey image has no layout)
 * stays zero and the other block is scaled to norm 1. Cost: ~0.3 ms per 128 x 96 frame.
 */
public final class SceneFeatures {
  public static final int LAYOUT_DIMS = 63;
  public static final int HUE_BINS = 8;
  public static final int SATURATION_BINS = 4;
  public static final int VALUE_BINS = 4;
  public static final int COLOUR_DIMS = HUE_BINS * SATURATION_BINS * VALUE_BINS;
  public static final int COLOUR_OFFSET = LAYOUT_DIMS;
  public static final int LENGTH = LAYOUT_DIMS + COLOUR_DIMS;

  private static final int GREY_SIZE = FrameMath.THUMBNAIL;
  private static final int BLOCK = 8;

  private SceneFeatures() {}

  /**
   * The feature vector of the frames (all cameras of one episode).
   *
   * @throws IllegalArgumentException when there is no frame
   */
  public static float[] of(List<SampledFrame> frames) {
    return of(frames, FrameMath::thumbnailDct);
  }

  /**
   * {@link #of(List)} with each frame's {@link FrameMath#thumbnailDct} from {@code dct} (to share
   * it with the frame hashes).
   */
  public static float[] of(List<SampledFrame> frames, Function<SampledFrame, double[]> dct) {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("scene features need at least one frame");
    }
    double[] layout = new double[LAYOUT_DIMS];
    double[] colour = new double[COLOUR_DIMS];
    for (SampledFrame f : frames) {
      double[] coefficients = dct.apply(f);
      int i = 0;
      for (int v = 0; v < BLOCK; v++) {
        for (int u = 0; u < BLOCK; u++) {
          if (u == 0 && v == 0) {
            continue;
          }
          layout[i++] += coefficients[v * GREY_SIZE + u] / frames.size();
        }
      }
      addHistogram(f, colour);
    }
    for (int i = 0; i < colour.length; i++) {
      colour[i] = Math.sqrt(colour[i]); // counts -> Hellinger embedding (normalised below)
    }
    // below 1e-6 a block is rounding noise (the DCT of a uniform picture): treat it as empty
    double layoutNorm = norm(layout) < 1e-6 ? 0 : norm(layout);
    double colourNorm = norm(colour);
    double layoutWeight = colourNorm > 0 ? Math.sqrt(0.5) : 1;
    double colourWeight = layoutNorm > 0 ? Math.sqrt(0.5) : 1;
    float[] out = new float[LENGTH];
    for (int i = 0; i < LAYOUT_DIMS; i++) {
      out[i] = layoutNorm > 0 ? (float) (layout[i] / layoutNorm * layoutWeight) : 0f;
    }
    for (int i = 0; i < COLOUR_DIMS; i++) {
      out[COLOUR_OFFSET + i] =
          colourNorm > 0 ? (float) (colour[i] / colourNorm * colourWeight) : 0f;
    }
    return out;
  }

  /** Cosine similarity of two feature vectors (their dot product: both have norm 1). */
  public static double similarity(float[] a, float[] b) {
    if (a.length != LENGTH || b.length != LENGTH) {
      throw new IllegalArgumentException("scene feature vectors have " + LENGTH + " floats");
    }
    double s = 0;
    for (int i = 0; i < LENGTH; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  /**
   * Adds the frame's colour bins of every second pixel of every second row (those at even x and
   * even y), a quarter of the pixels: the bins were 8-9 % of the curation thread's profile samples
   * with video, and a histogram of 8 x 4 x 4 bins pooled over 8 frames is hardly moved by the
   * sampling (on the real recordings the colour block's cosine to the every-pixel one stays >=
   * 0.999, see {@code SceneFeaturesSamplingTest}).
   */
  static void addHistogram(SampledFrame f, double[] colour) {
    byte[] rgb = f.rgb();
    int rowBytes = f.width() * 3;
    int[] counts = new int[COLOUR_DIMS];
    for (int row = 0; row < rgb.length; row += 2 * rowBytes) {
      for (int i = row; i < row + rowBytes; i += 6) {
        counts[bin(rgb[i] & 0xff, rgb[i + 1] & 0xff, rgb[i + 2] & 0xff)]++;
      }
    }
    for (int i = 0; i < COLOUR_DIMS; i++) {
      colour[i] += counts[i]; // whole counts: the same sums as adding 1 per pixel
    }
  }

  /**
   * A pixel's colour bin {@code (h * SATURATION_BINS + s) * VALUE_BINS + v}: saturation {@code
   * chroma / max} and value {@code max} binned, and the hue sextant {@code 0-6} ({@code (g - b) /
   * chroma} and so on, by which channel is largest) binned when the saturation bin is not 0. The
   * divisions are looked up in tables made with the same arithmetic at class loading (two divisions
   * per pixel were a tenth of the curation thread with video): the same bins.
   */
  static int bin(int r, int g, int b) {
    int max = Math.max(r, Math.max(g, b));
    int chroma = max - Math.min(r, Math.min(g, b));
    int sv = SATURATION_VALUE[max << 8 | chroma];
    if (sv < VALUE_BINS || chroma == 0) { // saturation bin 0: hue bin 0
      return sv;
    }
    int sextant;
    int numerator;
    if (max == r) {
      sextant = 0;
      numerator = g - b;
    } else if (max == g) {
      sextant = 1;
      numerator = b - r;
    } else {
      sextant = 2;
      numerator = r - g;
    }
    int h = HUE[sextant * HUE_SEXTANT + ((numerator + 255) << 8 | chroma)];
    return h * SATURATION_BINS * VALUE_BINS + sv;
  }

  /** {@code [max << 8 | chroma]}: {@code s * VALUE_BINS + v} (chroma <= max). */
  private static final byte[] SATURATION_VALUE = new byte[256 * 256];

  /** Entries per sextant of {@link #HUE}: numerators -255..255, chromas 0..255. */
  private static final int HUE_SEXTANT = 511 * 256;

  /** {@code [sextant * HUE_SEXTANT + ((numerator + 255) << 8 | chroma)]}: the hue bin. */
  private static final byte[] HUE = new byte[3 * HUE_SEXTANT];

  static {
    for (int max = 0; max < 256; max++) {
      for (int chroma = 0; chroma <= max; chroma++) {
        double saturation = max == 0 ? 0 : (double) chroma / max;
        int s = Math.min(SATURATION_BINS - 1, (int) (saturation * SATURATION_BINS));
        int v = Math.min(VALUE_BINS - 1, max * VALUE_BINS / 256);
        SATURATION_VALUE[max << 8 | chroma] = (byte) (s * VALUE_BINS + v);
      }
    }
    for (int sextant = 0; sextant < 3; sextant++) {
      for (int numerator = -255; numerator <= 255; numerator++) {
        for (int chroma = Math.max(1, Math.abs(numerator)); chroma < 256; chroma++) {
          double hue; // 0-6
          if (sextant == 0) {
            hue = (double) numerator / chroma;
            if (hue < 0) {
              hue += 6;
            }
          } else if (sextant == 1) {
            hue = 2 + (double) numerator / chroma;
          } else {
            hue = 4 + (double) numerator / chroma;
          }
          HUE[sextant * HUE_SEXTANT + ((numerator + 255) << 8 | chroma)] =
              (byte) Math.min(HUE_BINS - 1, (int) (hue / 6 * HUE_BINS));
        }
      }
    }
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
