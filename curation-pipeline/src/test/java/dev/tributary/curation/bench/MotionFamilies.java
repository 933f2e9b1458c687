package dev.tributary.curation.bench;

import dev.tributary.curation.dedup.Trajectory;
import java.util.SplittableRandom;

/**
 * Families of motion for the dedup benchmark, each a generator of takes of one pick-and-place task
 * per site. Takes of one site visit the same site waypoints (the hard negatives: another take of
 * the same task at the same site), each take jittering them by a few degrees (another object
 * position) and drawing its own speeds, holds and noise.
 *
 * <ul>
 *   <li>{@link Family#MIN_JERK}: the edge recorder's simulated rig ({@link SimTakes}): bell-shaped
 *       minimum-jerk moves, 8-18 s.
 *   <li>{@link Family#LINEAR_BLEND}: scripted joint-space linear moves at constant speed through
 *       waypoints with blended corners (no stop at a via point), 3-8 s: the flat-speed shape of
 *       many scripted and teleoperated takes.
 *   <li>{@link Family#TELEOP}: a human on a leader arm: uneven moves with overshoot, hesitations (a
 *       move stops part-way and resumes), holds, 8-12 Hz tremor, drift and sensor noise, 4-12 s.
 *   <li>{@link Family#QUANTISED}: servo moves with trapezoidal speed (ramp, cruise, ramp) and exact
 *       holds, read through 4096-step encoders and stored in LeRobot's calibrated -100..100 units
 *       (gripper 0..100), 4-10 s.
 *   <li>{@link Family#WIPE}: wiping a table area in a raster: the pan joint sweeps back and forth
 *       at constant speed with rounded turnarounds while shoulder and elbow step forward each
 *       stroke and the wrist follows, no holds, 4-10 s. Added as the held-out family after the
 *       others had been used to diagnose and tune the detector; measured once, then used to tune
 *       (issue 16, second round), so it is now a tuning family.
 *   <li>{@link Family#STIR}: stirring (or polishing) in circles or figure-eights: the pan and
 *       shoulder trace one closed loop per lap in joint space, lap after lap at nearly constant
 *       path speed (a slow 5-10 % swell), the elbow and wrist follow, the gripper holds; 3-9 s.
 *       Half the sites read through 4096-step servos (values in exact ticks of 360/4096 deg, no
 *       extra noise), the others with 0.05-0.2 deg sensor noise. Takes of one site share the loop
 *       (another pot position moves it by +-4 deg, the lap time by +-8 %): the hard negatives
 *       repeat the same motion. Unlike every other family it has no holds, no corners and no stroke
 *       ends: the speed of the path never changes much and the motion is periodic, so any landmark
 *       repeats every lap. Added in issue 16's second round as the held-out synthetic family,
 *       before the detector was changed.
 * </ul>
 */
public final class MotionFamilies {
  private MotionFamilies() {}

  /** A motion family. */
  public enum Family {
    MIN_JERK(false),
    LINEAR_BLEND(false),
    TELEOP(false),
    QUANTISED(true),
    WIPE(false),
    STIR(false);

    private final boolean normalisedUnits;

    Family(boolean normalisedUnits) {
      this.normalisedUnits = normalisedUnits;
    }

    /** Whether takes are in LeRobot's -100..100 units (else degrees, gripper 0..100). */
    public boolean normalisedUnits() {
      return normalisedUnits;
    }

    /** Take number {@code seed} of this family's task at a site. */
    public SimTakes.Take take(String siteId, long seed) {
      return switch (this) {
        case MIN_JERK ->
            SimTakes.record(siteId, seed, SimTakes.durationOf(siteId), SimTakes.rateOf(siteId));
        case LINEAR_BLEND -> linearBlend(siteId, seed);
        case TELEOP -> teleop(siteId, seed);
        case QUANTISED -> quantised(siteId, seed);
        case WIPE -> wipe(siteId, seed);
        case STIR -> stir(siteId, seed);
      };
    }
  }

  private static final int JOINTS = 6;

  /** The site's waypoints: home, above the object, the object, above the bin, the bin. */
  private static double[][] waypoints(String siteId, String family) {
    SplittableRandom r = new SplittableRandom(SimTakes.fnv64(family + "/waypoints/" + siteId));
    double[][] w = new double[5][JOINTS];
    for (int j = 0; j < JOINTS; j++) {
      w[0][j] = j == 5 ? 10 : -20 + 40 * r.nextDouble();
    }
    for (int k = 1; k < 5; k++) {
      for (int j = 0; j < JOINTS; j++) {
        w[k][j] = j == 5 ? (k == 2 || k == 3 ? 5 : 70) : -80 + 160 * r.nextDouble();
      }
    }
    // Above the object and the object share the pan joint; likewise the bin.
    w[2][0] = w[1][0];
    w[4][0] = w[3][0];
    return w;
  }

