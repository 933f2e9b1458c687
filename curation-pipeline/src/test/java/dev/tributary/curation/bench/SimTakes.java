package dev.tributary.curation.bench;

import dev.tributary.curation.dedup.Trajectory;
import dev.tributary.recorder.sim.PickAndPlaceMotion;
import dev.tributary.recorder.sim.SceneStyle;
import java.util.SplittableRandom;

/**
 * Recorded takes from the edge recorder's simulated SO-101 rig: the same {@link PickAndPlaceMotion}
 * and per-site {@link SceneStyle} as {@code SimulatedRig}, sampled at the rig's joint rate with
 * capture-time jitter, plus Gaussian sensor noise (0.05-0.2 degrees, per take) and float32 storage.
 * Two takes at one site differ as the simulator makes them differ: another object position and
 * orientation, key-pose timing, tremor; the scene, bin and episode length stay the same.
 */
public final class SimTakes {
  private SimTakes() {}

  /** One recorded take: the trajectory and what produced it. */
  public record Take(
      String episodeId,
      String siteId,
      long seed,
      double durationS,
      double rateHz,
      Trajectory trajectory,
      java.util.List<String> jointNames) {
    /** A take of an SO-101 (LeRobot v2.1 joint names). */
    public Take(
        String episodeId,
        String siteId,
        long seed,
        double durationS,
        double rateHz,
        Trajectory trajectory) {
      this(episodeId, siteId, seed, durationS, rateHz, trajectory, SO101_NAMES);
    }
  }

  /** The SO-101's state joints as LeRobot v2.1 names them. */
  public static final java.util.List<String> SO101_NAMES =
      java.util.List.of(
          "shoulder_pan.pos",
          "shoulder_lift.pos",
          "elbow_flex.pos",
          "wrist_flex.pos",
          "wrist_roll.pos",
          "gripper.pos");

  /**
   * @param seed take number within the site (the rig's seed/index)
   */
  public static Take record(String siteId, long seed, double durationS, double rateHz) {
    long episodeSeed = fnv64(siteId) * 31 + seed * 1_000_003L;
    PickAndPlaceMotion motion =
        new PickAndPlaceMotion(SceneStyle.forSite(siteId), episodeSeed, durationS);
    SplittableRandom random = new SplittableRandom(episodeSeed ^ 0x7E57DA7AL);
    double noise = 0.05 + 0.15 * random.nextDouble();
    int samples = (int) Math.floor(durationS * rateHz);
    double[][] values = new double[samples][6];
    double[] times = new double[samples];
    for (int i = 0; i < samples; i++) {
      // Capture times jitter by up to 2 ms around the nominal period (USB polling).
      double t = i / rateHz + (random.nextDouble() - 0.5) * 0.004;
      times[i] = Math.max(i > 0 ? times[i - 1] + 1e-4 : 0, t);
      float[] state = motion.state(times[i]);
      for (int j = 0; j < 6; j++) {
        values[i][j] = (float) (state[j] + noise * random.nextGaussian());
      }
    }
    String id = siteId + "/take-" + seed;
    return new Take(id, siteId, seed, durationS, rateHz, new Trajectory(values, times));
  }

  /** Site-level recording settings, derived from the site id like the rig's scene. */
  public static double durationOf(String siteId) {
    return 8 + (fnv64(siteId + "/length") >>> 11) * 0x1.0p-53 * 10;
  }

  public static double rateOf(String siteId) {
    long h = fnv64(siteId + "/rate") >>> 1;
    return new double[] {30, 30, 50, 100}[(int) (h % 4)];
  }

  static long fnv64(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
