package dev.tributary.catalog.export;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Concatenates per-episode MP4s of one camera into one MP4 without re-encoding (packet remux, as
 * LeRobot's own {@code concatenate_video_files} does), and reports where each input landed: the
 * from/to timestamps a LeRobot v3 reader seeks to. Inputs must share codec, size and codec
 * configuration (extradata); otherwise the result would not decode, so they are refused.
 */
final class Mp4Concatenator {
  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  private Mp4Concatenator() {}

  /** Where one input sits in the output, in seconds, and how many frames it has. */
  record Span(double fromTimestamp, double toTimestamp, long frames) {}

  /** What info.json needs to know about the video. */
  record VideoInfo(int width, int height, String codec, double fps) {}

  record Result(List<Span> spans, VideoInfo info) {}

  static Result concatenate(List<Path> inputs, Path output) throws IOException {
    AVFormatContext out = new AVFormatContext(null);
    AVPacket packet = av_packet_alloc();
    List<Span> spans = new ArrayList<>();
    VideoInfo info = null;
    byte[] extradata = null;
    AVStream outStream = null;
    long offset = 0;
    try {
      check(avformat_alloc_output_context2(out, null, "mp4", output.toString()), "allocate muxer");
      for (Path input : inputs) {
        AVFormatContext in = new AVFormatContext(null);
        check(avformat_open_input(in, input.toString(), null, null), "open " + input);
        try {
          check(avformat_find_stream_info(in, (PointerPointer<?>) null), "probe " + input);
          int index = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
          check(index, "find a video stream in " + input);
          AVStream inStream = in.streams(index);
          AVCodecParameters par = inStream.codecpar();
          byte[] extra = extradata(par);
          if (outStream == null) {
            outStream = avformat_new_stream(out, null);
            check(avcodec_parameters_copy(outStream.codecpar(), par), "copy codec parameters");
            outStream.codecpar().codec_tag(0);
            outStream.time_base(inStream.time_base());
            AVIOContext io = new AVIOContext(null);
            check(avio_open(io, output.toString(), AVIO_FLAG_WRITE), "open " + output);
            out.pb(io);
            check(avformat_write_header(out, (PointerPointer<?>) null), "write MP4 header");
            AVRational rate = inStream.avg_frame_rate();
            info =
                new VideoInfo(
                    par.width(),
                    par.height(),
                    avcodec_get_name(par.codec_id()).getString(),
                    rate.den() == 0 ? 0 : av_q2d(rate));
            extradata = extra;
          } else if (par.width() != info.width()
              || par.height() != info.height()
              || !avcodec_get_name(par.codec_id()).getString().equals(info.codec())
              || !Arrays.equals(extra, extradata)) {
            throw new IOException(
                input
                    + " is encoded differently from the first video of this camera ("
                    + par.width()
                    + "x"
                    + par.height()
                    + " "
                    + avcodec_get_name(par.codec_id()).getString()
                    + "); concatenation without re-encoding needs identical settings");
          }
          AVRational inTb = inStream.time_base();
          AVRational outTb = outStream.time_base();
          long frameDuration =
              inStream.avg_frame_rate().num() == 0
                  ? 0
                  : av_rescale_q(1, av_inv(inStream.avg_frame_rate()), outTb);
          long base = AV_NOPTS_VALUE;
          long end = offset;
          long frames = 0;
          while (av_read_frame(in, packet) >= 0) {
            if (packet.stream_index() != index) {
              av_packet_unref(packet);
              continue;
            }
            av_packet_rescale_ts(packet, inTb, outTb);
            if (base == AV_NOPTS_VALUE) {
              base = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
            }
            long pts = packet.pts() - base + offset;
            long dts = packet.dts() - base + offset;
            packet.pts(pts);
            packet.dts(dts);
            packet.pos(-1);
            packet.stream_index(outStream.index());
            long duration = packet.duration() > 0 ? packet.duration() : frameDuration;
            end = Math.max(end, pts + duration);
            frames++;
            check(av_interleaved_write_frame(out, packet), "write packet of " + input);
          }
          spans.add(new Span(offset * av_q2d(outTb), end * av_q2d(outTb), frames));
          offset = end;
        } finally {
          avformat_close_input(in);
        }
      }
      if (outStream != null) {
        check(av_write_trailer(out), "write MP4 trailer");
      }
    } finally {
      av_packet_free(packet);
      if (out.pb() != null && !out.pb().isNull()) {
        avio_closep(out.pb());
      }
      avformat_free_context(out);
    }
    return new Result(spans, info);
  }

  private static AVRational av_inv(AVRational q) {
    AVRational inv = new AVRational();
    inv.num(q.den());
    inv.den(q.num());
    return inv;
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

  static void check(int ret, String what) throws IOException {
    if (ret < 0) {
      byte[] buffer = new byte[256];
      av_strerror(ret, buffer, buffer.length);
      String message = new String(buffer, StandardCharsets.US_ASCII).trim();
      int nul = message.indexOf('\0');
      throw new IOException(
          "FFmpeg: cannot " + what + ": " + (nul >= 0 ? message.substring(0, nul) : message));
    }
  }
}