  /** A take's route: home, the site's task waypoints jittered by a few degrees, home. */
  private static double[][] route(String siteId, String family, SplittableRandom take) {
    double[][] w = waypoints(siteId, family);
    int[] order = {0, 1, 2, 1, 3, 4, 3, 0};
    double[][] route = new double[order.length][JOINTS];
    double[] objectShift = new double[JOINTS];
    for (int j = 0; j < JOINTS - 1; j++) {
      objectShift[j] = (take.nextDouble() - 0.5) * 8; // another object position: +-4 deg
    }
    for (int i = 0; i < order.length; i++) {
      for (int j = 0; j < JOINTS; j++) {
        double shift = order[i] == 1 || order[i] == 2 ? objectShift[j] : 0;
        route[i][j] = w[order[i]][j] + shift + (take.nextDouble() - 0.5) * 2;
      }
    }
    return route;
  }

  private static SplittableRandom takeRandom(String family, String siteId, long seed) {
    return new SplittableRandom(SimTakes.fnv64(family + "/" + siteId + "/" + seed));
  }

  /** Constant joint-space speed along the route, corners blended over 0.15-0.35 s. */
  static SimTakes.Take linearBlend(String siteId, long seed) {
    SplittableRandom r = takeRandom("linear", siteId, seed);
    double[][] route = route(siteId, "linear", r);
    double speed = 45 + 30 * r.nextDouble(); // deg/s of the joint that moves most
    double blend = 0.15 + 0.2 * r.nextDouble();
    double lead = 0.2 + 0.3 * r.nextDouble();
    double[] knots = new double[route.length];
    knots[0] = lead;
    for (int i = 1; i < route.length; i++) {
      double longest = 0;
      for (int j = 0; j < JOINTS; j++) {
        longest = Math.max(longest, Math.abs(route[i][j] - route[i - 1][j]));
      }
      knots[i] = knots[i - 1] + Math.max(0.25, longest / speed * (0.9 + 0.2 * r.nextDouble()));
    }
    // Scale to a 3-8 s take: scripted takes of one site run at one speed setting.
    double target = 3 + 5 * (SimTakes.fnv64(siteId + "/linear-length") >>> 11) * 0x1.0p-53;
    double scale = (target - 2 * lead) / (knots[knots.length - 1] - lead);
    for (int i = 1; i < knots.length; i++) {
      knots[i] = lead + (knots[i] - lead) * scale;
    }
    double duration = knots[knots.length - 1] + lead;
    double noise = 0.03 + 0.07 * r.nextDouble();
    return sample(
        siteId,
        seed,
        duration,
        r,
        t -> {
          double[] out = new double[JOINTS];
          int taps = 9;
          for (int k = 0; k < taps; k++) {
            double[] p = piecewiseLinear(route, knots, t + blend * (k / (taps - 1.0) - 0.5));
            for (int j = 0; j < JOINTS; j++) {
              out[j] += p[j] / taps;
            }
          }
          return out;
        },
        noise,
        false);
  }

  private static double[] piecewiseLinear(double[][] route, double[] knots, double t) {
    if (t <= knots[0]) {
      return route[0].clone();
    }
    for (int i = 1; i < knots.length; i++) {
      if (t <= knots[i]) {
        double f = (t - knots[i - 1]) / (knots[i] - knots[i - 1]);
        double[] out = new double[JOINTS];
        for (int j = 0; j < JOINTS; j++) {
          out[j] = route[i - 1][j] + (route[i][j] - route[i - 1][j]) * f;
        }
        return out;
      }
    }
    return route[route.length - 1].clone();
  }

