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
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

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
 * Encodes YUV 4:2:0 frames at a constant rate, frame k at exactly {@code k / fps} (time base {@code
 * 1/fps}, one tick per frame), or, through {@link CapturedVideoWriter}, each frame at its own time
 * on a finer clock, into an MP4 with AV1 (SVT-AV1, LeRobot's defaults: preset 12, crf 30, keyframe
 * every 2 frames) or H.264 (OpenH264, keyframe every 2 frames too, so any frame is one frame away
 * from a seek point like LeRobot's {@code g=2}). The MP4 muxer is given {@code +faststart}. Not
 * thread-safe; one instance per output file.
 */
public final class ConstantRateVideoWriter implements AutoCloseable {
  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  /** LeRobot's {@code g}: a keyframe every 2 frames keeps random access cheap for training. */
  public static final int GOP = 2;

  /** SVT-AV1 refuses smaller frames ("Invalid argument" at open). */
  public static final int MIN_AV1_SIDE = 64;

  private final int width;
  private final int height;
  private final VideoCodec videoCodec;
  private final int gop;

  /** Ticks of the time base per nominal frame: 1 at {@code 1/fps}, more on a finer clock. */
  private final long ticksPerFrame;

  private AVFormatContext format;
  private AVCodecContext codec;
  private AVStream stream;
  private AVFrame frame;
  private AVPacket packet;
  private long nextPts;
  private int framesSent;
  private int packetsWritten;
  private boolean finished;

  /**
   * @param threads encoder threads (SVT-AV1 {@code lp}; OpenH264 ignores it and uses one)
   */
  public ConstantRateVideoWriter(
      Path file, VideoCodec videoCodec, int width, int height, int fps, int threads)
      throws MediaException {
    this(file, videoCodec, width, height, fps, threads, GOP);
  }

  /**
   * @param gop frames from one keyframe to the next (LeRobot: {@link #GOP})
   */
  public ConstantRateVideoWriter(
      Path file, VideoCodec videoCodec, int width, int height, int fps, int threads, int gop)
      throws MediaException {
    this(file, videoCodec, width, height, fps, threads, gop, fps);
  }

  /**
   * @param ticksPerSecond the time base of {@link #write(YuvImage, long)}: {@code fps} for frame
   *     indexes, e.g. 90 000 for capture times
   */
  ConstantRateVideoWriter(
      Path file,
      VideoCodec videoCodec,
      int width,
      int height,
      int fps,
      int threads,
      int gop,
      int ticksPerSecond)
      throws MediaException {
    if (width % 2 != 0 || height % 2 != 0 || width < 2 || height < 2) {
      throw new IllegalArgumentException(
          "4:2:0 video needs even width and height, got " + width + "x" + height);
    }
    if (videoCodec == VideoCodec.AV1 && (width < MIN_AV1_SIDE || height < MIN_AV1_SIDE)) {
      throw new MediaException(
          "SVT-AV1 encodes at least "
              + MIN_AV1_SIDE
              + "x"
              + MIN_AV1_SIDE
              + " pixels, the video is "
              + width
              + "x"
              + height
              + "; export it as H.264");
    }
    this.width = width;
    this.height = height;
    this.videoCodec = videoCodec;
    this.gop = Math.max(1, gop);
    this.ticksPerFrame = Math.max(1, ticksPerSecond / Math.max(1, fps));
    try {
      open(file, fps, ticksPerSecond, Math.max(1, threads));
    } catch (MediaException | RuntimeException e) {
      release();
      throw e;
    }
  }

  private void open(Path file, int fps, int ticksPerSecond, int threads) throws MediaException {
    format = new AVFormatContext(null);
    FrameSampler.check(
        avformat_alloc_output_context2(format, null, "mp4", file.toString()), "allocate muxer");
    AVCodec encoder = avcodec_find_encoder_by_name(videoCodec.encoder());
    if (encoder == null || encoder.isNull()) {
      throw new MediaException("this FFmpeg build has no " + videoCodec.encoder() + " encoder");
    }
    stream = avformat_new_stream(format, null);
    codec = avcodec_alloc_context3(encoder);
    codec.width(width);
    codec.height(height);
    codec.pix_fmt(AV_PIX_FMT_YUV420P);
    codec.time_base(av_make_q(1, ticksPerSecond));
    codec.framerate(av_make_q(fps, 1));
    codec.gop_size(gop);
    codec.max_b_frames(0);
    if ((format.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      codec.flags(codec.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    AVDictionary options = new AVDictionary(null);
    try {
      if (videoCodec == VideoCodec.AV1) {
        av_dict_set(options, "crf", "30", 0);
        av_dict_set(options, "preset", "12", 0);
        av_dict_set(options, "svtav1-params", "fast-decode=0:lp=" + threads, 0);
      } else {
        codec.thread_count(1);
        codec.bit_rate(Math.max(100_000L, (long) width * height * fps / 10));
        // Rate control must never drop a frame: frame k has to exist at k / fps.
        av_dict_set(options, "allow_skip_frames", "0", 0);
      }
      FrameSampler.check(avcodec_open2(codec, encoder, options), "open " + videoCodec.encoder());
    } finally {
      av_dict_free(options);
    }
    FrameSampler.check(
        avcodec_parameters_from_context(stream.codecpar(), codec), "copy codec parameters");
    stream.time_base(codec.time_base());
    AVIOContext io = new AVIOContext(null);
    FrameSampler.check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "open " + file);
    format.pb(io);
    AVDictionary muxOptions = new AVDictionary(null);
    try {
      av_dict_set(muxOptions, "movflags", "+faststart", 0);
      FrameSampler.check(avformat_write_header(format, muxOptions), "write MP4 header");
    } finally {
      av_dict_free(muxOptions);
    }
    frame = av_frame_alloc();
    frame.format(AV_PIX_FMT_YUV420P);
    frame.width(width);
    frame.height(height);
    FrameSampler.check(av_frame_get_buffer(frame, 0), "allocate frame");
    packet = av_packet_alloc();
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Encodes the next frame (at {@code frames / fps}); planes tightly packed as in YuvImage. */
  public void write(YuvImage image) throws MediaException {
    write(image, nextPts);
  }

  /**
   * Encodes one frame at a frame index (in 1/fps units); skipping indexes leaves a gap in the
   * timestamps, as a camera that dropped frames would.
   */
  public void write(YuvImage image, long frameIndex) throws MediaException {
    if (image.width() != width || image.height() != height) {
      throw new IllegalArgumentException(
          "frame is "
              + image.width()
              + "x"
              + image.height()
              + ", the video "
              + width
              + "x"
              + height);
    }
    if (frameIndex < nextPts) {
      throw new IllegalArgumentException(
          "frame index " + frameIndex + " is not after the previous one (" + (nextPts - 1) + ")");
    }
    FrameSampler.check(av_frame_make_writable(frame), "make frame writable");
    copyPlane(image.y(), width, height, 0);
    copyPlane(image.u(), width / 2, height / 2, 1);
    copyPlane(image.v(), width / 2, height / 2, 2);
    frame.pts(frameIndex);
    frame.pict_type(framesSent == 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
    nextPts = frameIndex + 1;
    framesSent++;
    FrameSampler.check(avcodec_send_frame(codec, frame), "encode frame");
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

  private void drain() throws MediaException {
    while (true) {
      int ret = avcodec_receive_packet(codec, packet);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      FrameSampler.check(ret, "receive packet");
      // One frame long: without it the MP4 muxer guesses the last frame's duration, and after
      // dropped frames the guess can put that frame outside the edit list (players skip it).
      packet.duration(ticksPerFrame);
      av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
      packet.stream_index(stream.index());
      FrameSampler.check(av_interleaved_write_frame(format, packet), "write packet");
      packetsWritten++;
    }
  }

  public int framesWritten() {
    return packetsWritten;
  }

  /** Flushes the encoder, writes the MP4 index and closes the file; returns the frame count. */
  public int finish() throws MediaException {
    if (!finished) {
      finished = true;
      try {
        FrameSampler.check(avcodec_send_frame(codec, null), "flush encoder");
        drain();
        FrameSampler.check(av_write_trailer(format), "write MP4 trailer");
      } finally {
        release();
      }
    }
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
}
