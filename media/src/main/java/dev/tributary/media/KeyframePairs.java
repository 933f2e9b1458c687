package dev.tributary.media;

/**
 * The cheap placement for videos with few, long GOPs (the simulator's H.264: a keyframe every 2 s):
 * the two frames right after every keyframe, three decoded frames per keyframe (the keyframe, then
 * the two samples), instead of a grid one slice apart whose samples off the keyframes decode the
 * GOP up to them ({@link SampleGrid}: 64 frames for 8 samples of an 8 s video at 15 fps, 12 here).
 *
 * <p>Why two frames per keyframe: the frozen-camera check ({@code
 * curation.quality.CameraQualityChecker}) wants at least 3 identical consecutive samples covering
 * at least 35 % of the samples. A camera frozen from 40 % of an 8 s video holds 2 keyframes (4 s
 * and 6 s); with two samples after each, 4 frozen samples of 8. One sample per keyframe would give
 * 2. The frame a moment after a sample (1/15 s) never makes a run of 3 by itself: a run of 3 still
 * needs the picture unchanged from one keyframe's samples to the next, as the grid needs it over 2
 * slices.
 *
 * <p>Why after the keyframe and not on it: the first predicted frame after a keyframe refines the
 * keyframe's picture (OpenH264 on a frozen simulator picture: up to 0.34 % of pixels move by more
 * than 12 grey levels, against the frozen check's 0.1 %), while the predicted frames of a frozen
 * stretch are identical to each other, and to those after the next (identical) keyframe. Sampling
 * keyframe + next frame lost 2 of 40 frozen cameras in {@code CameraFlagRecallTest}.
 *
 * <p>Used only when it keeps the frozen check's guarantee: at least {@link #MIN_KEYFRAMES}
 * keyframes, at most {@code count / 2} (more keyframes than that: the grid snaps onto them already,
 * one decoded frame per sample), two frames after each before the next keyframe, and no stretch
 * without a keyframe longer than {@link #MAX_KEY_GAP_SHARE} of the duration (start to first
 * keyframe, between keyframes, last keyframe to the end), so a freeze over the last 60 % of the
 * video holds at least 2 keyframes. Otherwise (a 5 s video with a keyframe every 2 s, a 4 s GOP, a
 * single keyframe, LeRobot's keyframe every 2 frames) the grid is used as before. Pure arithmetic
 * on ticks.
 */
final class KeyframePairs {
  /** Fewer keyframes than this cannot give a run of 3 identical samples inside a freeze. */
  static final int MIN_KEYFRAMES = 3;

  /**
   * The longest stretch without a keyframe, as a share of the duration: at most 0.3, so any window
   * of 60 % of the video (a freeze from 40 % on) holds 2 keyframes.
   */
  static final double MAX_KEY_GAP_SHARE = 0.3;

  private KeyframePairs() {}

  /**
   * The targets (ascending ticks: the two frames after each keyframe), or null when the video does
   * not qualify (see the class comment) or they would not decode fewer frames than {@code
   * gridCost}.
   *
   * @param frames every frame's tick, ascending
   * @param keys the keyframes' ticks, ascending
   * @param gridCost frames the grid would decode ({@link SampleGrid#cost})
   */
  static long[] targets(
      long[] frames, long[] keys, long start, long duration, int count, long gridCost) {
    int k = keys.length;
    if (k < MIN_KEYFRAMES || 2 * k > count || duration <= 0 || 3L * k >= gridCost) {
      return null;
    }
    double maxGap = duration * MAX_KEY_GAP_SHARE;
    long previous = start;
    for (long key : keys) {
      if (key - previous > maxGap) {
        return null;
      }
      previous = key;
    }
    if (start + duration - previous > maxGap) {
      return null;
    }
    long[] out = new long[2 * k];
    for (int i = 0; i < k; i++) {
      int after = firstAfter(frames, keys[i]);
      long next = i + 1 < k ? keys[i + 1] : Long.MAX_VALUE;
      if (after + 1 >= frames.length || frames[after + 1] >= next) {
        return null; // fewer than two frames before the next keyframe (or the end)
      }
      out[2 * i] = frames[after];
      out[2 * i + 1] = frames[after + 1];
    }
    return out;
  }

  /** Index of the first value > t ({@code sorted.length} when none). */
  private static int firstAfter(long[] sorted, long t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
