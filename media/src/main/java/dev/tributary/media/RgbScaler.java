package dev.tributary.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Scales decoded frames down to packed RGB {@link SampledFrame}s (swscale, area averaging). The
 * swscale context and the RGB frame are built for the first frame and reused while the source size
 * and pixel format stay the same (before: a new context per sampled frame). Not thread-safe.
 */
final class RgbScaler implements AutoCloseable {
  private final int maxWidth;
  private final AVFrame rgb = av_frame_alloc();
  private SwsContext sws;
  private int srcWidth = -1;
  private int srcHeight = -1;
  private int srcFormat = -1;
  private int dw;
  private int dh;

  /**
   * @param maxWidth frames wider than this are scaled down to it (aspect ratio kept)
   */
  RgbScaler(int maxWidth) {
    this.maxWidth = maxWidth;
  }

  SampledFrame scale(AVFrame src, double timeSeconds) throws MediaException {
    int w = src.width();
    int h = src.height();
    if (w <= 0 || h <= 0) {
      throw new MediaException("the decoded frame has no size");
    }
    if (w != srcWidth || h != srcHeight || src.format() != srcFormat) {
      configure(w, h, src.format());
    }
    FrameSampler.check(
        sws_scale(sws, src.data(), src.linesize(), 0, h, rgb.data(), rgb.linesize()), "scale");
    BytePointer pixels = rgb.data(0);
    int stride = rgb.linesize(0);
    byte[] packed = new byte[dw * dh * 3];
    for (int y = 0; y < dh; y++) {
      pixels.position((long) y * stride).get(packed, y * dw * 3, dw * 3);
    }
    pixels.position(0);
    return new SampledFrame(Math.max(0, timeSeconds), dw, dh, packed);
  }

  private void configure(int w, int h, int format) throws MediaException {
    dw = Math.min(maxWidth, w);
    dh = Math.max(1, (int) Math.round((double) h * dw / w));
    sws =
        sws_getCachedContext(
            sws,
            w,
            h,
            format,
            dw,
            dh,
            AV_PIX_FMT_RGB24,
            SWS_AREA,
            null,
            null,
            (DoublePointer) null);
    if (sws == null || sws.isNull()) {
      sws = null;
      srcWidth = -1;
      throw new MediaException(
          "cannot convert pixel format " + format + " (" + w + "x" + h + ") to RGB");
    }
    av_frame_unref(rgb);
    rgb.format(AV_PIX_FMT_RGB24);
    rgb.width(dw);
    rgb.height(dh);
    FrameSampler.check(av_frame_get_buffer(rgb, 32), "allocate the RGB frame");
    srcWidth = w;
    srcHeight = h;
    srcFormat = format;
  }

  @Override
  public void close() {
    av_frame_free(rgb);
    if (sws != null) {
      sws_freeContext(sws);
      sws = null;
    }
  }
}
