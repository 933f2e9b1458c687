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
import static org.bytedeco.ffmpeg.global.avformat.av_index_search_timestamp;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

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
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes a few frames spread over a video (any container and codec FFmpeg reads: MP4 with H.264 or
 * AV1, ...) and returns them scaled down to RGB. Each sample seeks to the keyframe before its time
 * and decodes forward, unless the decoder already stands in that keyframe's group of pictures
 * before the sample's time: then it goes on decoding from there (the same frames, decoded once, not
 * once per sample). Blocking; thread-safe (all FFmpeg state is per call).
 */
public final class FrameSampler {
  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  /** Decoding stops after this many frames past a seek point; the last one decoded is used. */
  static final int MAX_DECODED_FRAMES_PER_SAMPLE = 3_000;

  /**
   * By default the decoder decodes on the calling thread only (its CPU is what curation throughput
   * counts, and on a shared machine other threads are no free lunch).
   */
  public static final int DEFAULT_DECODER_THREADS = 1;

  private FrameSampler() {}

  /**
   * Samples {@code count} frames at the centres of {@code count} equal slices of the video.
   *
   * @param maxWidth frames wider than this are scaled down to it (aspect ratio kept)
   * @throws MediaException with a one-line reason when the file cannot be opened, has no video
   *     stream, or no frame can be decoded
   */
  public static SampledVideo sample(Path video, int count, int maxWidth) throws MediaException {
    double[] fractions = centres(count, maxWidth);
    try (VideoInput in = VideoInput.openHeaderOnly(video)) {
      return sampleAt(
          in, targets(in, fractions), maxWidth, true, DEFAULT_DECODER_THREADS, new int[1]);
    }
  }

  /**
   * {@link VideoTimestamps#read} and {@code count} samples one slice ({@code duration / count})
   * apart, opening the video once. Unlike {@link #sample}, the samples are not necessarily at the
   * slice centres: the grid is shifted (by less than a slice) to where decoding it costs the fewest
   * frames, typically with samples on keyframes, and on short GOPs each sample moves to a keyframe
   * within an eighth of a slice ({@link SampleGrid}). With a keyframe every 2 frames (LeRobot's
   * AV1): 8 keyframes, one decoded frame each. With few long GOPs ({@link KeyframePairs}: 3 to
   * {@code count / 2} keyframes, none more than 30 % of the duration apart) the samples are the two
   * frames after each keyframe instead, not one slice apart: with a keyframe every 2 s and 8
   * samples of 8 s at 15 fps, frames at 0.07, 0.13, 2.07, 2.13, ... s, 12 decoded frames (the grid
   * through the keyframes, 0, 1, ..., 7 s: 64; the centres: 96). Shorter videos with such GOPs (5-6
   * s: 3 keyframes 40 % of the duration apart) keep the grid.
   */
  public static TimedSamples sampleWithTimes(Path video, int count, int maxWidth)
      throws MediaException {
    return sampleWithTimes(video, count, maxWidth, DEFAULT_DECODER_THREADS);
  }

  /**
   * {@link #sampleWithTimes(Path, int, int)} with {@code decoderThreads} decoder threads (FFmpeg's
   * {@code thread_count}; libaom-av1 then decodes rows of a frame on worker threads: less CPU on
   * the calling thread, about as much or more for the process).
   */
  public static TimedSamples sampleWithTimes(
      Path video, int count, int maxWidth, int decoderThreads) throws MediaException {
    if (count < 1 || maxWidth < 1 || decoderThreads < 1) {
      throw new IllegalArgumentException("count, maxWidth and decoderThreads must be positive");
    }
    try (VideoInput in = VideoInput.openHeaderOnly(video)) {
      return sampleWithTimes(in, count, maxWidth, decoderThreads);
    }
  }

  /** {@link #sampleWithTimes(Path, int, int, int)} on an input opened and not read yet. */
  static TimedSamples sampleWithTimes(VideoInput in, int count, int maxWidth, int decoderThreads)
      throws MediaException {
    PacketScan scan = PacketScan.read(in);
    AVStream stream = in.stream;
    long start = start(stream);
    long duration = duration(in.format, stream, av_q2d(stream.time_base()));
    long[] frames = scan.sortedTicks();
    long[] keys = scan.keyTicks();
    double phase = SampleGrid.cheapestPhase(frames, keys, start, duration, count);
    long[] targets =
        KeyframePairs.targets(
            frames,
            keys,
            start,
            duration,
            count,
            SampleGrid.cost(frames, keys, start, duration, count, phase));
    if (targets == null) {
      targets = SampleGrid.targets(keys, start, duration, count, phase);
    }
    int[] decoded = new int[1];
    SampledVideo sampled = sampleAt(in, targets, maxWidth, false, decoderThreads, decoded);
    return new TimedSamples(VideoTimestamps.of(in, scan), sampled, decoded[0], decoderThreads);
  }

  /** Samples the frame at about {@code fraction} (0-1) of the video's duration. */
  public static SampledFrame frameAt(Path video, double fraction, int maxWidth)
      throws MediaException {
    if (maxWidth < 1) {
      throw new IllegalArgumentException("maxWidth must be positive");
    }
    try (VideoInput in = VideoInput.openHeaderOnly(video)) {
      return sampleAt(
              in,
              targets(in, new double[] {fraction}),
              maxWidth,
              true,
              DEFAULT_DECODER_THREADS,
              new int[1])
          .frames()
          .get(0);
    }
  }

