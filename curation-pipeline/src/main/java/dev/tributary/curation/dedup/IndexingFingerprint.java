package dev.tributary.curation.dedup;

import java.util.zip.CRC32C;

/**
 * A checksum of what this build's sketching and hashing make of one fixed trajectory: the postings
 * {@link LandmarkHashes#index} and {@link FewJointStretchLandmarks#index} emit (hashes, anchor
 * times) and the kept share, for the sketch read back from its stored bytes. A saved {@link
 * NearDuplicateIndex} records it; a build whose hashing differs (another landmark rule, another
 * hash layout) computes another value and rebuilds the index from the stored sketches instead of
 * loading postings it would no longer produce. It also covers {@link LandmarkHashes#mix}, which
 * orders {@link EpisodeIds}' table. A change to the sketcher alone also changes it: one needless
 * rebuild, never a wrong index. A change to how the index lays out its own arrays is not seen here:
 * bump the layout version of the class that changed ({@code STATE_VERSION}). A change that the
 * fixed trajectory does not show (it has few landmarks) bumps {@link #REVISION}.
 */
final class IndexingFingerprint {
  /**
   * 2 (issues 16/17, admission cost of real takes): an episode with more than 2^20 triplets (a
   * many-joint real take) used to choose its postings among its first 2^20 triplets only, now among
   * all of them ({@link TripletClasses#select}).
   *
   * <p>3 (issue 16, sixth round): joints are smoothed over the source's own samples (a finer grid)
   * and the speed ratio needs a range above the noise: other landmarks, other postings and other
   * coarse copies for most takes.
   *
   * <p>4 (issue 16, seventh round): a velocity peak wider than 1 s at half maximum is timed at the
   * lowest higher level whose crossings are within 1 s, and landmarks of one joint and direction
   * sharing a centre are merged: other landmark times, other postings for takes of slow motion.
   *
   * <p>5 (issue 16, eighth round): a joint holding within one float16 step ({@link
   * JointLevels#heldStill}) or crossing its whole range and back in one sample ({@link
   * JointLevels#folds}) gets a motion ratio of 0: other coarse copies (landmarks unchanged).
   *
   * <p>6 (issue 16, eighth round): the coarse copy's sample windows are written coded ({@link
   * SortedHashCode}; the same hashes, fewer bytes): other stored bytes, the same postings.
   *
   * <p>7 (issue 16, tenth round): a velocity peak is not timed by a level crossing within {@link
   * TrajectorySketcher#END_SAMPLES} of an episode's end: other landmark times, other postings for
   * takes with a move near either end.
   *
   * <p>8 (issue 16, tenth round): a take of at most {@link ShortTakeLandmarks#MAX_S} gets the
   * corners of its bell-shaped joints too, and one with few postings the triplets of velocity peaks
   * and corners together ({@link ShortTakeLandmarks}): other postings for short takes only, which
   * the fixed 40 s trajectory does not show.
   *
   * <p>9 (issue 16, round 14's resampled copies): every take of at most {@link
   * ShortTakeLandmarks#MAX_S} gets those triplets, not only one with fewer than 8 other postings:
   * more postings for short takes only, which the fixed trajectory does not show.
   *
   * <p>10 (issue 16, nineteenth round): a take of at most {@link
   * FewJointStretchLandmarks#MAX_JOINTS} joints over {@link ShortTakeLandmarks#MAX_S} keeps its
   * short-take corners and gets peaks-and-corners postings for its stretches ({@link
   * FewJointStretchLandmarks}, kept in a store of their own: {@link FewJointStretchPostings}):
   * other sketches and more postings for few-joint takes only. The fixed 3-joint trajectory is over
   * 1.8 s, so its stretch postings are in the checksum too (after the index's own).
   */
  static final int REVISION = 10;

  private static long value;

  private IndexingFingerprint() {}

  static synchronized long value() {
    if (value == 0) {
      value = compute() | 1;
    }
    return value;
  }

  private static long compute() {
    int n = 30 * 40; // 40 s at 30 Hz, three joints moving at incommensurate rhythms
    long[] nanos = new long[n];
    float[][] state = new float[3][n];
    for (int i = 0; i < n; i++) {
      double t = i / 30.0;
      nanos[i] = Math.round(t * 1e9);
      state[0][i] = (float) (40 * Math.sin(0.9 * t) + 10 * Math.sin(2.3 * t));
      state[1][i] = (float) (30 * Math.sin(0.53 * t + 1) * Math.cos(0.17 * t));
      state[2][i] = (float) (25 * Math.sin(1.37 * t + 2) + 5 * Math.sin(3.1 * t));
    }
    TrajectorySketch sketch =
        TrajectorySketch.fromBytes(
            TrajectorySketch.of(Trajectory.ofColumns(nanos, state)).toBytes());
    CRC32C crc = new CRC32C();
    byte[] b = new byte[12];
    LandmarkHashes.Sink sink =
        (hash, anchorS) -> {
          long anchor = Double.doubleToLongBits(anchorS);
          for (int k = 0; k < 4; k++) {
            b[k] = (byte) (hash >>> 8 * k);
          }
          for (int k = 0; k < 8; k++) {
            b[4 + k] = (byte) (anchor >>> 8 * k);
          }
          crc.update(b);
        };
    float kept = LandmarkHashes.index(sketch, sink);
    FewJointStretchLandmarks.index(sketch, sink); // the postings of their own store
    crc.update(Float.floatToIntBits(kept));
    for (int x : new int[] {1, 12_345, -7, Integer.MAX_VALUE}) { // EpisodeIds' table order
      crc.update((int) LandmarkHashes.mix(x));
    }
    crc.update(sketch.coarse().blob());
    crc.update(REVISION);
    return crc.getValue() << 32 | Integer.toUnsignedLong(PostingStore.MAX_EPISODES);
  }
}
