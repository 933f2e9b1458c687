package dev.tributary.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Decodes a few frames spread over a video (any container and codec FFmpeg reads: MP4 with H.264 or
 * AV1, ...) and returns them scaled down to RGB. Each sample seeks to the keyframe before its time
 * and decodes forward, so the cost is a few GOPs per sample, not the whole video. Blocking;
 * thread-safe (all FFmpeg state is per call).
 */
public final class FrameSampler {
  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  /** Decoding stops after this many frames past a seek point; the last one decoded is used. */
  static final int MAX_DECODED_FRAMES_PER_SAMPLE = 3_000;

  private FrameSampler() {}

  /**
   * Samples {@code count} frames at the centres of {@code count} equal slices of the video.
   *
   * @param maxWidth frames wider than this are scaled down to it (aspect ratio kept)
   * @throws MediaException with a one-line reason when the file cannot be opened, has no video
   *     stream, or no frame can be decoded
   */
  public static SampledVideo sample(Path video, int count, int maxWidth) throws MediaException {
    if (count < 1 || maxWidth < 1) {
      throw new IllegalArgumentException("count and maxWidth must be positive");
    }
    double[] fractions = new double[count];
    for (int i = 0; i < count; i++) {
      fractions[i] = (i + 0.5) / count;
    }
    return sampleAt(video, fractions, maxWidth);
  }

  /** Samples the frame at about {@code fraction} (0-1) of the video's duration. */
  public static SampledFrame frameAt(Path video, double fraction, int maxWidth)
      throws MediaException {
    List<SampledFrame> frames = sampleAt(video, new double[] {fraction}, maxWidth).frames();
    return frames.get(0);
  }

  private static SampledVideo sampleAt(Path video, double[] fractions, int maxWidth)
      throws MediaException {
    AVFormatContext in = new AVFormatContext(null);
    check(avformat_open_input(in, video.toString(), null, null), "open the video");
    AVCodecContext codec = null;
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    try {
      check(avformat_find_stream_info(in, (PointerPointer<?>) null), "read the stream info");
      int index = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      check(index, "find a video stream");
      AVStream stream = in.streams(index);
      AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
      if (decoder == null || decoder.isNull()) {
        throw new MediaException("no decoder for the video's codec");
      }
      codec = avcodec_alloc_context3(decoder);
      check(avcodec_parameters_to_context(codec, stream.codecpar()), "configure the decoder");
      check(avcodec_open2(codec, decoder, (PointerPointer<?>) null), "open the decoder");
      double timeBase = av_q2d(stream.time_base());
      long start = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
      long duration = duration(in, stream, timeBase);
      List<SampledFrame> out = new ArrayList<>(fractions.length);
      Stream s = new Stream(in, codec, packet, frame, index);
      for (double f : fractions) {
        long target = start + (long) (Math.max(0, Math.min(1, f)) * duration);
        if (target > 0 && av_seek_frame(in, index, target, AVSEEK_FLAG_BACKWARD) < 0) {
          av_seek_frame(in, index, 0, AVSEEK_FLAG_BACKWARD); // decode from the start instead
        }
        avcodec_flush_buffers(codec);
        if (s.decodeUntil(target)) {
          out.add(toRgb(frame, maxWidth, (frame.best_effort_timestamp() - start) * timeBase));
        }
        av_frame_unref(frame);
      }
      if (out.isEmpty()) {
        throw new MediaException("the video has no decodable frame");
      }
      return new SampledVideo(
          decoder.name().getString(),
          codec.width(),
          codec.height(),
          Math.max(0, duration * timeBase),
          out);
    } finally {
      av_frame_free(frame);
      av_packet_free(packet);
      if (codec != null) {
        avcodec_free_context(codec);
      }
      avformat_close_input(in);
    }
  }

  /** The stream's duration in its time base; 0 when unknown. */
  private static long duration(AVFormatContext in, AVStream stream, double timeBase) {
    if (stream.duration() > 0 && stream.duration() != AV_NOPTS_VALUE) {
      return stream.duration();
    }
    if (in.duration() > 0 && in.duration() != AV_NOPTS_VALUE && timeBase > 0) {
      return (long) (in.duration() / 1_000_000.0 / timeBase);
    }
    return 0;
  }

  /** Reads packets of one stream and decodes until a frame at or after a target time. */
  private record Stream(
      AVFormatContext in, AVCodecContext codec, AVPacket packet, AVFrame frame, int index) {

    /** Leaves in {@code frame} the first frame at or after target (or the last one before EOF). */
    boolean decodeUntil(long target) throws MediaException {
      Decoded d = new Decoded();
      while (!d.done && av_read_frame(in, packet) >= 0) {
        try {
          if (packet.stream_index() == index) {
            check(avcodec_send_packet(codec, packet), "decode");
            receive(target, d);
          }
        } finally {
          av_packet_unref(packet);
        }
      }
      if (!d.done) {
        avcodec_send_packet(codec, null); // drain what the decoder still holds
        receive(target, d);
      }
      return d.any;
    }

    private void receive(long target, Decoded d) throws MediaException {
      AVFrame next = av_frame_alloc();
      try {
        while (!d.done) {
          int ret = avcodec_receive_frame(codec, next);
          if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
            return;
          }
          check(ret, "decode a frame");
          av_frame_unref(frame);
          av_frame_move_ref(frame, next);
          d.any = true;
          d.decoded++;
          long ts = frame.best_effort_timestamp();
          d.done =
              ts == AV_NOPTS_VALUE || ts >= target || d.decoded >= MAX_DECODED_FRAMES_PER_SAMPLE;
        }
      } finally {
        av_frame_free(next);
      }
    }
  }

  private static final class Decoded {
    int decoded;
    boolean any;
    boolean done;
  }

  private static SampledFrame toRgb(AVFrame src, int maxWidth, double timeSeconds)
      throws MediaException {
    int w = src.width();
    int h = src.height();
    if (w <= 0 || h <= 0) {
      throw new MediaException("the decoded frame has no size");
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
      throw new MediaException(
          "cannot convert pixel format " + src.format() + " (" + w + "x" + h + ") to RGB");
    }
    AVFrame rgb = av_frame_alloc();
    try {
      rgb.format(AV_PIX_FMT_RGB24);
      rgb.width(dw);
      rgb.height(dh);
      check(av_frame_get_buffer(rgb, 32), "allocate the RGB frame");
      check(sws_scale(sws, src.data(), src.linesize(), 0, h, rgb.data(), rgb.linesize()), "scale");
      BytePointer pixels = rgb.data(0);
      int stride = rgb.linesize(0);
      byte[] packed = new byte[dw * dh * 3];
      for (int y = 0; y < dh; y++) {
        pixels.position((long) y * stride).get(packed, y * dw * 3, dw * 3);
      }
      return new SampledFrame(Math.max(0, timeSeconds), dw, dh, packed);
    } finally {
      av_frame_free(rgb);
      sws_freeContext(sws);
    }
  }

  static void check(int ret, String what) throws MediaException {
    if (ret < 0) {
      byte[] buffer = new byte[256];
      av_strerror(ret, buffer, buffer.length);
      String message = new String(buffer, StandardCharsets.US_ASCII);
      int nul = message.indexOf('\0');
      message = (nul >= 0 ? message.substring(0, nul) : message).trim();
      throw new MediaException("FFmpeg cannot " + what + ": " + message);
    }
  }
}
