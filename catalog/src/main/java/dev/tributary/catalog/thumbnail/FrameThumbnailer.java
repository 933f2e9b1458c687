package dev.tributary.catalog.thumbnail;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes one frame from about the middle of an MP4's video stream and encodes it as a small JPEG
 * (at most {@code maxWidth} pixels wide, aspect ratio kept). No Vert.x; blocking; thread-safe (all
 * FFmpeg state is per call).
 */
public final class FrameThumbnailer {
  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  /** Decoding stops after this many frames past the seek point; the last one decoded is used. */
  static final int MAX_DECODED_FRAMES = 3_000;

  private FrameThumbnailer() {}

  /**
   * @throws ThumbnailException with a one-line reason when the file cannot be opened, has no video
   *     stream, or no frame can be decoded
   */
  public static byte[] jpeg(Path mp4, int maxWidth) throws ThumbnailException {
    if (maxWidth < 1) {
      throw new IllegalArgumentException("maxWidth must be positive, got " + maxWidth);
    }
    AVFormatContext in = new AVFormatContext(null);
    check(avformat_open_input(in, mp4.toString(), null, null), "open the video");
    AVCodecContext codec = null;
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    AVFrame picked = av_frame_alloc();
    try {
      check(avformat_find_stream_info(in, (PointerPointer<?>) null), "read the stream info");
      int index = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      check(index, "find a video stream");
      AVStream stream = in.streams(index);
      AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
      if (decoder == null || decoder.isNull()) {
        throw new ThumbnailException("no decoder for the video's codec");
      }
      codec = avcodec_alloc_context3(decoder);
      check(avcodec_parameters_to_context(codec, stream.codecpar()), "configure the decoder");
      check(avcodec_open2(codec, decoder, (PointerPointer<?>) null), "open the decoder");

      long target = middle(in, stream);
      if (target > 0 && av_seek_frame(in, index, target, AVSEEK_FLAG_BACKWARD) < 0) {
        av_seek_frame(in, index, 0, AVSEEK_FLAG_BACKWARD); // decode from the start instead
      }
      Decode state = new Decode(codec, frame, picked, target);
      while (!state.done && av_read_frame(in, packet) >= 0) {
        try {
          if (packet.stream_index() == index) {
            check(avcodec_send_packet(codec, packet), "decode");
            state.receive();
          }
        } finally {
          av_packet_unref(packet);
        }
      }
      if (!state.done) {
        avcodec_send_packet(codec, null); // drain
        state.receive();
      }
      if (!state.any) {
        throw new ThumbnailException("the video has no decodable frame");
      }
      return encode(scale(picked, maxWidth));
    } finally {
      av_frame_free(picked);
      av_frame_free(frame);
      av_packet_free(packet);
      if (codec != null) {
        avcodec_free_context(codec);
      }
      avformat_close_input(in);
    }
  }

  /** The middle of the stream in its time base; 0 when the duration is unknown. */
  private static long middle(AVFormatContext in, AVStream stream) {
    long start = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
    if (stream.duration() > 0 && stream.duration() != AV_NOPTS_VALUE) {
      return start + stream.duration() / 2;
    }
    double tb = av_q2d(stream.time_base());
    if (in.duration() > 0 && in.duration() != AV_NOPTS_VALUE && tb > 0) {
      return start + (long) (in.duration() / 2.0 / 1_000_000.0 / tb);
    }
    return 0;
  }

  /** Keeps the first frame at or after the target (or the last one before the stream ends). */
  private static final class Decode {
    final AVCodecContext codec;
    final AVFrame frame;
    final AVFrame picked;
    final long target;
    int decoded;
    boolean any;
    boolean done;

    Decode(AVCodecContext codec, AVFrame frame, AVFrame picked, long target) {
      this.codec = codec;
      this.frame = frame;
      this.picked = picked;
      this.target = target;
    }

    void receive() throws ThumbnailException {
      while (!done) {
        int ret = avcodec_receive_frame(codec, frame);
        if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
          return;
        }
        check(ret, "decode a frame");
        av_frame_unref(picked);
        av_frame_move_ref(picked, frame);
        any = true;
        decoded++;
        long ts = picked.best_effort_timestamp();
        done = ts == AV_NOPTS_VALUE || ts >= target || decoded >= MAX_DECODED_FRAMES;
      }
    }
  }

  private static BufferedImage scale(AVFrame src, int maxWidth) throws ThumbnailException {
    int w = src.width();
    int h = src.height();
    if (w <= 0 || h <= 0) {
      throw new ThumbnailException("the decoded frame has no size");
    }
    int dw = Math.min(maxWidth, w);
    int dh = Math.max(1, (int) Math.round((double) h * dw / w));
    SwsContext sws =
        sws_getContext(
            w,
            h,
            src.format(),
            dw,
            dh,
            AV_PIX_FMT_RGB24,
            SWS_AREA,
            null,
            null,
            (DoublePointer) null);
    if (sws == null || sws.isNull()) {
      throw new ThumbnailException(
          "cannot convert pixel format " + src.format() + " (" + w + "x" + h + ") to RGB");
    }
    AVFrame rgb = av_frame_alloc();
    try {
      rgb.format(AV_PIX_FMT_RGB24);
      rgb.width(dw);
      rgb.height(dh);
      check(av_frame_get_buffer(rgb, 32), "allocate the RGB frame");
      check(sws_scale(sws, src.data(), src.linesize(), 0, h, rgb.data(), rgb.linesize()), "scale");
      BufferedImage image = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
      BytePointer pixels = rgb.data(0);
      int stride = rgb.linesize(0);
      byte[] row = new byte[dw * 3];
      int[] argb = new int[dw];
      for (int y = 0; y < dh; y++) {
        pixels.position((long) y * stride).get(row);
        for (int x = 0; x < dw; x++) {
          argb[x] =
              (row[3 * x] & 0xff) << 16 | (row[3 * x + 1] & 0xff) << 8 | (row[3 * x + 2] & 0xff);
        }
        image.setRGB(0, y, dw, 1, argb, 0, dw);
      }
      return image;
    } finally {
      av_frame_free(rgb);
      sws_freeContext(sws);
    }
  }

  private static byte[] encode(BufferedImage image) throws ThumbnailException {
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

  private static void check(int ret, String what) throws ThumbnailException {
    if (ret < 0) {
      byte[] buffer = new byte[256];
      av_strerror(ret, buffer, buffer.length);
      String message = new String(buffer, StandardCharsets.US_ASCII);
      int nul = message.indexOf('\0');
      message = (nul >= 0 ? message.substring(0, nul) : message).trim();
      throw new ThumbnailException("FFmpeg cannot " + what + ": " + message);
    }
  }
}
