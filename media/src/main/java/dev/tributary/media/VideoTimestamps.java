package dev.tributary.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * The presentation time of every frame of a video's main stream, read from the container's packets
 * without decoding anything: a few milliseconds for a minute of MP4. Gaps in these times are frames
 * the camera never delivered; their number is the stream's frame count.
 *
 * @param codec FFmpeg's codec name of the stream, e.g. {@code h264}
 * @param frameRate the container's nominal frame rate ({@code r_frame_rate}, else the average); 0
 *     when it does not say
 * @param presentationSeconds one entry per frame packet, ascending, from the stream's first frame
 *     (so the first entry is 0)
 */
public record VideoTimestamps(String codec, double frameRate, double[] presentationSeconds) {
  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  public VideoTimestamps {
    presentationSeconds = presentationSeconds.clone();
  }

  /** The times (a copy). */
  @Override
  public double[] presentationSeconds() {
    return presentationSeconds.clone();
  }

  public int frameCount() {
    return presentationSeconds.length;
  }

  /**
   * Reads the packet times of the best video stream.
   *
   * @throws MediaException with a one-line reason when the file cannot be opened or has no video
   *     stream
   */
  public static VideoTimestamps read(Path video) throws MediaException {
    try (VideoInput input = VideoInput.open(video)) {
      return read(input);
    }
  }

  /** Reads the packet times of an opened input from where it stands (the start, once opened). */
  static VideoTimestamps read(VideoInput input) {
    AVPacket packet = av_packet_alloc();
    try {
      AVFormatContext in = input.format;
      int index = input.streamIndex;
      AVStream stream = input.stream;
      double timeBase = av_q2d(stream.time_base());
      long[] ticks = new long[256];
      int n = 0;
      while (av_read_frame(in, packet) >= 0) {
        try {
          if (packet.stream_index() != index) {
            continue;
          }
          long t = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
          if (t == AV_NOPTS_VALUE) {
            continue;
          }
          if (n == ticks.length) {
            ticks = Arrays.copyOf(ticks, n * 2);
          }
          ticks[n++] = t;
        } finally {
          av_packet_unref(packet);
        }
      }
      long[] sorted =
          Arrays.copyOf(ticks, n); // decode order differs from display order with B frames
      Arrays.sort(sorted);
      double[] seconds = new double[n];
      for (int i = 0; i < n; i++) {
        seconds[i] = (sorted[i] - sorted[0]) * timeBase;
      }
      return new VideoTimestamps(
          avcodec_get_name(stream.codecpar().codec_id()).getString(),
          rate(stream.r_frame_rate(), stream.avg_frame_rate()),
          seconds);
    } finally {
      av_packet_free(packet);
    }
  }

  private static double rate(AVRational real, AVRational average) {
    if (real.num() > 0 && real.den() > 0) {
      return av_q2d(real);
    }
    if (average.num() > 0 && average.den() > 0) {
      return av_q2d(average);
    }
    return 0;
  }

  @Override
  public String toString() {
    return "VideoTimestamps[" + codec + ", " + frameRate + " fps, " + frameCount() + " frames]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VideoTimestamps v
        && codec.equals(v.codec)
        && frameRate == v.frameRate
        && Arrays.equals(presentationSeconds, v.presentationSeconds);
  }

  @Override
  public int hashCode() {
    return codec.hashCode() * 31 + Arrays.hashCode(presentationSeconds);
  }
}
