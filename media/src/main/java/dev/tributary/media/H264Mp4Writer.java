package dev.tributary.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Encodes YUV 4:2:0 frames to H.264 (FFmpeg's {@code libopenh264}, constant frame rate, no B
 * frames, one encoder thread) in an MP4 with the index at the front ({@code +faststart}), which
 * browsers and ffmpeg play. Not thread-safe; one instance per camera and episode.
 */
public final class H264Mp4Writer implements AutoCloseable {
  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  private final int width;
  private final int height;
  private AVFormatContext format;
  private AVCodecContext codec;
  private AVStream stream;
  private AVFrame frame;
  private AVPacket packet;
  private long nextPts;
  private int packetsWritten;
  private boolean finished;

  public H264Mp4Writer(Path file, int width, int height, int fps) throws IOException {
    if (width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException(
          "H.264 4:2:0 needs even width and height, got " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    try {
      open(file, fps);
    } catch (IOException | RuntimeException e) {
      release();
      throw e;
    }
  }

  private void open(Path file, int fps) throws IOException {
    format = new AVFormatContext(null);
    check(avformat_alloc_output_context2(format, null, "mp4", file.toString()), "allocate muxer");
    AVCodec encoder = avcodec_find_encoder_by_name("libopenh264");
    if (encoder == null) {
      throw new IOException("this FFmpeg build has no libopenh264 encoder");
    }
    stream = avformat_new_stream(format, null);
    codec = avcodec_alloc_context3(encoder);
    codec.width(width);
    codec.height(height);
    codec.pix_fmt(AV_PIX_FMT_YUV420P);
    codec.time_base(av_make_q(1, fps));
    codec.framerate(av_make_q(fps, 1));
    codec.gop_size(fps * 2);
    codec.max_b_frames(0);
    codec.thread_count(1);
    // ~0.1 bit per pixel: plenty for the synthetic scene, small files.
    codec.bit_rate(Math.max(100_000L, (long) width * height * fps / 10));
    if ((format.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      codec.flags(codec.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    AVDictionary options = new AVDictionary(null);
    try {
      // Rate control must never drop a frame: the frame count is part of the commit.
      av_dict_set(options, "allow_skip_frames", "0", 0);
      check(avcodec_open2(codec, encoder, options), "open libopenh264");
    } finally {
      av_dict_free(options);
    }
    check(avcodec_parameters_from_context(stream.codecpar(), codec), "copy codec parameters");
    stream.time_base(codec.time_base());
    AVIOContext io = new AVIOContext(null);
    check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "open " + file);
    format.pb(io);
    AVDictionary muxOptions = new AVDictionary(null);
    try {
      av_dict_set(muxOptions, "movflags", "+faststart", 0);
      check(avformat_write_header(format, muxOptions), "write MP4 header");
    } finally {
      av_dict_free(muxOptions);
    }
    frame = av_frame_alloc();
    frame.format(AV_PIX_FMT_YUV420P);
    frame.width(width);
    frame.height(height);
    check(av_frame_get_buffer(frame, 0), "allocate frame");
    packet = av_packet_alloc();
  }

  /** Encodes one frame; planes are tightly packed (Y: width x height, U and V: half each way). */
  public void write(YuvImage image) throws IOException {
    write(image, nextPts);
  }

  /**
   * Encodes one frame at a frame index (in 1/fps units); skipping indexes leaves a gap in the
   * timestamps, as a camera that dropped frames would.
   */
  public void write(YuvImage image, long frameIndex) throws IOException {
    if (frameIndex < nextPts) {
      throw new IllegalArgumentException(
          "frame index " + frameIndex + " is not after the previous one (" + (nextPts - 1) + ")");
    }
    check(av_frame_make_writable(frame), "make frame writable");
    copyPlane(image.y(), width, height, 0);
    copyPlane(image.u(), width / 2, height / 2, 1);
    copyPlane(image.v(), width / 2, height / 2, 2);
    frame.pts(frameIndex);
    nextPts = frameIndex + 1;
    check(avcodec_send_frame(codec, frame), "encode frame");
    drain();
  }

  private void copyPlane(byte[] plane, int planeWidth, int planeHeight, int index) {
    BytePointer data = frame.data(index);
    int stride = frame.linesize(index);
    if (stride == planeWidth) {
      data.position(0).put(plane, 0, planeWidth * planeHeight);
    } else {
      for (int row = 0; row < planeHeight; row++) {
        data.position((long) row * stride).put(plane, row * planeWidth, planeWidth);
      }
    }
    data.position(0);
  }

  private void drain() throws IOException {
    while (true) {
      int ret = avcodec_receive_packet(codec, packet);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      check(ret, "receive packet");
      // One frame long: without it the MP4 muxer guesses the last frame's duration, and after
      // dropped frames the guess can put that frame outside the edit list (players skip it).
      packet.duration(1);
      av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
      packet.stream_index(stream.index());
      check(av_interleaved_write_frame(format, packet), "write packet");
      packetsWritten++;
    }
  }

  /** Flushes the encoder, writes the MP4 index and closes the file; returns the frame count. */
  public int finish() throws IOException {
    if (!finished) {
      finished = true;
      try {
        check(avcodec_send_frame(codec, null), "flush encoder");
        drain();
        check(av_write_trailer(format), "write MP4 trailer");
      } finally {
        release();
      }
    }
    return packetsWritten;
  }

  public int framesWritten() {
    return packetsWritten;
  }

  /** Releases native resources; an unfinished file is left incomplete (the caller deletes it). */
  @Override
  public void close() {
    finished = true;
    release();
  }

  private void release() {
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (codec != null) {
      avcodec_free_context(codec);
      codec = null;
    }
    if (format != null) {
      if (format.pb() != null && !format.pb().isNull()) {
        avio_closep(format.pb());
      }
      avformat_free_context(format);
      format = null;
    }
  }

  static void check(int ret, String what) throws IOException {
    if (ret < 0) {
      byte[] buffer = new byte[256];
      av_strerror(ret, buffer, buffer.length);
      String message = new String(buffer, java.nio.charset.StandardCharsets.US_ASCII).trim();
      int nul = message.indexOf('\0');
      throw new IOException(
          "FFmpeg: cannot " + what + ": " + (nul >= 0 ? message.substring(0, nul) : message));
    }
  }
}