  /** A human on a leader arm: uneven moves, hesitations, holds, tremor, drift, noise. */
  static SimTakes.Take teleop(String siteId, long seed) {
    SplittableRandom r = takeRandom("teleop", siteId, seed);
    double[][] route = route(siteId, "teleop", r);
    int moves = route.length - 1;
    double[] start = new double[moves];
    double[] length = new double[moves];
    double[] pauseAt = new double[moves]; // fraction of the move where a hesitation stops it
    double[] pauseFor = new double[moves];
    double t = 0.3 + 0.7 * r.nextDouble();
    for (int i = 0; i < moves; i++) {
      start[i] = t;
      length[i] = 0.5 + 0.8 * r.nextDouble();
      boolean hesitates = r.nextDouble() < 0.35;
      pauseAt[i] = hesitates ? 0.3 + 0.4 * r.nextDouble() : 2;
      pauseFor[i] = hesitates ? 0.1 + 0.4 * r.nextDouble() : 0;
      t += length[i] + pauseFor[i] + (r.nextDouble() < 0.5 ? 0.3 + 1.2 * r.nextDouble() : 0.05);
    }
    double duration = Math.min(12, Math.max(4, t + 0.3 + 0.7 * r.nextDouble()));
    double[] tremorHz = new double[JOINTS];
    double[] tremorAmp = new double[JOINTS];
    double[] driftHz = new double[JOINTS];
    double overshoot = 0.02 + 0.06 * r.nextDouble();
    double skew = 0.35 + 0.3 * r.nextDouble(); // where the speed peaks within a move
    for (int j = 0; j < JOINTS; j++) {
      tremorHz[j] = 8 + 4 * r.nextDouble();
      tremorAmp[j] = 0.1 + 0.3 * r.nextDouble();
      driftHz[j] = 0.1 + 0.2 * r.nextDouble();
    }
    double noise = 0.05 + 0.1 * r.nextDouble();
    return sample(
        siteId,
        seed,
        duration,
        r,
        time -> {
          double[] out = route[0].clone();
          for (int i = 0; i < moves; i++) {
            double s = progress(time, start[i], length[i], pauseAt[i], pauseFor[i], skew);
            double shaped = s + overshoot * Math.sin(Math.PI * s) * s; // overshoot, then settle
            for (int j = 0; j < JOINTS; j++) {
              out[j] += (route[i + 1][j] - route[i][j]) * Math.min(shaped, 1 + overshoot) / 1;
            }
          }
          for (int j = 0; j < JOINTS; j++) {
            out[j] +=
                tremorAmp[j] * Math.sin(2 * Math.PI * tremorHz[j] * time + j)
                    + 0.8 * Math.sin(2 * Math.PI * driftHz[j] * time + 2 * j);
          }
          return out;
        },
        noise,
        false);
  }

  /** Move progress 0..1 with a skewed bell of speed and an optional stop part-way. */
  private static double progress(
      double t, double start, double length, double pauseAt, double pauseFor, double skew) {
    double u = t - start;
    if (u <= 0) {
      return 0;
    }
    double total = length + pauseFor;
    if (u >= total) {
      return 1;
    }
    double moving;
    double pauseStart = pauseAt * length;
    if (u < pauseStart) {
      moving = u;
    } else if (u < pauseStart + pauseFor) {
      moving = pauseStart;
    } else {
      moving = u - pauseFor;
    }
    double s = Math.min(1, moving / length);
    // A skewed minimum-jerk profile: time warped so the speed peaks at 'skew' of the move.
    double warped = s < skew ? 0.5 * s / skew : 0.5 + 0.5 * (s - skew) / (1 - skew);
    return warped * warped * warped * (10 - 15 * warped + 6 * warped * warped);
  }

  /** Trapezoidal-speed servo moves with exact holds, 4096-step encoders, -100..100 units. */
  static SimTakes.Take quantised(String siteId, long seed) {
    SplittableRandom r = takeRandom("quantised", siteId, seed);
    double[][] route = route(siteId, "quantised", r);
    int moves = route.length - 1;
    double[] start = new double[moves];
    double[] length = new double[moves];
    double t = 0.3 + 0.5 * r.nextDouble();
    for (int i = 0; i < moves; i++) {
      start[i] = t;
      length[i] = 0.4 + 0.6 * r.nextDouble();
      t += length[i] + (r.nextDouble() < 0.6 ? 0.2 + 0.8 * r.nextDouble() : 0);
    }
    double duration = Math.min(10, Math.max(4, t + 0.3 + 0.5 * r.nextDouble()));
    double ramp = 0.15 + 0.15 * r.nextDouble(); // share of a move spent accelerating
    // Calibration of this site's arm: degrees at -100 and +100 (gripper: 0 and 100).
    SplittableRandom cal = new SplittableRandom(SimTakes.fnv64("calibration/" + siteId));
    double[] lo = new double[JOINTS];
    double[] hi = new double[JOINTS];
    for (int j = 0; j < JOINTS; j++) {
      lo[j] = j == 5 ? -5 : -110 + 20 * cal.nextDouble();
      hi[j] = j == 5 ? 105 : 95 + 20 * cal.nextDouble();
    }
    double tick = 360.0 / 4096;
    return sample(
        siteId,
        seed,
        duration,
        r,
        time -> {
          double[] deg = route[0].clone();
          for (int i = 0; i < moves; i++) {
            double s = trapezoid((time - start[i]) / length[i], ramp);
            for (int j = 0; j < JOINTS; j++) {
              deg[j] += (route[i + 1][j] - route[i][j]) * s;
            }
          }
          double[] out = new double[JOINTS];
          for (int j = 0; j < JOINTS; j++) {
            double ticks = Math.round(deg[j] / tick) * tick;
            double low = j == 5 ? 0 : -100;
            out[j] = low + (ticks - lo[j]) / (hi[j] - lo[j]) * (100 - low);
          }
          return out;
        },
        0,
        true);
  }

