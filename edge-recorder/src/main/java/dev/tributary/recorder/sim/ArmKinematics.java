package dev.tributary.recorder.sim;

/**
 * A simplified SO-101 arm: a base that pans, a two-link arm in the vertical plane (upper arm and
 * forearm), and a wrist that keeps the gripper pointing down. Lengths in metres, angles in degrees
 * as the SO-101 follower reports them ({@code *.pos}).
 */
final class ArmKinematics {
  static final double UPPER_ARM_M = 0.116;
  static final double FOREARM_M = 0.135;
  static final double SHOULDER_HEIGHT_M = 0.10;
  static final double GRIPPER_LENGTH_M = 0.06;

  private ArmKinematics() {}

  /** Pose of the gripper tip in the table frame: reach along the pan direction, height. */
  record TaskPose(double panDeg, double reachM, double heightM, double gripper, double rollDeg) {}

  /** Joint angles (degrees; gripper 0-100) for a task pose, by closed-form two-link IK. */
  static double[] inverse(TaskPose pose) {
    double r = pose.reachM();
    double z = pose.heightM() + GRIPPER_LENGTH_M - SHOULDER_HEIGHT_M;
    double d = Math.min(Math.hypot(r, z), UPPER_ARM_M + FOREARM_M - 1e-4);
    double cosElbow =
        (d * d - UPPER_ARM_M * UPPER_ARM_M - FOREARM_M * FOREARM_M) / (2 * UPPER_ARM_M * FOREARM_M);
    double elbow = Math.acos(Math.max(-1, Math.min(1, cosElbow)));
    double fromVertical = Math.atan2(r, z);
    double shoulder =
        fromVertical
            - Math.atan2(FOREARM_M * Math.sin(elbow), UPPER_ARM_M + FOREARM_M * Math.cos(elbow));
    double wrist = Math.PI - shoulder - elbow;
    return new double[] {
      pose.panDeg(),
      Math.toDegrees(shoulder) - 45,
      Math.toDegrees(elbow) - 45,
      Math.toDegrees(wrist) - 90,
      pose.rollDeg(),
      pose.gripper()
    };
  }

  /** Gripper tip (x forward, y left, z up, metres) for joint angles, by forward kinematics. */
  static double[] forward(float[] joints) {
    double pan = Math.toRadians(joints[0]);
    double shoulder = Math.toRadians(joints[1] + 45);
    double elbow = Math.toRadians(joints[2] + 45);
    double reach = UPPER_ARM_M * Math.sin(shoulder) + FOREARM_M * Math.sin(shoulder + elbow);
    double z =
        SHOULDER_HEIGHT_M
            + UPPER_ARM_M * Math.cos(shoulder)
            + FOREARM_M * Math.cos(shoulder + elbow)
            - GRIPPER_LENGTH_M;
    return new double[] {reach * Math.cos(pan), reach * Math.sin(pan), z};
  }
}
