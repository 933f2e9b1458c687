package dev.tributary.media;

import java.util.Arrays;

/**
 * Where to put {@code count} samples one slice ({@code duration / count}) apart so that decoding
 * them costs the fewest frames. A sample costs the frames from the keyframe before it up to it, and
 * samples between the same two keyframes share one forward pass ({@link FrameSampler}); so with a
 * keyframe every 2 s and a sample every second, the grid through the keyframes decodes each GOP up
 * to its middle (16 of 30 frames), the centred grid to three quarters (24). The grid's phase is
 * chosen among the slice centres (0.5) and the phases that put a sample on a keyframe; ties go to
 * the phase nearest the centres.
 *
 * <p>On short GOPs (LeRobot's AV1 has a keyframe every 2 frames) a sample whose target falls just
 * after a keyframe still costs the keyframe plus the frames up to the target, and one just before a
 * keyframe the previous keyframe, the frames between and often the next keyframe too: with
 * libaom-av1 at 640x480 a keyframe costs ~8 ms. So each target is moved to the nearest keyframe
 * when one lies within {@link #SNAP_SLICE_FRACTION} of a slice ({@link #targets}): one decoded
 * frame per sample. On long GOPs (a keyframe every second or more against slices of about a second)
 * no keyframe is that close to a sample off the keyframes, and nothing moves. Pure arithmetic on
 * stream ticks.
 */
final class SampleGrid {
  /** Phase of the slice centres, {@link FrameSampler#sample}'s placement. */
  static final double CENTRES = 0.5;

  /**
   * A target moves to a keyframe at most this share of a slice away (either side). Below half a
   * slice, so two targets never move onto the same keyframe and their order stays.
   */
  static final double SNAP_SLICE_FRACTION = 1.0 / 8;

  private SampleGrid() {}

  /**
   * The target ticks of the grid at {@code phase}, ascending, each moved to the nearest keyframe
   * within {@link #SNAP_SLICE_FRACTION} of a slice when there is one.
   *
   * @param keys the keyframes' ticks, ascending (empty: no target moves)
   */
  static long[] targets(long[] keys, long start, long duration, int count, double phase) {
    double[] f = fractions(count, phase);
    long[] out = new long[count];
    long tolerance = (long) (Math.max(0, duration) * SNAP_SLICE_FRACTION / Math.max(1, count));
    for (int i = 0; i < count; i++) {
      long t = target(start, duration, f[i]);
      out[i] = nearestKey(keys, t, tolerance);
    }
    return out;
  }

  /** The keyframe nearest {@code t} if it is at most {@code tolerance} away, else {@code t}. */
  static long nearestKey(long[] keys, long t, long tolerance) {
    int before = lastAtOrBefore(keys, t);
    long best = t;
    long bestDistance = Long.MAX_VALUE;
    if (before >= 0 && t - keys[before] <= tolerance) {
      best = keys[before];
      bestDistance = t - keys[before];
    }
    if (before + 1 < keys.length
        && keys[before + 1] - t <= tolerance
        && keys[before + 1] - t < bestDistance) {
      best = keys[before + 1];
    }
    return best;
  }

  /** Fractions (0-1) of the duration: {@code (i + phase) / count}. */
  static double[] fractions(int count, double phase) {
    double[] f = new double[count];
    for (int i = 0; i < count; i++) {
      f[i] = (i + phase) / count;
    }
    return f;
  }

  /** The target tick of a fraction, as {@link FrameSampler} computes it. */
  static long target(long start, long duration, double fraction) {
    return start + (long) (Math.max(0, Math.min(1, fraction)) * duration);
  }

  /**
   * The cheapest phase in [0, 1).
   *
   * @param frames every frame's tick, ascending
   * @param keys the keyframes' ticks, ascending
   */
  static double cheapestPhase(long[] frames, long[] keys, long start, long duration, int count) {
    if (frames.length == 0 || keys.length == 0 || duration <= 0 || count < 1) {
      return CENTRES;
    }
    double best = CENTRES;
    long bestCost = cost(frames, keys, start, duration, count, CENTRES);
    long bestPlain = plainCost(frames, keys, start, duration, count, CENTRES);
    for (long key : keys) {
      // half a tick late, so the truncation in target() lands on the keyframe, not before it
      double slices = (key - start + 0.5) * count / duration;
      if (slices < 0 || slices >= count) {
        continue;
      }
      double phase = slices - Math.floor(slices);
      long c = cost(frames, keys, start, duration, count, phase);
      long plain = plainCost(frames, keys, start, duration, count, phase);
      // ties (common once targets move onto near keyframes) go to the grid that was cheapest
      // before moving them, so a short-GOP video is sampled where it was, give or take a frame
      if (c < bestCost
          || c == bestCost && plain < bestPlain
          || c == bestCost
              && plain == bestPlain
              && Math.abs(phase - CENTRES) < Math.abs(best - CENTRES)) {
        best = phase;
        bestCost = c;
        bestPlain = plain;
      }
    }
    return best;
  }

  /**
   * Frames decoded for the grid at {@code phase} ({@link #targets}, moved onto near keyframes): per
   * keyframe, up to its deepest sample.
   */
  static long cost(long[] frames, long[] keys, long start, long duration, int count, double phase) {
    return costOf(frames, keys, targets(keys, start, duration, count, phase));
  }

  /** {@link #cost} of the grid's targets where they fall, none moved onto a keyframe. */
  static long plainCost(
      long[] frames, long[] keys, long start, long duration, int count, double phase) {
    return costOf(frames, keys, targets(new long[0], start, duration, count, phase));
  }

  private static long costOf(long[] frames, long[] keys, long[] unsorted) {
    long[] targets = unsorted.clone();
    Arrays.sort(targets);
    long cost = 0;
    int group = Integer.MIN_VALUE;
    int groupFrom = 0;
    int deepest = 0;
    for (long t : targets) {
      int frame = Math.min(frames.length - 1, firstAtOrAfter(frames, t));
      int key = lastAtOrBefore(keys, t);
      if (key != group) {
        if (group != Integer.MIN_VALUE) {
          cost += deepest - groupFrom + 1;
        }
        group = key;
        groupFrom = key < 0 ? 0 : Math.min(frames.length - 1, firstAtOrAfter(frames, keys[key]));
        deepest = frame;
      } else {
        deepest = Math.max(deepest, frame);
      }
    }
    return cost + deepest - groupFrom + 1;
  }

  private static int firstAtOrAfter(long[] sorted, long t) {
    int i = Arrays.binarySearch(sorted, t);
    if (i >= 0) {
      while (i > 0 && sorted[i - 1] == t) {
        i--;
      }
      return i;
    }
    return -i - 1;
  }

  /** Index of the last value <= t, -1 when none. */
  private static int lastAtOrBefore(long[] sorted, long t) {
    int i = Arrays.binarySearch(sorted, t);
    if (i >= 0) {
      while (i + 1 < sorted.length && sorted[i + 1] == t) {
        i++;
      }
      return i;
    }
    return -i - 2;
  }
}
