package dev.tributary.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes a video's frames one by one, in presentation order, as YUV 4:2:0 images of a chosen size
 * (scaled with swscale when the source differs), each with its time in seconds from the stream's
 * first frame. AV1 decodes through libaom (this build's AV1 decoder). Not thread-safe.
 */
public final class VideoFrameReader implements AutoCloseable {
  private final VideoInput input;
  private final AVCodecContext codec;
  private final AVPacket packet = av_packet_alloc();
  private final AVFrame frame = av_frame_alloc();
  private final YuvScaler scaler;
  private final double timeBase;
  private long firstTick = AV_NOPTS_VALUE;
  private double seconds;
  private boolean draining;
  private boolean ended;

  private VideoFrameReader(VideoInput input, AVCodecContext codec, int width, int height)
      throws MediaException {
    this.input = input;
    this.codec = codec;
    this.timeBase = av_q2d(input.stream.time_base());
    this.scaler = new YuvScaler(width, height);
  }

  /**
   * @param width output width (even); the source is scaled to it
   * @param height output height (even)
   */
  public static VideoFrameReader open(Path file, int width, int height) throws MediaException {
    VideoInput input = VideoInput.open(file);
    AVCodecContext codec = null;
    try {
      var par = input.stream.codecpar();
      String name = avcodec_get_name(par.codec_id()).getString();
      AVCodec decoder = avcodec_find_decoder(par.codec_id());
      if (decoder == null || decoder.isNull()) {
        throw new MediaException("this FFmpeg build cannot decode " + name);
      }
      codec = avcodec_alloc_context3(decoder);
      FrameSampler.check(avcodec_parameters_to_context(codec, par), "configure the decoder");
      codec.thread_count(1);
      FrameSampler.check(
          avcodec_open2(codec, decoder, (PointerPointer<?>) null), "open the " + name + " decoder");
      return new VideoFrameReader(input, codec, width, height);
    } catch (MediaException | RuntimeException e) {
      if (codec != null) {
        avcodec_free_context(codec);
      }
      input.close();
      throw e;
    }
  }

  /** Width and height of the source stream. */
  public static int[] sourceSize(Path file) throws MediaException {
    try (VideoInput input = VideoInput.open(file)) {
      return new int[] {input.stream.codecpar().width(), input.stream.codecpar().height()};
    }
  }

  /**
   * Decodes the next frame.
   *
   * @return false at the end of the stream
   */
  public boolean next() throws MediaException {
    while (!ended) {
      int ret = avcodec_receive_frame(codec, frame);
      if (ret >= 0) {
        try {
          convert();
        } finally {
          av_frame_unref(frame);
        }
        return true;
      }
      if (ret == AVERROR_EOF) {
        ended = true;
        return false;
      }
      if (ret != AVERROR_EAGAIN()) {
        FrameSampler.check(ret, "decode a frame");
      }
      feed();
    }
    return false;
  }

  private void feed() throws MediaException {
    if (draining) {
      ended = true;
      return;
    }
    while (true) {
      if (av_read_frame(input.format, packet) < 0) {
        draining = true;
        avcodec_send_packet(codec, null);
        return;
      }
      try {
        if (packet.stream_index() == input.streamIndex) {
          FrameSampler.check(avcodec_send_packet(codec, packet), "decode");
          return;
        }
      } finally {
        av_packet_unref(packet);
      }
    }
  }

  private void convert() throws MediaException {
    long tick = frame.best_effort_timestamp();
    if (tick == AV_NOPTS_VALUE) {
      tick = frame.pts();
    }
    if (firstTick == AV_NOPTS_VALUE) {
      firstTick = tick == AV_NOPTS_VALUE ? 0 : tick;
    }
    seconds = tick == AV_NOPTS_VALUE ? Double.NaN : (tick - firstTick) * timeBase;
    scaler.scale(frame);
  }

  /** The last decoded frame (the same instance, overwritten by {@link #next()}). */
  public YuvImage image() {
    return scaler.image();
  }

  /** Time of the last decoded frame, seconds from the stream's first decoded frame. */
  public double seconds() {
    return seconds;
  }

  @Override
  public void close() {
    scaler.close();
    av_frame_free(frame);
    av_packet_free(packet);
    avcodec_free_context(codec);
    input.close();
  }
}
