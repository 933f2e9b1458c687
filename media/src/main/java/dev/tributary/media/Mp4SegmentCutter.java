package dev.tributary.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Cuts the frames of one time range of a video (a LeRobot v3 episode inside a concatenated camera
 * file) into an MP4 of their own. Frame time is {@code pts * time_base}, as LeRobot's readers use
 * it; a frame belongs to {@code [from, to)} when its time is within half a frame of the range.
 *
 * <p>When the range starts on a keyframe and its packets are contiguous in decode order (true for
 * LeRobot's per-episode encodes concatenated by remux), the packets are copied: lossless and fast,
 * whatever the codec. Otherwise the frames are decoded and re-encoded to H.264 ({@link
 * H264Mp4Writer}); a codec this FFmpeg cannot decode then fails with a one-line reason.
 */
public final class Mp4SegmentCutter {
  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  /** How a segment was produced. */
  public enum Method {
    STREAM_COPY,
    REENCODED_H264
  }

  /** The produced segment: frame count, codec name (FFmpeg's, e.g. h264, av1) and geometry. */
  public record Segment(int frames, String codec, int width, int height, Method method) {}

  /** Packets read past the range end to be sure no frame of it is still to come (reordering). */
  private static final double LOOKAHEAD_SECONDS = 1.0;

  private Mp4SegmentCutter() {}

  /**
   * Writes the frames of {@code input} whose time lies in {@code [fromSeconds, toSeconds)} to
   * {@code output}, timestamps starting at 0.
   *
   * @param fps the nominal frame rate (LeRobot's info.json fps): defines "half a frame"
   */
  public static Segment cut(
      Path input, double fromSeconds, double toSeconds, double fps, Path output)
      throws MediaException {
    if (!(toSeconds > fromSeconds) || fps <= 0) {
      throw new MediaException(
          "empty time range [" + fromSeconds + ", " + toSeconds + ") at " + fps + " fps");
    }
    double half = 0.5 / fps;
    List<AVPacket> packets = new ArrayList<>();
    try (VideoInput video = VideoInput.open(input)) {
      AVFormatContext in = video.format;
      int index = video.streamIndex;
      AVStream stream = video.stream;
      double tb = av_q2d(stream.time_base());
      long seekTo = (long) Math.floor((fromSeconds - half) / tb);
      if (seekTo > 0 && av_seek_frame(in, index, seekTo, AVSEEK_FLAG_BACKWARD) < 0) {
        av_seek_frame(in, index, 0, AVSEEK_FLAG_BACKWARD);
      }
      Selection selection = read(in, index, tb, fromSeconds - half, toSeconds - half, packets);
      if (selection.count == 0) {
        throw new MediaException(
            String.format(
                "no frame between %.3f s and %.3f s (the video ends before)",
                fromSeconds, toSeconds));
      }
      String codec = avcodec_get_name(stream.codecpar().codec_id()).getString();
      int width = stream.codecpar().width();
      int height = stream.codecpar().height();
      if (selection.copyable(packets)) {
        copy(stream, packets.subList(selection.first, selection.last + 1), output);
        return new Segment(selection.count, codec, width, height, Method.STREAM_COPY);
      }
      int frames =
          SegmentReencoder.reencode(
              stream, packets, fromSeconds - half, toSeconds - half, fps, output);
      return new Segment(frames, "h264", width & ~1, height & ~1, Method.REENCODED_H264);
    } finally {
      for (AVPacket p : packets) {
        av_packet_free(p);
      }
    }
  }

  /**
   * Describes a whole video without decoding it: codec, size and frame count (video packets).
   *
   * @throws MediaException when the file is not a readable video (e.g. still being written)
   */
  public static Segment probe(Path input) throws MediaException {
    AVPacket packet = av_packet_alloc();
    try (VideoInput video = VideoInput.open(input)) {
      AVFormatContext in = video.format;
      int index = video.streamIndex;
      AVStream stream = video.stream;
      int frames = 0;
      while (av_read_frame(in, packet) >= 0) {
        if (packet.stream_index() == index) {
          frames++;
        }
        av_packet_unref(packet);
      }
      return new Segment(
          frames,
          avcodec_get_name(stream.codecpar().codec_id()).getString(),
          stream.codecpar().width(),
          stream.codecpar().height(),
          Method.STREAM_COPY);
    } finally {
      av_packet_free(packet);
    }
  }

  /** Which buffered packets (decode order) fall in the range. */
  private static final class Selection {
    int first = -1;
    int last = -1;
    int count;
    boolean contiguous = true;

    boolean copyable(List<AVPacket> packets) {
      return contiguous && first >= 0 && (packets.get(first).flags() & 1) != 0;
    }
  }

  /** Buffers the packets from the seek point to past the range end; marks the selected ones. */
  private static Selection read(
      AVFormatContext in, int index, double tb, double from, double to, List<AVPacket> packets)
      throws MediaException {
    Selection s = new Selection();
    AVPacket packet = av_packet_alloc();
    try {
      while (av_read_frame(in, packet) >= 0) {
        try {
          if (packet.stream_index() != index) {
            continue;
          }
          long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
          double t = pts * tb;
          packets.add(av_packet_clone(packet));
          int i = packets.size() - 1;
          if (t >= from && t < to) {
            if (s.first < 0) {
              s.first = i;
            } else if (s.last != i - 1) {
              s.contiguous = false; // a frame outside the range sits between frames inside it
            }
            s.last = i;
            s.count++;
          }
          if (t >= to + LOOKAHEAD_SECONDS) {
            break;
          }
        } finally {
          av_packet_unref(packet);
        }
      }
    } finally {
      av_packet_free(packet);
    }
    return s;
  }

  private static void copy(AVStream inStream, List<AVPacket> selected, Path output)
      throws MediaException {
    AVFormatContext out = new AVFormatContext(null);
    FrameSampler.check(
        avformat_alloc_output_context2(out, null, "mp4", output.toString()), "allocate the muxer");
    try {
      AVStream outStream = avformat_new_stream(out, null);
      FrameSampler.check(
          avcodec_parameters_copy(outStream.codecpar(), inStream.codecpar()),
          "copy the codec parameters");
      outStream.codecpar().codec_tag(0);
      outStream.time_base(inStream.time_base());
      AVIOContext io = new AVIOContext(null);
      FrameSampler.check(avio_open(io, output.toString(), AVIO_FLAG_WRITE), "open " + output);
      out.pb(io);
      AVDictionary options = new AVDictionary(null);
      try {
        av_dict_set(options, "movflags", "+faststart", 0);
        FrameSampler.check(avformat_write_header(out, options), "write the MP4 header");
      } finally {
        av_dict_free(options);
      }
      AVRational inTb = inStream.time_base();
      AVRational outTb = outStream.time_base();
      long frameDuration = frameDuration(inStream);
      AVPacket first = selected.get(0);
      long base = first.dts() != AV_NOPTS_VALUE ? first.dts() : first.pts();
      for (AVPacket p : selected) {
        p.pts(p.pts() == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : p.pts() - base);
        p.dts(p.dts() == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : p.dts() - base);
        if (p.duration() <= 0) {
          p.duration(frameDuration);
        }
        p.pos(-1);
        p.stream_index(outStream.index());
        av_packet_rescale_ts(p, inTb, outTb);
        // The muxer takes over the packet's data reference; the empty packet is freed later.
        FrameSampler.check(av_interleaved_write_frame(out, p), "write a packet");
      }
      FrameSampler.check(av_write_trailer(out), "write the MP4 index");
    } finally {
      if (out.pb() != null && !out.pb().isNull()) {
        avio_closep(out.pb());
      }
      avformat_free_context(out);
    }
  }

  /** One frame in the stream's time base (from the average frame rate; 1 when unknown). */
  private static long frameDuration(AVStream stream) {
    AVRational rate = stream.avg_frame_rate();
    if (rate.num() <= 0 || rate.den() <= 0) {
      rate = stream.r_frame_rate();
    }
    if (rate.num() <= 0 || rate.den() <= 0) {
      return 1;
    }
    double seconds = (double) rate.den() / rate.num();
    return Math.max(1, Math.round(seconds / av_q2d(stream.time_base())));
  }
}
