package dev.tributary.media;

import java.util.Locale;

/**
 * The encoders a dataset export can write, with the FFmpeg encoder used and the stream's canonical
 * codec name (what a probe reports and what LeRobot's {@code video.codec} holds).
 */
public enum VideoCodec {
  /** LeRobot's default: SVT-AV1 (preset 12, crf 30, a keyframe every 2 frames). */
  AV1("libsvtav1", "av1"),
  /** Cisco OpenH264 (the only H.264 encoder in this FFmpeg build). */
  H264("libopenh264", "h264");

  private final String encoder;
  private final String codecName;

  VideoCodec(String encoder, String codecName) {
    this.encoder = encoder;
    this.codecName = codecName;
  }

  public String encoder() {
    return encoder;
  }

  /** The stream's codec name, e.g. {@code av1}. */
  public String codecName() {
    return codecName;
  }

  /** {@code av1} or {@code h264} (case-insensitive; {@code libsvtav1}, {@code avc} accepted). */
  public static VideoCodec parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "av1", "libsvtav1" -> AV1;
      case "h264", "h.264", "avc", "libopenh264" -> H264;
      default ->
          throw new IllegalArgumentException(
              "unknown video codec '" + text + "': use av1 (default, like LeRobot) or h264");
    };
  }
}