  /** A raster wipe: constant-speed pan strokes, rounded turnarounds, shoulder/elbow steps. */
  static SimTakes.Take wipe(String siteId, long seed) {
    SplittableRandom site = new SplittableRandom(SimTakes.fnv64("wipe/area/" + siteId));
    SplittableRandom r = takeRandom("wipe", siteId, seed);
    double[] centre = new double[JOINTS];
    for (int j = 0; j < JOINTS; j++) {
      centre[j] = j == 5 ? 5 : -40 + 80 * site.nextDouble();
    }
    double width = 30 + 30 * site.nextDouble(); // pan sweep in degrees
    double depth = 15 + 15 * site.nextDouble(); // shoulder travel over the whole wipe
    double strokeS = 0.5 + 0.5 * site.nextDouble();
    double duration = 4 + 6 * (SimTakes.fnv64(siteId + "/wipe-length") >>> 11) * 0x1.0p-53;
    double shiftPan = (r.nextDouble() - 0.5) * 8;
    double shiftShoulder = (r.nextDouble() - 0.5) * 8;
    double stroke = strokeS * (0.9 + 0.2 * r.nextDouble());
    double turn = 0.1 + 0.1 * r.nextDouble(); // turnaround rounding, seconds
    double lead = 0.3 + 0.4 * r.nextDouble();
    double wipeS = duration - 2 * lead;
    double elbowGain = -0.6 - 0.3 * r.nextDouble();
    double wristGain = 0.3 + 0.3 * r.nextDouble();
    double noise = 0.03 + 0.07 * r.nextDouble();
    return sample(
        siteId,
        seed,
        duration,
        r,
        t -> {
          double u = Math.max(0, Math.min(wipeS, t - lead));
          // Triangle wave in pan, its corners rounded by averaging over 'turn' seconds.
          double pan = 0;
          int taps = 7;
          for (int k = 0; k < taps; k++) {
            double x = (u + turn * (k / (taps - 1.0) - 0.5)) / stroke;
            double phase = x - 2 * Math.floor(x / 2);
            pan += (phase < 1 ? phase : 2 - phase) / taps;
          }
          double progress = u / wipeS;
          double[] out = centre.clone();
          out[0] += shiftPan + width * (pan - 0.5);
          out[1] += shiftShoulder + depth * progress;
          out[2] += elbowGain * depth * progress;
          out[3] += wristGain * width * (pan - 0.5) * 0.3 + 5 * Math.sin(0.7 * t);
          out[4] += 3 * Math.sin(0.4 * t + 1);
          return out;
        },
        noise,
        false);
  }

