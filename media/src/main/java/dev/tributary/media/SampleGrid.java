package dev.tributary.media;

import java.util.Arrays;

/**
 * Where to put {@code count} samples one slice ({@code duration / count}) apart so that decoding
 * them costs the fewest frames. A sample costs the frames from the keyframe before it up to it, and
 * samples between the same two keyframes share one forward pass ({@link FrameSampler}); so with a
 * keyframe every 2 s and a sample every second, the grid through the keyframes decodes each GOP up
 * to its middle (16 of 30 frames), the centred grid to three quarters (24). The grid's phase is
 * chosen among the slice centres (0.5) and the phases that put a sample on a keyframe; ties go to
 * the phase nearest the centres. Pure arithmetic on stream ticks.
 */
final class SampleGrid {
  /** Phase of the slice centres, {@link FrameSampler#sample}'s placement. */
  static final double CENTRES = 0.5;

  private SampleGrid() {}

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
    for (long key : keys) {
      // half a tick late, so the truncation in target() lands on the keyframe, not before it
      double slices = (key - start + 0.5) * count / duration;
      if (slices < 0 || slices >= count) {
        continue;
      }
      double phase = slices - Math.floor(slices);
      long c = cost(frames, keys, start, duration, count, phase);
      if (c < bestCost || c == bestCost && Math.abs(phase - CENTRES) < Math.abs(best - CENTRES)) {
        best = phase;
        bestCost = c;
      }
    }
    return best;
  }

  /** Frames decoded for the grid at {@code phase}: per keyframe, up to its deepest sample. */
  static long cost(long[] frames, long[] keys, long start, long duration, int count, double phase) {
    long[] targets = new long[count];
    double[] f = fractions(count, phase);
    for (int i = 0; i < count; i++) {
      targets[i] = target(start, duration, f[i]);
    }
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