  private static double[] centres(int count, int maxWidth) {
    if (count < 1 || maxWidth < 1) {
      throw new IllegalArgumentException("count and maxWidth must be positive");
    }
    return SampleGrid.fractions(count, SampleGrid.CENTRES);
  }

  /** The target ticks of fractions of the stream's duration. */
  private static long[] targets(VideoInput in, double[] fractions) {
    AVStream stream = in.stream;
    long start = start(stream);
    long duration = duration(in.format, stream, av_q2d(stream.time_base()));
    long[] out = new long[fractions.length];
    for (int i = 0; i < fractions.length; i++) {
      out[i] = SampleGrid.target(start, duration, fractions[i]);
    }
    return out;
  }

  /**
   * @param targets ticks to sample (the first frame at or after each), ascending
   * @param atStart true when nothing was read from {@code in} yet (a first sample at time 0 then
   *     needs no seek)
   * @param decodedFrames its first element receives the number of frames the decoder returned
   */
  private static SampledVideo sampleAt(
      VideoInput in,
      long[] targets,
      int maxWidth,
      boolean atStart,
      int decoderThreads,
      int[] decodedFrames)
      throws MediaException {
    AVStream stream = in.stream;
    AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
    if (decoder == null || decoder.isNull()) {
      throw new MediaException("no decoder for the video's codec");
    }
    AVCodecContext codec = avcodec_alloc_context3(decoder);
    try (RgbScaler scaler = new RgbScaler(maxWidth)) {
      check(avcodec_parameters_to_context(codec, stream.codecpar()), "configure the decoder");
      codec.thread_count(decoderThreads);
      check(avcodec_open2(codec, decoder, (PointerPointer<?>) null), "open the decoder");
      double timeBase = av_q2d(stream.time_base());
      long start = start(stream);
      long duration = duration(in.format, stream, timeBase);
      List<SampledFrame> out = new ArrayList<>(targets.length);
      try (Decoder d = new Decoder(in, codec, atStart)) {
        for (long target : targets) {
          if (d.frameAt(target)) {
            out.add(scaler.scale(d.frame, (d.frame.best_effort_timestamp() - start) * timeBase));
          }
        }
        decodedFrames[0] = d.total;
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
      avcodec_free_context(codec);
    }
  }

  private static long start(AVStream stream) {
    return stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
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

  /**
   * Reads packets of one stream and decodes forward. Between two samples it seeks only when it
   * must: when the next target lies before the last decoded frame, or after a later keyframe than
   * the one decoding started from (per the container's index; without an index it always seeks).
   */
  private static final class Decoder implements AutoCloseable {
    private final VideoInput in;
    private final AVCodecContext codec;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame next = av_frame_alloc();

    /** The last frame received (valid when {@link #any}). */
    final AVFrame frame = av_frame_alloc();

    private boolean atStart;
    private boolean any;
    private boolean ended;
    private int decoded;
    private int keyEntry = -1;

    /** Frames received over all samples. */
    int total;

    Decoder(VideoInput in, AVCodecContext codec, boolean atStart) {
      this.in = in;
      this.codec = codec;
      this.atStart = atStart;
    }

    /** Leaves in {@link #frame} the first frame at or after target (or the last one before EOF). */
    boolean frameAt(long target) throws MediaException {
      int key = av_index_search_timestamp(in.stream, target, AVSEEK_FLAG_BACKWARD);
      long last = any ? frame.best_effort_timestamp() : AV_NOPTS_VALUE;
      boolean resume =
          any
              && !ended
              && key >= 0
              && key == keyEntry
              && last != AV_NOPTS_VALUE
              && last < target
              && decoded < MAX_DECODED_FRAMES_PER_SAMPLE;
      if (!resume) {
        seek(target);
        keyEntry = key;
      }
      return decodeUntil(target);
    }

    private void seek(long target) {
      if (!(atStart && target <= 0)
          && av_seek_frame(in.format, in.streamIndex, target, AVSEEK_FLAG_BACKWARD) < 0) {
        av_seek_frame(in.format, in.streamIndex, 0, AVSEEK_FLAG_BACKWARD); // from the start
      }
      atStart = false;
      avcodec_flush_buffers(codec);
      av_frame_unref(frame);
      any = false;
      ended = false;
      decoded = 0;
    }

    private boolean decodeUntil(long target) throws MediaException {
      int r = receive(target);
      while (r == 0 && av_read_frame(in.format, packet) >= 0) {
        try {
          if (packet.stream_index() == in.streamIndex) {
            check(avcodec_send_packet(codec, packet), "decode");
            r = receive(target);
          }
        } finally {
          av_packet_unref(packet);
        }
      }
      if (r == 0) {
        avcodec_send_packet(codec, null); // drain what the decoder still holds
        ended = true;
        r = receive(target);
      }
      return any;
    }

    /** 1 when a frame at or after target is in {@link #frame}, else 0 (the decoder wants more). */
    private int receive(long target) throws MediaException {
      while (true) {
        int ret = avcodec_receive_frame(codec, next);
        if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
          return 0;
        }
        check(ret, "decode a frame");
        av_frame_unref(frame);
        av_frame_move_ref(frame, next);
        any = true;
        decoded++;
        total++;
        long ts = frame.best_effort_timestamp();
        if (ts == AV_NOPTS_VALUE || ts >= target || decoded >= MAX_DECODED_FRAMES_PER_SAMPLE) {
          return 1;
        }
      }
    }

    @Override
    public void close() {
      av_frame_free(frame);
      av_frame_free(next);
      av_packet_free(packet);
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
