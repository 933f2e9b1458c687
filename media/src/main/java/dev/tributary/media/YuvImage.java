package dev.tributary.media;

/**
 * A YUV 4:2:0 planar image (BT.601 limited range) with the few drawing operations the synthetic
 * scene needs. Drawing works directly in YUV so no colour conversion runs per frame.
 */
public final class YuvImage {
  private final int width;
  private final int height;
  private final byte[] y;
  private final byte[] u;
  private final byte[] v;

  public YuvImage(int width, int height) {
    this.width = width;
    this.height = height;
    this.y = new byte[width * height];
    this.u = new byte[(width / 2) * (height / 2)];
    this.v = new byte[(width / 2) * (height / 2)];
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public byte[] y() {
    return y;
  }

  public byte[] u() {
    return u;
  }

  public byte[] v() {
    return v;
  }

  public void copyFrom(YuvImage other) {
    System.arraycopy(other.y, 0, y, 0, y.length);
    System.arraycopy(other.u, 0, u, 0, u.length);
    System.arraycopy(other.v, 0, v, 0, v.length);
  }

  /** A colour as packed {@code Y<<16 | U<<8 | V}, from 0-255 RGB. */
  public static int color(int r, int g, int b) {
    int yy = clamp((int) Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b));
    int uu = clamp((int) Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b));
    int vv = clamp((int) Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b));
    return yy << 16 | uu << 8 | vv;
  }

  /** The same colour with its luma scaled (shade < 1 darker, > 1 brighter). */
  public static int shade(int color, double factor) {
    int yy = clamp((int) Math.round(((color >> 16) & 0xff) * factor));
    return yy << 16 | (color & 0xffff);
  }

  public void fill(int color) {
    java.util.Arrays.fill(y, (byte) (color >> 16));
    java.util.Arrays.fill(u, (byte) (color >> 8));
    java.util.Arrays.fill(v, (byte) color);
  }

  public void fillRect(int x0, int y0, int x1, int y1, int color) {
    int ax = Math.max(0, Math.min(x0, x1));
    int bx = Math.min(width, Math.max(x0, x1));
    int ay = Math.max(0, Math.min(y0, y1));
    int by = Math.min(height, Math.max(y0, y1));
    if (ax >= bx || ay >= by) {
      return;
    }
    byte yy = (byte) (color >> 16);
    for (int row = ay; row < by; row++) {
      java.util.Arrays.fill(y, row * width + ax, row * width + bx, yy);
    }
    int cw = width / 2;
    byte uu = (byte) (color >> 8);
    byte vv = (byte) color;
    for (int row = ay / 2; row < (by + 1) / 2 && row < height / 2; row++) {
      int from = row * cw + ax / 2;
      int to = row * cw + Math.min(cw, (bx + 1) / 2);
      if (to > from) {
        java.util.Arrays.fill(u, from, to, uu);
        java.util.Arrays.fill(v, from, to, vv);
      }
    }
  }

  public void fillCircle(double cx, double cy, double radius, int color) {
    int x0 = Math.max(0, (int) Math.floor(cx - radius));
    int x1 = Math.min(width - 1, (int) Math.ceil(cx + radius));
    int y0 = Math.max(0, (int) Math.floor(cy - radius));
    int y1 = Math.min(height - 1, (int) Math.ceil(cy + radius));
    double r2 = radius * radius;
    byte yy = (byte) (color >> 16);
    for (int row = y0; row <= y1; row++) {
      double dy = row + 0.5 - cy;
      for (int col = x0; col <= x1; col++) {
        double dx = col + 0.5 - cx;
        if (dx * dx + dy * dy <= r2) {
          y[row * width + col] = yy;
        }
      }
    }
    int cw = width / 2;
    byte uu = (byte) (color >> 8);
    byte vv = (byte) color;
    for (int row = y0 / 2; row <= y1 / 2 && row < height / 2; row++) {
      double dy = row * 2 + 1 - cy;
      for (int col = x0 / 2; col <= x1 / 2 && col < cw; col++) {
        double dx = col * 2 + 1 - cx;
        if (dx * dx + dy * dy <= r2) {
          u[row * cw + col] = uu;
          v[row * cw + col] = vv;
        }
      }
    }
  }

  /** A thick line drawn as overlapping discs. */
  public void line(double xa, double ya, double xb, double yb, double thickness, int color) {
    double length = Math.hypot(xb - xa, yb - ya);
    int steps = Math.max(1, (int) Math.ceil(length / Math.max(1, thickness / 2)));
    for (int i = 0; i <= steps; i++) {
      double t = (double) i / steps;
      fillCircle(xa + (xb - xa) * t, ya + (yb - ya) * t, thickness / 2, color);
    }
  }

  /** Mean luma, for tests and quality checks. */
  public double meanLuma() {
    long sum = 0;
    for (byte b : y) {
      sum += b & 0xff;
    }
    return (double) sum / y.length;
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }
}
