package dev.tributary.catalog.export;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * What an episode's MP4 holds, read from its packets without decoding: codec, size, pixel format,
 * codec configuration (extradata) and every packet's presentation and decode time. Tells whether
 * the file can be copied as is into a LeRobot camera file ({@link #fitsGrid}).
 */
record EpisodeVideoProbe(
    String codec,
    int width,
    int height,
    String pixFmt,
    byte[] extradata,
    double[] presentationSeconds,
    boolean decodeOrderIsPresentationOrder) {

  static EpisodeVideoProbe read(Path file) throws IOException {
    AVFormatContext in = new AVFormatContext(null);
    Mp4Appender.check(avformat_open_input(in, file.toString(), null, null), "open " + file);
    AVPacket packet = av_packet_alloc();
    try {
      Mp4Appender.check(avformat_find_stream_info(in, (PointerPointer<?>) null), "probe " + file);
      int index = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      Mp4Appender.check(index, "find a video stream in " + file);
      AVStream stream = in.streams(index);
      AVCodecParameters par = stream.codecpar();
      double tb = av_q2d(stream.time_base());
      long[] pts = new long[256];
      int n = 0;
      boolean ordered = true;
      long previous = Long.MIN_VALUE;
      while (av_read_frame(in, packet) >= 0) {
        try {
          if (packet.stream_index() != index) {
            continue;
          }
          long t = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
          if (packet.dts() != AV_NOPTS_VALUE && packet.dts() != t) {
            ordered = false;
          }
          if (t <= previous) {
            ordered = false;
          }
          previous = t;
          if (n == pts.length) {
            pts = Arrays.copyOf(pts, n * 2);
          }
          pts[n++] = t;
        } finally {
          av_packet_unref(packet);
        }
      }
      long[] sorted = Arrays.copyOf(pts, n);
      Arrays.sort(sorted);
      double[] seconds = new double[n];
      for (int i = 0; i < n; i++) {
        seconds[i] = (sorted[i] - sorted[0]) * tb;
      }
      BytePointer fmt = av_get_pix_fmt_name(par.format());
      return new EpisodeVideoProbe(
          avcodec_get_name(par.codec_id()).getString(),
          par.width(),
          par.height(),
          fmt == null || fmt.isNull() ? "unknown" : fmt.getString(),
          extradata(par),
          seconds,
          ordered);
    } finally {
      av_packet_free(packet);
      avformat_close_input(in);
    }
  }

  int frames() {
    return presentationSeconds.length;
  }

  /**
   * Why this file cannot be copied into an export at {@code fps} with {@code length} rows, or
   * {@code null} when it can: frame k at k / fps from 0 (within 1e-6 s), exactly {@code length}
   * frames, packets in presentation order.
   */
  String misfit(String wantedCodec, double fps, long length) {
    if (!codec.equals(wantedCodec)) {
      return codec + " instead of " + wantedCodec;
    }
    if (frames() != length) {
      return frames() + " frames for " + length + " rows";
    }
    for (int k = 0; k < frames(); k++) {
      if (Math.abs(presentationSeconds[k] - k / fps) > 1e-6) {
        return "frame " + k + " at " + presentationSeconds[k] + " s, not at k/" + fps;
      }
    }
    if (!decodeOrderIsPresentationOrder) {
      return "frames reordered (B-frames)";
    }
    return null;
  }

  private static byte[] extradata(AVCodecParameters par) {
    int size = par.extradata_size();
    if (size <= 0 || par.extradata() == null) {
      return new byte[0];
    }
    byte[] out = new byte[size];
    par.extradata().position(0).get(out);
    return out;
  }
}
