package dev.tributary.curation.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds joints whose reading stays fixed while the arm pushes against it: saturated at a limit or
 * stuck. A fixed reading alone proves nothing: an encoder of a still joint reads exactly the same
 * value for seconds, a calibrated arm rests at its limits and a gripper at its stops. What makes it
 * pinned is evidence that the joint should have moved:
 *
 * <ul>
 *   <li>the joint's own commanded action keeps moving away from the fixed reading (when the episode
 *       has an action for it that the state normally tracks). For a gripper the action must move
 *       away on both sides of the reading: an object in the gripper blocks only the closing side;
 *   <li>or joints coupled to it keep moving: joints it moves with in every other part of the
 *       episode (a sensor that normally moves whenever they do and stops dead while they go on).
 *       Real encoders that hold still for a while are not coupled that tightly: on the SO-101
 *       sample no pair of joints moves together in more than 94 % of frames.
 * </ul>
 *
 * <p>A joint whose own command is still through the stretch is never pinned, whatever the other
 * joints do: the operator held it.
 *
 * <p>Both rules only apply to joints with a scale (a physical unit, or one derived from their
 * data).
 *
 * <p>Over ~300 lines (~325): the two rules share the joint's series, its follower lag and the
 * moving masks; the lag search sums four shifts per pass over the samples (it runs for every joint
 * of every episode on the curation thread), which takes ~35 lines more than one shift at a time.
 */
final class PinnedJointCheck {
  /** Samples a coupled joint needs to move outside the stretch before its coupling is trusted. */
  private static final int MIN_COUPLING_EVIDENCE = 30;

  /** Samples before a stretch in which a coupled joint must be seen moving already. */
  private static final int MIN_WINDOW_BEFORE = 3;

  /** Longest follower lag looked for, in samples. */
  private static final int MAX_LAG = 30;

  private final QualityThresholds t;

  PinnedJointCheck(QualityThresholds thresholds) {
    this.t = thresholds;
  }

  /** Indices of the pinned joints, in joint order. */
  List<Integer> pinnedJoints(JointSeries s, double period) {
    List<Integer> pinned = new ArrayList<>();
    if (period <= 0 || s.n() < 2) {
      return pinned;
    }
    int minRun = (int) Math.ceil(t.minStuckSeconds() / period - 1e-9);
    int minPush = (int) Math.ceil(t.minPushSeconds() / period - 1e-9);
    boolean[][] moves = moves(s);
    for (int j = 0; j < s.state().length; j++) {
      double scale = s.unitsPerDegree()[j];
      if (Double.isNaN(scale)) {
        continue;
      }
      boolean commanded = s.action()[j] != null && tracksItsAction(s, j, scale);
      float[] x = s.state()[j];
      double stuck = t.stuckDelta() * scale;
      int from = 0;
      for (int i = 1; i <= s.n(); i++) {
        if (i < s.n() && Math.abs(x[i] - x[from]) <= stuck) {
          continue;
        }
        if (i - from >= minRun && pushedAgainst(s, moves, j, commanded, from, i, minPush)) {
          pinned.add(j);
          break;
        }
        from = i;
      }
    }
    return pinned;
  }

  private boolean pushedAgainst(
      JointSeries s, boolean[][] moves, int j, boolean commanded, int from, int to, int minPush) {
    if (!commanded) {
      return coupledJointsMove(s, moves, j, from, to);
    }
    double scale = s.unitsPerDegree()[j];
    if (range(s.action()[j], from, to) <= t.actionStillDelta() * scale) {
      return false; // its own command held still too: a held joint, whatever the others do
    }
    // A command the joint has not had time to follow is not pushing: a slow joint (a hand) lags
    // its command by more than a fast one (an SO-101 follower, ~0.1 s).
    int lag = lag(s, j, from, to);
    int needed = Math.max(minPush, 2 * lag);
    // Pushing means more than the joint ever trails its command elsewhere: a servo with a deadband
    // or a slow start trails its command by its usual error at every onset of motion. The command
    // is the direct evidence, so it decides alone: joints that move nearly all the time look
    // "coupled" to a joint that starts moving a second after them.
    double push = Math.max(t.pushDelta() * scale, usualTrackingError(s, j, lag, from, to));
    return actionPushes(s, j, push, from, to, needed) || coupledJointsMove(s, moves, j, from, to);
  }

