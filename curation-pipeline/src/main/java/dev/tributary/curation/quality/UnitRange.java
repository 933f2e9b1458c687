package dev.tributary.curation.quality;

import java.util.Locale;

/**
 * What a joint's declared unit says about its readings: the nominal range, the calibrated bounds a
 * reading is clamped into (LeRobot's normalisation modes), and how many of the unit make one degree
 * of motion. Units the importer could not name ({@code unknown}, anything unrecognised) have none
 * of these: checks that need a scale derive it from the joint's own data ({@link JointSeries}).
 */
public final class UnitRange {
  /** LeRobot's calibrated normalisation of body joints (SO-100/SO-101/Koch): -100..+100. */
  public static final String RANGE_M100_100 = "range_m100_100";

  /** LeRobot's calibrated normalisation of grippers: 0..100, both ends are the gripper's stops. */
  public static final String RANGE_0_100 = "range_0_100";

  private UnitRange() {}

  /** [min, max] a joint in this unit can report, or null when unbounded or unknown. */
  public static double[] of(String unit) {
    return switch (normalise(unit)) {
      case "deg" -> new double[] {-180, 180};
      case "rad" -> new double[] {-Math.PI, Math.PI};
      case "percent", RANGE_0_100 -> new double[] {0, 100};
      case RANGE_M100_100 -> new double[] {-100, 100};
      default -> null;
    };
  }

  /**
   * How many of this unit make one degree of motion, for the motion features and the camera checks
   * (1 for unknown units: there they only shape a histogram). The quality checks use {@link
   * #unitsPerDegree} instead, which does not guess.
   */
  public static double perDegree(String unit) {
    double known = unitsPerDegree(unit);
    return Double.isNaN(known) ? 1 : known;
  }

  /**
   * How many of this unit make one degree of motion, or NaN when the unit carries no physical
   * scale. A calibrated LeRobot range counts one unit as about one degree (4096-step encoders, a
   * calibrated span of ~175-250 degrees over 200 units); a gripper's 0-100 (or %) is its stroke, on
   * SO-100/101 class arms about 100 degrees of servo travel. A linear joint in metres counts 1 mm
   * as a degree.
   */
  public static double unitsPerDegree(String unit) {
    return switch (normalise(unit)) {
      case "deg", "percent", RANGE_M100_100, RANGE_0_100 -> 1;
      case "rad" -> Math.PI / 180;
      case "m" -> 0.001;
      default -> Double.NaN;
    };
  }

  /**
   * The bounds LeRobot clamps a calibrated reading into, or null: a reading exactly at one means
   * "at or beyond the calibrated limit". Nominal ranges of physical units (deg +-180, rad +-pi) are
   * not limits: a continuous joint wraps there.
   */
  public static double[] calibratedBounds(String unit) {
    return switch (normalise(unit)) {
      case RANGE_M100_100 -> new double[] {-100, 100};
      case RANGE_0_100 -> new double[] {0, 100};
      default -> null;
    };
  }

  /** Grippers: their stops are normal resting places, and an object may block them mid-stroke. */
  public static boolean isGripper(String unit) {
    String u = normalise(unit);
    return u.equals(RANGE_0_100) || u.equals("percent");
  }

  private static String normalise(String unit) {
    String u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
    return switch (u) {
      case "deg", "degree", "degrees" -> "deg";
      case "rad", "radian", "radians" -> "rad";
      case "percent", "%", "pct" -> "percent";
      case "m", "meter", "meters", "metre", "metres" -> "m";
      default -> u;
    };
  }
}
