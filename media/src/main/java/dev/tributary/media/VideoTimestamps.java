package dev.tributary.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.file.Path;
import java.util.Arrays;
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
    return of(input, PacketScan.read(input));
  }

  /** The timestamps of a scan of the input's stream. */
  static VideoTimestamps of(VideoInput input, PacketScan scan) {
    AVStream stream = input.stream;
    double timeBase = av_q2d(stream.time_base());
    long[] sorted = scan.sortedTicks();
    double[] seconds = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      seconds[i] = (sorted[i] - sorted[0]) * timeBase;
    }
    return new VideoTimestamps(
        avcodec_get_name(stream.codecpar().codec_id()).getString(),
        rate(stream.r_frame_rate(), stream.avg_frame_rate()),
        seconds);
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
