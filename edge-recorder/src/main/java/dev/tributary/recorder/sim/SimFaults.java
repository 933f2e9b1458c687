package dev.tributary.recorder.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Defects the simulator can inject so curation has something to catch. Applied to a deterministic
 * fraction of episodes (chosen from the episode seed).
 *
 * @param timestampJitter standard deviation of Gaussian noise added to every joint capture time
 * @param frameDropRate fraction of video frames never captured (gaps in the MP4's timestamps)
 * @param frozenCamera the first camera repeats one image from 40 % of the episode on
 * @param darkCamera the first camera sees almost black
 * @param blurryCamera the first camera is out of focus (a Gaussian-like blur of about 1.7 % of the
 *     image width, see {@link SceneRenderer#defocus})
 * @param jointSaturation elbow_flex reads a constant (pinned at its limit) for 30-60 % of the
 *     episode
 * @param idleStretch the arm stands still for a quarter of the episode
 * @param episodeFraction fraction of episodes that get the faults (0-1)
 */
public record SimFaults(
    Duration timestampJitter,
    double frameDropRate,
    boolean frozenCamera,
    boolean darkCamera,
    boolean blurryCamera,
    boolean jointSaturation,
    boolean idleStretch,
    double episodeFraction) {

  public SimFaults {
    if (timestampJitter == null || timestampJitter.isNegative()) {
      throw new IllegalArgumentException("timestamp jitter must be >= 0, got " + timestampJitter);
    }
    if (frameDropRate < 0 || frameDropRate >= 1) {
      throw new IllegalArgumentException("frame drop rate must be in [0, 1), got " + frameDropRate);
    }
    if (episodeFraction < 0 || episodeFraction > 1) {
      throw new IllegalArgumentException(
          "episode fraction must be in [0, 1], got " + episodeFraction);
    }
  }

  public static SimFaults none() {
    return new SimFaults(Duration.ZERO, 0, false, false, false, false, false, 1);
  }

  public boolean any() {
    return !timestampJitter.isZero()
        || frameDropRate > 0
        || frozenCamera
        || darkCamera
        || blurryCamera
        || jointSaturation
        || idleStretch;
  }

  /**
   * Parses e.g. {@code jitter=3ms,drop=0.05,frozen,dark,blur,saturation,idle,fraction=0.3}; an
   * empty string means no faults.
   */
  public static SimFaults parse(String spec) {
    Duration jitter = Duration.ZERO;
    double drop = 0;
    boolean frozen = false;
    boolean dark = false;
    boolean blur = false;
    boolean saturation = false;
    boolean idle = false;
    double fraction = 1;
    if (spec == null || spec.isBlank()) {
      return none();
    }
    for (String item : spec.split(",")) {
      String[] kv = item.trim().split("=", 2);
      String key = kv[0].trim().toLowerCase(Locale.ROOT);
      String value = kv.length > 1 ? kv[1].trim() : null;
      try {
        switch (key) {
          case "jitter" -> jitter = parseMillis(value);
          case "drop" -> drop = Double.parseDouble(value);
          case "frozen" -> frozen = true;
          case "dark" -> dark = true;
          case "blur" -> blur = true;
          case "saturation" -> saturation = true;
          case "idle" -> idle = true;
          case "fraction" -> fraction = Double.parseDouble(value);
          default -> throw new IllegalArgumentException("unknown fault '" + key + "'");
        }
      } catch (NumberFormatException | NullPointerException e) {
        throw new IllegalArgumentException(
            "fault '" + item.trim() + "' needs a number, e.g. drop=0.05");
      }
    }
    return new SimFaults(jitter, drop, frozen, dark, blur, saturation, idle, fraction);
  }

  private static Duration parseMillis(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (v.endsWith("ms")) {
      return Duration.ofNanos(Math.round(Double.parseDouble(v.substring(0, v.length() - 2)) * 1e6));
    }
    if (v.endsWith("us")) {
      return Duration.ofNanos(Math.round(Double.parseDouble(v.substring(0, v.length() - 2)) * 1e3));
    }
    return Duration.ofNanos(Math.round(Double.parseDouble(v) * 1e6));
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (!timestampJitter.isZero()) {
      parts.add("jitter=" + timestampJitter.toNanos() / 1e6 + "ms");
    }
    if (frameDropRate > 0) {
      parts.add("drop=" + frameDropRate);
    }
    if (frozenCamera) {
      parts.add("frozen");
    }
    if (darkCamera) {
      parts.add("dark");
    }
    if (blurryCamera) {
      parts.add("blur");
    }
    if (jointSaturation) {
      parts.add("saturation");
    }
    if (idleStretch) {
      parts.add("idle");
    }
    return parts.isEmpty() ? "none" : String.join(",", parts);
  }
}
