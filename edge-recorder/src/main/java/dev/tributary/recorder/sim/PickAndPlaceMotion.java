package dev.tributary.recorder.sim;

import dev.tributary.recorder.sim.ArmKinematics.TaskPose;
import java.util.SplittableRandom;

/**
 * One pick-and-place demonstration of a 6-joint SO-101 arm as a deterministic function of time:
 * home, reach above the object, descend, close the gripper, lift, carry to the bin, descend, open,
 * return home. The action is the commanded (leader) trajectory, smoothed with minimum-jerk blending
 * between key poses; the state follows it with a servo lag and a small tremor.
 */
public final class PickAndPlaceMotion {
  public static final String[] JOINT_NAMES = {
    "shoulder_pan.pos",
    "shoulder_lift.pos",
    "elbow_flex.pos",
    "wrist_flex.pos",
    "wrist_roll.pos",
    "gripper.pos"
  };
  private static final double LAG_S = 0.08;

  private final double durationS;
  private final double[] keyTimes;
  private final double[][] keyJoints;
  private final double objectPanDeg;
  private final double objectReachM;
  private final double graspTimeS;
  private final double releaseTimeS;
  private final double[] tremorFreq = new double[6];
  private final double[] tremorPhase = new double[6];
  private final double[] tremorAmp = new double[6];

  public PickAndPlaceMotion(SceneStyle style, long episodeSeed, double durationS) {
    this.durationS = durationS;
    SplittableRandom random = new SplittableRandom(episodeSeed);
    objectPanDeg = -50 + 100 * random.nextDouble();
    objectReachM = 0.14 + 0.10 * random.nextDouble();
    double objectYaw = -40 + 80 * random.nextDouble();
    double binPan = style.binPanDeg() + (-6 + 12 * random.nextDouble());
    double binReach = style.binReachM() + (-0.01 + 0.02 * random.nextDouble());
    double open = 70 + 25 * random.nextDouble();
    double closed = Math.max(5, 60 * style.objectSizeM() / 0.045 - 20 + 5 * random.nextDouble());
    double hover = 0.09 + 0.04 * random.nextDouble();
    double low = style.objectSizeM() * 0.5;
    TaskPose home = new TaskPose(0, 0.10, 0.17, 3, 0);
    TaskPose[] poses = {
      home,
      new TaskPose(objectPanDeg, objectReachM, hover, open, objectYaw),
      new TaskPose(objectPanDeg, objectReachM, low, open, objectYaw),
      new TaskPose(objectPanDeg, objectReachM, low, closed, objectYaw),
      new TaskPose(objectPanDeg, objectReachM, hover, closed, objectYaw),
      new TaskPose(binPan, binReach, hover + 0.02, closed, 0),
      new TaskPose(binPan, binReach, low + 0.03, closed, 0),
      new TaskPose(binPan, binReach, low + 0.03, open, 0),
      new TaskPose(binPan, binReach, hover + 0.03, open * 0.6, 0),
      home
    };
    double[] fractions = {0.05, 0.22, 0.32, 0.40, 0.50, 0.68, 0.76, 0.82, 0.90, 0.98};
    keyTimes = new double[poses.length];
    keyJoints = new double[poses.length][];
    for (int i = 0; i < poses.length; i++) {
      double jitter = (i == 0 || i == poses.length - 1) ? 0 : (-0.015 + 0.03 * random.nextDouble());
      keyTimes[i] = (fractions[i] + jitter) * durationS;
      keyJoints[i] = ArmKinematics.inverse(poses[i]);
    }
    graspTimeS = keyTimes[3];
    releaseTimeS = keyTimes[7] - (keyTimes[7] - keyTimes[6]) * 0.5;
    for (int j = 0; j < 6; j++) {
      tremorFreq[j] = 0.7 + 2.5 * random.nextDouble();
      tremorPhase[j] = 2 * Math.PI * random.nextDouble();
      tremorAmp[j] = j == 5 ? 0.3 : 0.15 + 0.25 * random.nextDouble();
    }
  }

  public double durationS() {
    return durationS;
  }

  /** Commanded joint positions at time t (seconds from the episode start). */
  public float[] action(double t) {
    double[] joints = commanded(t);
    float[] out = new float[6];
    for (int j = 0; j < 6; j++) {
      out[j] = (float) joints[j];
    }
    return out;
  }

  /** Measured joint positions at time t: the command, delayed by the servo, plus tremor. */
  public float[] state(double t) {
    double[] joints = commanded(t - LAG_S);
    float[] out = new float[6];
    for (int j = 0; j < 6; j++) {
      double value =
          joints[j] + tremorAmp[j] * Math.sin(2 * Math.PI * tremorFreq[j] * t + tremorPhase[j]);
      out[j] = (float) (j == 5 ? Math.max(0, Math.min(100, value)) : value);
    }
    return out;
  }

  private double[] commanded(double t) {
    if (t <= keyTimes[0]) {
      return keyJoints[0].clone();
    }
    for (int i = 1; i < keyTimes.length; i++) {
      if (t <= keyTimes[i]) {
        double s = (t - keyTimes[i - 1]) / (keyTimes[i] - keyTimes[i - 1]);
        double blend = s * s * s * (10 - 15 * s + 6 * s * s);
        double[] out = new double[6];
        for (int j = 0; j < 6; j++) {
          out[j] = keyJoints[i - 1][j] + (keyJoints[i][j] - keyJoints[i - 1][j]) * blend;
        }
        return out;
      }
    }
    return keyJoints[keyJoints.length - 1].clone();
  }

  /**
   * Where the object is at time t (x forward, y left, z up, metres): on the table, in the gripper,
   * or where it was released.
   */
  public double[] objectPosition(double t) {
    if (t < graspTimeS) {
      double pan = Math.toRadians(objectPanDeg);
      return new double[] {objectReachM * Math.cos(pan), objectReachM * Math.sin(pan), 0};
    }
    if (t < releaseTimeS) {
      return ArmKinematics.forward(state(t));
    }
    double[] released = ArmKinematics.forward(state(releaseTimeS));
    released[2] = 0;
    return released;
  }
}
