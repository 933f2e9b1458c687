package dev.tributary.media;

/**
 * One decoded frame, scaled down and converted to packed 8-bit RGB.
 *
 * @param timeSeconds presentation time from the start of the stream
 * @param rgb {@code width * height * 3} bytes, row-major, no padding
 */
public record SampledFrame(double timeSeconds, int width, int height, byte[] rgb) {
  public SampledFrame {
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException(
          "rgb has " + rgb.length + " bytes, expected " + width * height * 3);
    }
  }

  /** ITU-R BT.601 luma of the pixel, 0-255. */
  public int luma(int x, int y) {
    int i = 3 * (y * width + x);
    return (299 * (rgb[i] & 0xff) + 587 * (rgb[i + 1] & 0xff) + 114 * (rgb[i + 2] & 0xff)) / 1000;
  }

  /** The whole frame's luma plane, row-major. */
  public int[] lumaPlane() {
    int[] out = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        out[y * width + x] = luma(x, y);
      }
    }
    return out;
  }

  /** The pixel as {@code 0xRRGGBB}. */
  public int rgbAt(int x, int y) {
    int i = 3 * (y * width + x);
    return (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
  }
}
