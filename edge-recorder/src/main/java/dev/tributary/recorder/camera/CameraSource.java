package dev.tributary.recorder.camera;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One configured camera: its name (the role: top, front, wrist, …) and the device as the capture
 * format names it ({@code /dev/video0} for v4l2, {@code 0} or a name for AVFoundation, {@code
 * video=USB Camera} for DirectShow, a filter graph for lavfi).
 */
public record CameraSource(String name, String device) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  public CameraSource {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "camera name '"
              + name
              + "': use letters, digits, _ and - (it becomes observation.images."
              + name
              + ")");
    }
    if (device.isBlank()) {
      throw new IllegalArgumentException("camera " + name + ": no device after '='");
    }
  }

  /** The LeRobot feature key, as the simulated rig's cameras have. */
  public String key() {
    return "observation.images." + name;
  }

  /**
   * Parses {@code NAME=DEVICE} entries (from {@code --camera} or {@code camera=} in the config).
   */
  public static List<CameraSource> parse(List<String> entries) {
    List<CameraSource> out = new ArrayList<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "camera '" + entry + "' is not NAME=DEVICE: write e.g. --camera top=/dev/video0");
      }
      CameraSource source =
          new CameraSource(entry.substring(0, eq).trim(), entry.substring(eq + 1));
      if (out.stream().anyMatch(c -> c.name().equals(source.name()))) {
        throw new IllegalArgumentException("camera " + source.name() + " is configured twice");
      }
      out.add(source);
    }
    return out;
  }
}
