package dev.tributary.recorder.sim;

/** Where a simulated camera looks from; its key and role go into the manifest. */
public enum CameraView {
  TOP("observation.images.top", "top"),
  FRONT("observation.images.front", "front"),
  WRIST("observation.images.wrist", "wrist");

  private final String key;
  private final String role;

  CameraView(String key, String role) {
    this.key = key;
    this.role = role;
  }

  public String key() {
    return key;
  }

  public String role() {
    return role;
  }

  /** The first {@code count} views: 1 camera = top, 2 = top + front, 3 = + wrist. */
  public static CameraView[] first(int count) {
    if (count < 0 || count > values().length) {
      throw new IllegalArgumentException(
          "the simulated rig has 0 to " + values().length + " cameras, asked for " + count);
    }
    return java.util.Arrays.copyOf(values(), count);
  }
}
