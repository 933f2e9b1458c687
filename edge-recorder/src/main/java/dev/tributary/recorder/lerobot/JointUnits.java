package dev.tributary.recorder.lerobot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The unit of each imported joint, as the curation pipeline's checks read it. LeRobotDataset does
 * not record units, so they are inferred, conservatively:
 *
 * <ul>
 *   <li>Arms driven by LeRobot's Feetech/Dynamixel bus code (SO-100, SO-101, Koch, LeKiwi): body
 *       joints in {@code range_m100_100} (the calibrated range mapped to [-100, 100]; LeRobot
 *       clamps readings into it) and the gripper in {@code range_0_100}, LeRobot's default
 *       normalisation modes; {@code deg} when values leave those ranges ({@code use_degrees}).
 *   <li>Every other robot: {@code unknown}. Guessing degrees would make radian-valued humanoid and
 *       industrial-arm data look idle; the pipeline scales such joints by their own motion.
 * </ul>
 */
final class JointUnits {
  static final String RANGE_M100_100 = "range_m100_100";
  static final String RANGE_0_100 = "range_0_100";
  static final String DEGREES = "deg";
  static final String UNKNOWN = "unknown";

  /** LeRobot clamps normalised readings; a float32 round trip stays well inside this. */
  private static final double RANGE_SLACK = 0.5;

  private JointUnits() {}

  static List<String> of(String robotType, List<String> names, float[][] values) {
    boolean busArm = isBusServoArm(robotType, names);
    List<String> units = new ArrayList<>(names.size());
    for (int j = 0; j < names.size(); j++) {
      if (!busArm) {
        units.add(UNKNOWN);
        continue;
      }
      boolean gripper = names.get(j).toLowerCase(Locale.ROOT).contains("gripper");
      double lo = gripper ? 0 : -100;
      units.add(
          within(values[j], lo - RANGE_SLACK, 100 + RANGE_SLACK)
              ? (gripper ? RANGE_0_100 : RANGE_M100_100)
              : DEGREES);
    }
    return units;
  }

  static boolean isBusServoArm(String robotType, List<String> names) {
    String type = robotType == null ? "" : robotType.toLowerCase(Locale.ROOT).replace("-", "_");
    if (type.startsWith("so100")
        || type.startsWith("so101")
        || type.startsWith("so_100")
        || type.startsWith("so_101")
        || type.startsWith("koch")
        || type.startsWith("lekiwi")) {
      return true;
    }
    // Unknown robot type but SO-101 joint names (after aliasing): the same arm.
    return names.contains("shoulder_pan.pos") && names.contains("gripper.pos");
  }

  private static boolean within(float[] values, double lo, double hi) {
    for (float v : values) {
      if (!(v >= lo && v <= hi)) {
        return false;
      }
    }
    return true;
  }
}
