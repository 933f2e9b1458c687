package dev.tributary.curation.dedup;

import java.util.List;
import java.util.Locale;

/**
 * Which robot's joints a trajectory holds: a 32-bit hash of the joint count and the state joints'
 * names in order, each normalised so that LeRobot's naming conventions of one arm agree ({@code
 * main_shoulder_pan} in v2.0, {@code shoulder_pan.pos} in v2.1, {@code Shoulder Pan}). Near
 * duplicates are only looked for among episodes of the same layout: two robots with six joints each
 * (an SO-101 and a CR5) are different machines even if their readings happen to correlate, and a
 * 26-joint humanoid is never compared with a 6-joint arm.
 */
public final class JointLayout {
  /** A layout not known (sketches stored before layouts; trajectories without names). */
  public static final int UNKNOWN = 0;

  private JointLayout() {}

  /** The layout of these state joint names, in order (never {@link #UNKNOWN}). */
  public static int of(List<String> jointNames) {
    long hash = 0xcbf29ce484222325L;
    hash = (hash ^ jointNames.size()) * 0x100000001b3L;
    for (String name : jointNames) {
      for (char c : normalise(name).toCharArray()) {
        hash = (hash ^ c) * 0x100000001b3L;
      }
      hash = (hash ^ 0xFF) * 0x100000001b3L;
    }
    int folded = (int) (LandmarkHashes.mix(hash) >>> 32);
    return folded == UNKNOWN ? 1 : folded;
  }

  /** Whether episodes of these layouts and joint counts may be compared. */
  static boolean comparable(int a, int b) {
    return a == UNKNOWN || b == UNKNOWN || a == b;
  }

  /**
   * Lower case, without LeRobot's {@code main_} / {@code follower_} prefixes and {@code .pos} /
   * {@code _pos} / {@code .position} suffixes, letters and digits only.
   */
  static String normalise(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT).trim();
    for (String prefix : new String[] {"main_", "follower_", "observation.state."}) {
      if (n.startsWith(prefix)) {
        n = n.substring(prefix.length());
      }
    }
    for (String suffix : new String[] {".position", "_position", ".pos", "_pos"}) {
      if (n.endsWith(suffix)) {
        n = n.substring(0, n.length() - suffix.length());
        break;
      }
    }
    StringBuilder out = new StringBuilder();
    for (char c : n.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