  /**
   * The delay, in samples (at most {@link #MAX_LAG}), by which the joint's state best follows its
   * action over the episode outside the stretch [from, to) (a pinned stretch would skew it): the
   * shift with the smallest mean gap.
   */
  private static int lag(JointSeries s, int j, int from, int to) {
    float[] x = s.state()[j];
    float[] a = s.action()[j];
    int n = s.n();
    int shifts = Math.min(MAX_LAG + 1, n / 2);
    double[] gaps = new double[Math.max(0, shifts)];
    int[] counts = new int[gaps.length];
    // Four shifts per pass over the samples: four independent sums (each in the order of a pass
    // of its own, so the same values) instead of one chain of dependent additions.
    for (int d0 = 0; d0 < shifts; d0 += 4) {
      int lanes = Math.min(4, shifts - d0);
      double g0 = 0;
      double g1 = 0;
      double g2 = 0;
      double g3 = 0;
      int c0 = 0;
      int c1 = 0;
      int c2 = 0;
      int c3 = 0;
      for (int i = d0; i < n; i++) {
        if (i >= from && i < to) {
          continue;
        }
        float xi = x[i];
        g0 += Math.abs(xi - a[i - d0]);
        c0++;
        if (lanes > 1 && i >= d0 + 1) {
          g1 += Math.abs(xi - a[i - d0 - 1]);
          c1++;
        }
        if (lanes > 2 && i >= d0 + 2) {
          g2 += Math.abs(xi - a[i - d0 - 2]);
          c2++;
        }
        if (lanes > 3 && i >= d0 + 3) {
          g3 += Math.abs(xi - a[i - d0 - 3]);
          c3++;
        }
      }
      double[] g = {g0, g1, g2, g3};
      int[] c = {c0, c1, c2, c3};
      for (int k = 0; k < lanes; k++) {
        gaps[d0 + k] = g[k];
        counts[d0 + k] = c[k];
      }
    }
    int best = 0;
    double bestGap = Double.MAX_VALUE;
    for (int d = 0; d < shifts; d++) {
      if (counts[d] == 0) {
        break;
      }
      double gap = gaps[d] / counts[d];
      if (gap < bestGap) {
        bestGap = gap;
        best = d;
      }
    }
    return best;
  }

  /**
   * How far the joint's state trails its action (shifted by the follower lag) outside the stretch
   * [from, to): the 95th percentile of the gap, or 0 with too few samples to say.
   */
  private static double usualTrackingError(JointSeries s, int j, int lag, int from, int to) {
    float[] x = s.state()[j];
    float[] a = s.action()[j];
    double[] gap = new double[s.n()];
    int k = 0;
    for (int i = lag; i < s.n(); i++) {
      if (i < from || i >= to) {
        gap[k++] = Math.abs(x[i] - a[i - lag]);
      }
    }
    if (k < MIN_COUPLING_EVIDENCE) {
      return 0;
    }
    Arrays.sort(gap, 0, k);
    return gap[(int) (0.95 * (k - 1))];
  }

  private static double range(float[] x, int from, int to) {
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (int i = from; i < to; i++) {
      min = Math.min(min, x[i]);
      max = Math.max(max, x[i]);
    }
    return max - min;
  }

  /**
   * Whether the joint's state follows its action at all (median gap within {@code maxTrackingGap},
   * after shifting by the follower's lag: a slow arm trails its command by up to a second): an
   * action in other units or of another meaning tells nothing about pushing.
   */
  private boolean tracksItsAction(JointSeries s, int j, double scale) {
    float[] x = s.state()[j];
    float[] a = s.action()[j];
    int lag = lag(s, j, 0, 0);
    // The median gap (the (n/2)-th smallest, 0-based) is within the limit exactly when more than
    // n/2 gaps are: counted, not sorted.
    int n = s.n() - lag;
    double limit = t.maxTrackingGap() * scale;
    int within = 0;
    for (int i = 0; i < n; i++) {
      if (Math.abs(a[i] - x[i + lag]) <= limit) {
        within++;
      }
    }
    return within > n / 2;
  }