  /**
   * Stirring in loops: pan and shoulder trace a circle (or a figure-eight, per site) lap after lap
   * at nearly constant path speed, elbow and wrist coupled to them, gripper holding.
   */
  static SimTakes.Take stir(String siteId, long seed) {
    SplittableRandom site = new SplittableRandom(SimTakes.fnv64("stir/loop/" + siteId));
    SplittableRandom r = takeRandom("stir", siteId, seed);
    double[] centre = new double[JOINTS];
    for (int j = 0; j < JOINTS; j++) {
      centre[j] = j == 5 ? 20 + 40 * site.nextDouble() : -40 + 80 * site.nextDouble();
    }
    boolean figureEight = site.nextBoolean();
    boolean servo = site.nextBoolean(); // 4096-step encoders, no sensor noise
    double radiusPan = 8 + 17 * site.nextDouble();
    double radiusShoulder = 6 + 14 * site.nextDouble();
    double lapS = 0.8 + 0.8 * site.nextDouble();
    double duration = 3 + 6 * (SimTakes.fnv64(siteId + "/stir-length") >>> 11) * 0x1.0p-53;
    double elbowGain = -0.5 - 0.4 * site.nextDouble();
    double wristGain = 0.2 + 0.4 * site.nextDouble();
    // Per take: another pot position, another lap time, its own swell and start phase.
    double[] shift = new double[JOINTS];
    for (int j = 0; j < JOINTS - 1; j++) {
      shift[j] = (r.nextDouble() - 0.5) * 8;
    }
    double lap = lapS * (0.92 + 0.16 * r.nextDouble());
    double swell = 0.05 + 0.05 * r.nextDouble();
    double swellHz = 0.1 + 0.2 * r.nextDouble();
    double swellPhase = 2 * Math.PI * r.nextDouble();
    double phase0 = 2 * Math.PI * r.nextDouble();
    double ramp = 0.2 + 0.3 * r.nextDouble(); // seconds to get up to speed from rest
    double noise = servo ? 0 : 0.05 + 0.15 * r.nextDouble();
    double tick = 360.0 / 4096;
    int steps = 200;
    double dt = duration / steps;
    double[] angle = new double[steps + 2]; // loop angle on a fine grid, integrated speed
    for (int i = 1; i < angle.length; i++) {
      double t = (i - 0.5) * dt;
      double up = Math.min(1, t / ramp);
      double speed =
          2 * Math.PI / lap * (1 + swell * Math.sin(2 * Math.PI * swellHz * t + swellPhase));
      angle[i] = angle[i - 1] + up * up * (3 - 2 * up) * speed * dt;
    }
    return sample(
        siteId,
        seed,
        duration,
        r,
        t -> {
          double x = Math.max(0, Math.min(steps, t / dt));
          int k = (int) Math.floor(x);
          double a = phase0 + angle[k] + (angle[k + 1] - angle[k]) * (x - k);
          double[] out = centre.clone();
          out[0] += shift[0] + radiusPan * Math.cos(a);
          double s = figureEight ? Math.sin(2 * a) : Math.sin(a);
          out[1] += shift[1] + radiusShoulder * s;
          out[2] += shift[2] + elbowGain * radiusShoulder * s;
          out[3] += shift[3] + wristGain * radiusPan * Math.cos(a + 0.6);
          out[4] += shift[4] + 2 * Math.sin(0.3 * t + 1);
          if (servo) {
            for (int j = 0; j < JOINTS; j++) {
              out[j] = Math.round(out[j] / tick) * tick;
            }
          }
          return out;
        },
        noise,
        false);
  }

  /** Progress 0..1 of a trapezoidal speed profile at fraction u of the move. */
  private static double trapezoid(double u, double ramp) {
    if (u <= 0) {
      return 0;
    }
    if (u >= 1) {
      return 1;
    }
    double cruise = 1 / (1 - ramp); // peak speed in progress per unit of u
    if (u < ramp) {
      return 0.5 * cruise / ramp * u * u;
    }
    if (u > 1 - ramp) {
      double v = 1 - u;
      return 1 - 0.5 * cruise / ramp * v * v;
    }
    return 0.5 * cruise * ramp + cruise * (u - ramp);
  }

  private interface Pose {
    double[] at(double timeS);
  }

  /** Samples a pose function at the site's rate with 2 ms capture jitter, noise, float32. */
  private static SimTakes.Take sample(
      String siteId,
      long seed,
      double duration,
      SplittableRandom r,
      Pose pose,
      double noise,
      boolean exact) {
    double rate = SimTakes.rateOf(siteId);
    int samples = (int) Math.floor(duration * rate);
    double[][] values = new double[samples][];
    double[] times = new double[samples];
    for (int i = 0; i < samples; i++) {
      double t = i / rate + (r.nextDouble() - 0.5) * 0.004;
      times[i] = Math.max(i > 0 ? times[i - 1] + 1e-4 : 0, t);
      double[] p = pose.at(exact ? i / rate : times[i]);
      for (int j = 0; j < JOINTS; j++) {
        p[j] = (float) (p[j] + (noise > 0 ? noise * r.nextGaussian() : 0));
      }
      values[i] = p;
    }
    return new SimTakes.Take(
        siteId + "/take-" + seed, siteId, seed, duration, rate, new Trajectory(values, times));
  }
}
