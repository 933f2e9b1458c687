package dev.tributary.curation.quality;

import java.util.Locale;

/** Physical ranges and degree equivalents of the joint units a manifest may declare. */
public final class UnitRange {
  private UnitRange() {}

  /** [min, max] a joint in this unit can report, or null when unbounded or unknown. */
  public static double[] of(String unit) {
    return switch (normalise(unit)) {
      case "deg" -> new double[] {-180, 180};
      case "rad" -> new double[] {-Math.PI, Math.PI};
      case "percent" -> new double[] {0, 100};
      default -> null;
    };
  }

  /** How many of this unit make one degree of motion (1 for unknown units). */
  public static double perDegree(String unit) {
    return switch (normalise(unit)) {
      case "rad" -> Math.PI / 180;
      // A gripper's 0-100 % is its calibrated stroke: on SO-100/101-class arms about 100 degrees of
      // servo travel. (Was a full turn, 360 degrees: it made 1500 deg/s a full stroke in 0.24 s,
      // which the simulator's quick grasps of short takes exceed on clean episodes.)
      case "percent" -> 1;
      default -> 1;
    };
  }

  private static String normalise(String unit) {
    String u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
    return switch (u) {
      case "deg", "degree", "degrees" -> "deg";
      case "rad", "radian", "radians" -> "rad";
      case "percent", "%", "pct" -> "percent";
      default -> u;
    };
  }
}