  /**
   * Over the fixed stretch [from, to), the action moves further from the reading than it was at the
   * stretch's start by more than {@code push}, for at least {@code minPush} samples. A gripper's
   * action must be more than {@code push} above the reading for {@code minPush} samples and below
   * it for as many.
   */
  private boolean actionPushes(JointSeries s, int j, double push, int from, int to, int minPush) {
    float[] a = s.action()[j];
    double held = s.state()[j][from];
    if (UnitRange.isGripper(s.unit(j))) {
      // Commanded both further closed and further open than the reading: no object explains it.
      int above = 0;
      int below = 0;
      for (int i = from; i < to; i++) {
        above += a[i] - held > push ? 1 : 0;
        below += held - a[i] > push ? 1 : 0;
      }
      return above >= minPush && below >= minPush;
    }
    double rest = Math.abs(a[from] - held);
    int away = 0;
    for (int i = from; i < to; i++) {
      away += Math.abs(a[i] - held) - rest > push ? 1 : 0;
    }
    return away >= minPush;
  }

  /**
   * Some joint k is coupled to j (outside the stretch, j moved in at least {@code minCoupling} of
   * the samples in which k moved) and kept moving through it (in at least half of its samples, by
   * more than {@code idleDelta} in all).
   */
  private boolean coupledJointsMove(JointSeries s, boolean[][] moves, int j, int from, int to) {
    for (int k = 0; k < moves.length; k++) {
      if (k == j || moves[k] == null || moves[j] == null) {
        continue;
      }
      int inside = 0;
      for (int i = from + 1; i < to; i++) {
        if (moves[k][i]) {
          inside++;
        }
      }
      if (inside * 2 < to - from - 1
          || !movedBefore(moves[k], from, to - from)
          || range(s.state()[k], from, to) <= t.idleDelta() * s.unitsPerDegree()[k]) {
        continue;
      }
      int kMoved = 0;
      int bothMoved = 0;
      for (int i = 1; i < s.n(); i++) {
        if (i >= from && i <= to) {
          continue; // the stretch and the step into it
        }
        if (moves[k][i]) {
          kMoved++;
          if (moves[j][i]) {
            bothMoved++;
          }
        }
      }
      if (kMoved >= MIN_COUPLING_EVIDENCE && bothMoved >= t.minCoupling() * kMoved) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the joint was already moving (in at least half of the samples) in the window of up to
   * {@code length} samples before {@code from}. "Stops dead while they go on" needs them going
   * before: at the start of a motion joints set off one after another (on the real lingzu arm of
   * {@code open_50} the wrist a second after the shoulder), which is no evidence of a stuck one.
   */
  private static boolean movedBefore(boolean[] moves, int from, int length) {
    int window = Math.min(from - 1, length);
    if (window < MIN_WINDOW_BEFORE) {
      return false;
    }
    int moved = 0;
    for (int i = from - window; i < from; i++) {
      moved += moves[i] ? 1 : 0;
    }
    return moved * 2 >= window;
  }

  /**
   * moves[j][i]: joint j changed by more than {@code stuckDelta} from sample i-1 or i-2 to i. Over
   * two samples, so that a smooth motion turning round (a tremor's velocity crossing zero) still
   * counts as moving; an encoder that holds does so for many samples.
   */
  private boolean[][] moves(JointSeries s) {
    boolean[][] moves = new boolean[s.state().length][];
    for (int j = 0; j < moves.length; j++) {
      double scale = s.unitsPerDegree()[j];
      if (Double.isNaN(scale)) {
        continue;
      }
      double stuck = t.stuckDelta() * scale;
      float[] x = s.state()[j];
      moves[j] = new boolean[s.n()];
      for (int i = 1; i < s.n(); i++) {
        moves[j][i] =
            Math.abs(x[i] - x[i - 1]) > stuck || (i >= 2 && Math.abs(x[i] - x[i - 2]) > stuck);
      }
    }
    return moves;
  }
}
