package dev.tributary.recorder.camera;

import java.util.Locale;
import java.util.Map;

/**
 * How every camera is captured: FFmpeg's input format (the OS's capture device by default) and the
 * size and rate asked of the device; frames are scaled to this size before they are encoded.
 */
public record CameraSettings(String inputFormat, int width, int height, int fps) {
  public CameraSettings {
    if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException(
          "camera size " + width + "x" + height + ": use even numbers, e.g. 640x480");
    }
    if (fps < 1 || fps > 240) {
      throw new IllegalArgumentException("camera rate " + fps + " fps: use 1-240");
    }
  }

  /** FFmpeg's capture device of this OS: v4l2, avfoundation or dshow. */
  public static String systemInputFormat() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return os.contains("mac") ? "avfoundation" : os.contains("win") ? "dshow" : "v4l2";
  }

  /** The device options asking for this size and rate; none for lavfi (its graph says them). */
  Map<String, String> deviceOptions() {
    if (inputFormat.equals("lavfi")) {
      return Map.of();
    }
    return Map.of("video_size", width + "x" + height, "framerate", Integer.toString(fps));
  }
}
