package dev.tributary.launcher;

import java.util.Random;

/**
 * One SO-101 teleoperation take as {@code lerobot-record} stores it, for fixtures the quality
 * checks must not flag: calibrated values ({@code range_m100_100}, gripper {@code range_0_100})
 * read by 4096-step encoders over each joint's calibrated span, a rest pose with the shoulder lift
 * near -100 and the elbow near +100, a gripper at its stop (0) that opens to about 40, closes on an
 * object while its command squeezes further, and reopens. The follower tracks its leader (the
 * action) 0.1 s late through a servo dead band, so joints that are not commanded to move read
 * exactly the same value for seconds (the wrist roll holds through the whole reach). Seeded:
 * another seed is another take (another cube position), so the pipeline's near-duplicate search
 * does not pair them.
 */
final class So101Take {
  static final String[] JOINTS = {
    "shoulder_pan.pos",
    "shoulder_lift.pos",
    "elbow_flex.pos",
    "wrist_flex.pos",
    "wrist_roll.pos",
    "gripper.pos"
  };

  private static final int GRIPPER = 5;

  /** A Feetech follower does not move for commands closer than this (calibrated units). */
  private static final double DEAD_BAND = 0.35;

  /** {@code [frame][joint]}, as the dataset's {@code observation.state} column. */
  final float[][] state;

  /** {@code [frame][joint]}, as the dataset's {@code action} column (the leader arm). */
  final float[][] action;

  private So101Take(float[][] state, float[][] action) {
    this.state = state;
    this.action = action;
  }

  int frames() {
    return state.length;
  }

  /**
   * @param frames samples at {@code fps}; 5-10 s is what the keyframes are laid out for
   */
  static So101Take record(long seed, int fps, int frames) {
    Random r = new Random(seed);
    double seconds = frames / (double) fps;
    double[][] keys = keyframes(r, seconds);
    double[] leaderStep = new double[JOINTS.length];
    double[] followerStep = new double[JOINTS.length];
    double[] phase = new double[2 * JOINTS.length];
    for (int j = 0; j < JOINTS.length; j++) {
      // range_m100_100 maps the calibrated span of 1800-2800 encoder ticks onto 200 units
      double span = j == GRIPPER ? 100 : 200;
      leaderStep[j] = span / (1800 + r.nextInt(1000));
      followerStep[j] = span / (1800 + r.nextInt(1000));
      phase[2 * j] = r.nextDouble() * 2 * Math.PI;
      phase[2 * j + 1] = r.nextDouble() * 2 * Math.PI;
    }
    double lead = 0.08 * seconds;
    double out = 0.95 * seconds;
    double objectWidth = 12 + 6 * r.nextDouble();
    double graspFrom = 0.45 * seconds;
    double graspTo = 0.78 * seconds;
    int lag = Math.max(1, (int) Math.round(0.1 * fps));

    float[][] action = new float[frames][JOINTS.length];
    float[][] state = new float[frames][JOINTS.length];
    double[] follower = new double[JOINTS.length];
    boolean released = false;
    for (int i = 0; i < frames; i++) {
      double t = i / (double) fps;
      boolean handOnLeader = t > lead && t < out;
      for (int j = 0; j < JOINTS.length; j++) {
        double v = ease(keys[j], t);
        if (handOnLeader) { // the operator's hand trembles a little, well under a unit
          double amplitude = j == GRIPPER ? 0.08 : 0.2;
          v +=
              amplitude * Math.sin(2 * Math.PI * 1.3 * t + phase[2 * j])
                  + 0.4 * amplitude * Math.sin(2 * Math.PI * 3.7 * t + phase[2 * j + 1]);
        }
        action[i][j] = encoder(v, leaderStep[j], j == GRIPPER);
      }
      for (int j = 0; j < JOINTS.length; j++) {
        double target = action[Math.max(0, i - lag)][j];
        if (j == GRIPPER && t >= graspFrom && !released) {
          // the cube stops the jaw until the command opens it wider than the cube
          released = t >= graspTo && target > objectWidth;
          target = Math.max(target, objectWidth);
        }
        if (i == 0 || Math.abs(target - follower[j]) > DEAD_BAND) {
          follower[j] = target;
        }
        state[i][j] = encoder(follower[j], followerStep[j], j == GRIPPER);
      }
    }
    return new So101Take(state, action);
  }

