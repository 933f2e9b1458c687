package dev.tributary.catalog.export;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
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
import static org.bytedeco.ffmpeg.global.avformat.avio_seek;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One camera file of an export, grown episode by episode by packet copy (as LeRobot's {@code
 * concatenate_video_files} does) with every frame put back on the dataset's grid: the output time
 * base is {@code 1/fps} and a copied frame whose time is t seconds into its episode lands at tick
 * {@code framesBefore + round(t * fps)}. Inputs must already hold one frame per grid point in
 * presentation order (an {@link EpisodeVideoProbe#misfit} of {@code null}) and share one encoding.
 */
final class Mp4Appender implements AutoCloseable {
  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  private final Path output;
  private final int fps;
  private final AVFormatContext out = new AVFormatContext(null);
  private final AVPacket packet = av_packet_alloc();
  private AVStream stream;
  private long frames;
  private boolean finished;
  private boolean closed;

  Mp4Appender(Path output, int fps) throws IOException {
    this.output = output;
    this.fps = fps;
    check(avformat_alloc_output_context2(out, null, "mp4", output.toString()), "allocate muxer");
  }

  /** Frames written so far: the next episode's first frame is at {@code frames() / fps}. */
  long frames() {
    return frames;
  }

  /** Bytes written so far (the index comes on top at {@link #finish()}). */
  long bytes() {
    AVIOContext pb = out.pb();
    return pb == null || pb.isNull() ? 0 : avio_seek(pb, 0, 1 /* SEEK_CUR */);
  }

  /**
   * Copies every video packet of {@code input} to the end of the file.
   *
   * @return the number of frames appended
   */
  long append(Path input) throws IOException {
    AVFormatContext in = new AVFormatContext(null);
    check(avformat_open_input(in, input.toString(), null, null), "open " + input);
    try {
      check(avformat_find_stream_info(in, (PointerPointer<?>) null), "probe " + input);
      int index = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      check(index, "find a video stream in " + input);
      AVStream inStream = in.streams(index);
      if (stream == null) {
        open(inStream);
      }
      AVRational grid = av_make_q(1, fps);
      double inTb = av_q2d(inStream.time_base());
      long first = AV_NOPTS_VALUE;
      long count = 0;
      while (av_read_frame(in, packet) >= 0) {
        try {
          if (packet.stream_index() != index) {
            continue;
          }
          long t = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
          if (first == AV_NOPTS_VALUE) {
            first = t;
          }
          long tick = frames + Math.round((t - first) * inTb * fps);
          long at = av_rescale_q(tick, grid, stream.time_base());
          packet.pts(at);
          packet.dts(at);
          packet.duration(av_rescale_q(1, grid, stream.time_base()));
          packet.pos(-1);
          packet.stream_index(stream.index());
          check(av_interleaved_write_frame(out, packet), "write a packet of " + input);
          count++;
        } finally {
          av_packet_unref(packet);
        }
      }
      frames += count;
      return count;
    } finally {
      avformat_close_input(in);
    }
  }

  private void open(AVStream inStream) throws IOException {
    stream = avformat_new_stream(out, null);
    check(avcodec_parameters_copy(stream.codecpar(), inStream.codecpar()), "copy codec parameters");
    stream.codecpar().codec_tag(0);
    stream.time_base(av_make_q(1, fps));
    stream.avg_frame_rate(av_make_q(fps, 1));
    stream.r_frame_rate(av_make_q(fps, 1));
    AVIOContext io = new AVIOContext(null);
    check(avio_open(io, output.toString(), AVIO_FLAG_WRITE), "open " + output);
    out.pb(io);
    AVDictionary options = new AVDictionary(null);
    try {
      av_dict_set(options, "movflags", "+faststart", 0);
      check(avformat_write_header(out, options), "write MP4 header");
    } finally {
      av_dict_free(options);
    }
  }

  /** Writes the index and closes the file. */
  void finish() throws IOException {
    if (!finished) {
      finished = true;
      try {
        if (stream != null) {
          check(av_write_trailer(out), "write MP4 trailer");
        }
      } finally {
        close();
      }
    }
  }

  @Override
  public void close() {
    finished = true;
    if (closed) {
      return;
    }
    closed = true;
    av_packet_free(packet);
    if (out.pb() != null && !out.pb().isNull()) {
      avio_closep(out.pb());
    }
    avformat_free_context(out);
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
