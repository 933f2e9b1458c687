package dev.tributary.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Turns decoded frames into one {@link YuvImage} (YUV 4:2:0 at the image's size, converted and
 * scaled with swscale, bilinear), overwritten by each {@link #scale}. Not thread-safe.
 */
final class YuvScaler implements AutoCloseable {
  private final YuvImage image;
  private final AVFrame scaled = av_frame_alloc();
  private SwsContext sws;

  YuvScaler(int width, int height) throws MediaException {
    this.image = new YuvImage(width, height);
    scaled.format(AV_PIX_FMT_YUV420P);
    scaled.width(width);
    scaled.height(height);
    try {
      FrameSampler.check(av_frame_get_buffer(scaled, 32), "allocate a frame");
    } catch (MediaException e) {
      close();
      throw e;
    }
  }

  /** The image the last {@link #scale} filled. */
  YuvImage image() {
    return image;
  }

  /** Converts {@code frame} (any pixel format and size the first frame had) into {@link #image}. */
  YuvImage scale(AVFrame frame) throws MediaException {
    if (sws == null) {
      sws =
          sws_getContext(
              frame.width(),
              frame.height(),
              frame.format(),
              image.width(),
              image.height(),
              AV_PIX_FMT_YUV420P,
              SWS_BILINEAR,
              null,
              null,
              (DoublePointer) null);
      if (sws == null || sws.isNull()) {
        throw new MediaException("cannot convert pixel format " + frame.format());
      }
    }
    sws_scale(
        sws, frame.data(), frame.linesize(), 0, frame.height(), scaled.data(), scaled.linesize());
    copyPlane(0, image.y(), image.width(), image.height());
    copyPlane(1, image.u(), image.width() / 2, image.height() / 2);
    copyPlane(2, image.v(), image.width() / 2, image.height() / 2);
    return image;
  }

  private void copyPlane(int plane, byte[] dst, int w, int h) {
    BytePointer data = scaled.data(plane);
    int stride = scaled.linesize(plane);
    for (int row = 0; row < h; row++) {
      data.position((long) row * stride).get(dst, row * w, w);
    }
    data.position(0);
  }

  @Override
  public void close() {
    if (sws != null) {
      sws_freeContext(sws);
      sws = null;
    }
    av_frame_free(scaled);
  }
}
