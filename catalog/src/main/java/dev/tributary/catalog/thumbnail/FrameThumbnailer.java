package dev.tributary.catalog.thumbnail;

import dev.tributary.media.FrameSampler;
import dev.tributary.media.MediaException;
import dev.tributary.media.SampledFrame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Decodes one frame from about the middle of a video and encodes it as a small JPEG (at most {@code
 * maxWidth} pixels wide, aspect ratio kept). No Vert.x; blocking; thread-safe.
 */
public final class FrameThumbnailer {
  private FrameThumbnailer() {}

  /**
   * @throws ThumbnailException with a one-line reason when the file cannot be opened, has no video
   *     stream, or no frame can be decoded
   */
  public static byte[] jpeg(Path video, int maxWidth) throws ThumbnailException {
    if (maxWidth < 1) {
      throw new IllegalArgumentException("maxWidth must be positive, got " + maxWidth);
    }
    SampledFrame frame;
    try {
      frame = FrameSampler.frameAt(video, 0.5, maxWidth);
    } catch (MediaException e) {
      throw new ThumbnailException(e.getMessage());
    }
    BufferedImage image =
        new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < frame.height(); y++) {
      for (int x = 0; x < frame.width(); x++) {
        image.setRGB(x, y, frame.rgbAt(x, y));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
    try {
      if (!ImageIO.write(image, "jpg", out)) {
        throw new ThumbnailException("no JPEG writer available");
      }
    } catch (IOException e) {
      throw new ThumbnailException("cannot encode the JPEG: " + e.getMessage());
    }
    return out.toByteArray();
  }
}
