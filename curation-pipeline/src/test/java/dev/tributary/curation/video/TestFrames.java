package dev.tributary.curation.video;

import dev.tributary.media.SampledFrame;
import dev.tributary.media.SampledVideo;
import java.util.List;
import java.util.Random;

/** Synthetic sampled frames: a textured scene, a moving "arm", and the camera faults. */
public final class TestFrames {
  private TestFrames() {}

  /**
   * A scene of coloured rectangles (fixed by {@code sceneSeed}) with a bright bar ("the arm") whose
   * position follows {@code armPosition} (0-1).
   */
  public static SampledFrame scene(long sceneSeed, double armPosition, int w, int h, double t) {
    Random r = new Random(sceneSeed);
    byte[] rgb = new byte[w * h * 3];
    int baseR = 60 + r.nextInt(120);
    int baseG = 60 + r.nextInt(120);
    int baseB = 60 + r.nextInt(120);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        set(rgb, w, x, y, baseR + y / 4, baseG, baseB + x / 8);
      }
    }
    for (int k = 0; k < 8; k++) {
      int x0 = r.nextInt(w);
      int y0 = r.nextInt(h);
      int rw = 4 + r.nextInt(w / 3);
      int rh = 4 + r.nextInt(h / 3);
      int cr = r.nextInt(256);
      int cg = r.nextInt(256);
      int cb = r.nextInt(256);
      fill(rgb, w, h, x0, y0, x0 + rw, y0 + rh, cr, cg, cb);
    }
    int armX = (int) (armPosition * (w - w / 8));
    fill(rgb, w, h, armX, h / 4, armX + w / 10, h - h / 6, 235, 235, 225);
    return new SampledFrame(t, w, h, rgb);
  }

  /** The frame seen through an out-of-focus lens: 3 box blurs of {@code radius}. */
  public static SampledFrame blurred(SampledFrame f, int radius) {
    int w = f.width();
    int h = f.height();
    byte[] rgb = f.rgb().clone();
    for (int pass = 0; pass < 3; pass++) {
      for (int c = 0; c < 3; c++) {
        boxBlur(rgb, w, h, c, radius);
      }
    }
    return new SampledFrame(f.timeSeconds(), w, h, rgb);
  }

  /** The frame with 1/14 of its brightness (the simulator's dark camera). */
  public static SampledFrame darkened(SampledFrame f) {
    byte[] rgb = f.rgb().clone();
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) ((rgb[i] & 0xff) / 14);
    }
    return new SampledFrame(f.timeSeconds(), f.width(), f.height(), rgb);
  }

  public static SampledFrame at(SampledFrame f, double t) {
    return new SampledFrame(t, f.width(), f.height(), f.rgb());
  }

  public static SampledVideo video(List<SampledFrame> frames, double seconds) {
    return new SampledVideo("h264", frames.get(0).width(), frames.get(0).height(), seconds, frames);
  }

  /** Frame times of a stream at {@code fps} with the listed frame indexes missing. */
  public static double[] frameTimes(int frames, double fps, int... missing) {
    double[] out = new double[frames - missing.length];
    int at = 0;
    outer:
    for (int i = 0; i < frames; i++) {
      for (int m : missing) {
        if (m == i) {
          continue outer;
        }
      }
      out[at++] = i / fps;
    }
    return out;
  }

  private static void boxBlur(byte[] rgb, int w, int h, int c, int r) {
    int[] line = new int[Math.max(w, h)];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        line[x] = rgb[3 * (y * w + x) + c] & 0xff;
      }
      for (int x = 0; x < w; x++) {
        int sum = 0;
        for (int k = -r; k <= r; k++) {
          sum += line[Math.max(0, Math.min(w - 1, x + k))];
        }
        rgb[3 * (y * w + x) + c] = (byte) (sum / (2 * r + 1));
      }
    }
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        line[y] = rgb[3 * (y * w + x) + c] & 0xff;
      }
      for (int y = 0; y < h; y++) {
        int sum = 0;
        for (int k = -r; k <= r; k++) {
          sum += line[Math.max(0, Math.min(h - 1, y + k))];
        }
        rgb[3 * (y * w + x) + c] = (byte) (sum / (2 * r + 1));
      }
    }
  }

  private static void fill(
      byte[] rgb, int w, int h, int x0, int y0, int x1, int y1, int r, int g, int b) {
    for (int y = Math.max(0, y0); y < Math.min(h, y1); y++) {
      for (int x = Math.max(0, x0); x < Math.min(w, x1); x++) {
        set(rgb, w, x, y, r, g, b);
      }
    }
  }

  private static void set(byte[] rgb, int w, int x, int y, int r, int g, int b) {
    int i = 3 * (y * w + x);
    rgb[i] = (byte) Math.min(255, r);
    rgb[i + 1] = (byte) Math.min(255, g);
    rgb[i + 2] = (byte) Math.min(255, b);
  }
}