  /** A reading: the calibrated value rounded to the encoder's step, clamped as LeRobot clamps. */
  private static float encoder(double value, double step, boolean gripper) {
    double lo = gripper ? 0 : -100;
    double stepped = Math.round(value / step) * step;
    return (float) Math.max(lo, Math.min(100, stepped));
  }

  /**
   * Per joint, {time, value, time, value, ...}: rest, reach for the cube, grasp, carry it to the
   * box, release, back to rest. Each joint holds between its keyframes.
   */
  private static double[][] keyframes(Random r, double s) {
    double pan0 = -4 + 8 * r.nextDouble();
    double lift0 = -99.6 + 1.2 * r.nextDouble();
    double elbow0 = 97 + 2.5 * r.nextDouble();
    double flex0 = 60 + 15 * r.nextDouble();
    double roll0 = -10 + 20 * r.nextDouble();
    double cube = -35 + 70 * r.nextDouble();
    double box = cube > 0 ? -30 - 10 * r.nextDouble() : 30 + 10 * r.nextDouble();
    double reachLift = -45 + 25 * r.nextDouble();
    double reachElbow = 20 + 30 * r.nextDouble();
    double open = 36 + 8 * r.nextDouble();
    double turn = (r.nextBoolean() ? 1 : -1) * (8 + 12 * r.nextDouble());
    return new double[][] {
      {
        0, pan0, .08 * s, pan0, .32 * s, cube, .55 * s, cube, .76 * s, box, .86 * s, box, .95 * s,
        pan0
      },
      {
        0,
        lift0,
        .10 * s,
        lift0,
        .35 * s,
        reachLift,
        .45 * s,
        reachLift + 8,
        .55 * s,
        reachLift + 8,
        .68 * s,
        reachLift - 10,
        .78 * s,
        reachLift,
        .86 * s,
        reachLift,
        .95 * s,
        lift0
      },
      {
        0,
        elbow0,
        .09 * s,
        elbow0,
        .36 * s,
        reachElbow,
        .45 * s,
        reachElbow - 7,
        .55 * s,
        reachElbow - 7,
        .70 * s,
        reachElbow + 12,
        .80 * s,
        reachElbow + 5,
        .95 * s,
        elbow0
      },
      {
        0,
        flex0,
        .12 * s,
        flex0,
        .38 * s,
        flex0 - 25,
        .53 * s,
        flex0 - 25,
        .72 * s,
        flex0 - 10,
        .95 * s,
        flex0
      },
      {0, roll0, .56 * s, roll0, .70 * s, roll0 + turn, .84 * s, roll0 + turn, .95 * s, roll0},
      {
        0, 0, .12 * s, 0, .28 * s, open, .45 * s, open, .53 * s, 3, .78 * s, 3, .84 * s, open,
        .90 * s, open, .95 * s, 0
      },
    };
  }

  /** Cosine-eased between keyframes, constant before the first and after the last. */
  private static double ease(double[] keys, double t) {
    if (t <= keys[0]) {
      return keys[1];
    }
    for (int k = 0; k + 2 < keys.length; k += 2) {
      if (t <= keys[k + 2]) {
        double f = (t - keys[k]) / (keys[k + 2] - keys[k]);
        double w = (1 - Math.cos(Math.PI * f)) / 2;
        return keys[k + 1] + w * (keys[k + 3] - keys[k + 1]);
      }
    }
    return keys[keys.length - 1];
  }
}
