package dev.tributary.curation.dedup;

/**
 * Peaks-and-corners postings ({@link ShortTakeLandmarks#merged}) for the stretches of a longer take
 * of few joints, looked up by a clip of about 2 s (issue 16, nineteenth round), in a namespace of
 * their own ({@link #SALT}).
 *
 * <p>Why: a ~2 s clip of a 3-9 s take of {@link #MAX_JOINTS} joints shares at most one posting with
 * its original (BENCHMARKS.md, eighteenth round, "what is left on the derived set"): the original's
 * three-moment triplets anchored in the clip span its cut, and the 2-6 velocity peaks of 4 joints
 * moving together inside 1.5 s make one or two moments. The corners (the start and the end of each
 * move) make the moments the peaks lack, as they do for a short single movement ({@link
 * ShortTakeLandmarks}); but those postings are stored only for takes of at most {@link
 * ShortTakeLandmarks#MAX_S} and looked up only by queries that short, and raising that bound to 2.5
 * s cost round 14 concatenation parts (the same postings then compete with a short take's own).
 * These have their own salt, so a short take's lookups and postings are what they were.
 *
 * <p>Who pays: a take of at most {@link #MAX_JOINTS} joints and over {@link
 * ShortTakeLandmarks#MAX_S} keeps its short-take corners in its sketch ({@link
 * CornerLandmarks#findInShortTake}; 6 bytes each) and stores at most {@link #POSTINGS_PER_S} of
 * these postings per second of its duration ({@link #budget}), in a store of their own ({@link
 * FewJointStretchPostings}, which says why); a query of at most {@link #MAX_JOINTS} joints over
 * {@link ShortTakeLandmarks#MAX_S} and at most {@link #MAX_QUERY_S} probes them. The scale
 * benchmark's 6-joint takes and every episode of more joints are unchanged.
 */
final class FewJointStretchLandmarks {
  /** Takes of at most this many joints (round 17's and the derived set's 4). */
  static final int MAX_JOINTS = 4;

  /** Queries at most this long look these postings up (the derived set's clips: 1.8-2.6 s). */
  static final double MAX_QUERY_S = 2.6;

  /**
   * Postings stored per second of a take (a 2 s clip then lies over ~8 of them). 8 per second found
   * 7 more of the derived set's trimmed copies (3 draws) but cost a WIPE copy on round 14 when they
   * shared the index's posting store (BENCHMARKS.md, "Nineteenth round (peak19)"); 4 did not.
   */
  static final double POSTINGS_PER_S = 4;

  /** And at most this many per take. */
  static final int MAX_POSTINGS = 160;

  /** Mixed into the shape of these triplets: their hashes never equal another kind's. */
  static final long SALT = 1L << 59;

  private FewJointStretchLandmarks() {}

  /** Whether a take of this shape keeps short-take corners for these postings. */
  static boolean keepsCorners(int joints, double durationS) {
    return joints <= MAX_JOINTS && durationS > ShortTakeLandmarks.MAX_S;
  }

  /** Whether a stored take gets these postings. */
  static boolean stores(TrajectorySketch s) {
    return keepsCorners(s.joints(), s.durationS()) && s.shortTakeCornerCount() > 0;
  }

  /** Whether a query looks these postings up. */
  static boolean looksUp(TrajectorySketch s) {
    return stores(s) && s.durationS() <= MAX_QUERY_S;
  }

  /**
   * A take's budget of these postings: {@link #POSTINGS_PER_S} per second, at most {@link
   * #MAX_POSTINGS}.
   */
  static int budget(double durationS) {
    return (int) Math.min(MAX_POSTINGS, Math.ceil(POSTINGS_PER_S * durationS));
  }

  /** Emits the postings of a stored take that {@link #stores} them; returns how many. */
  static int index(TrajectorySketch s, LandmarkHashes.Sink sink) {
    if (!stores(s)) {
      return 0;
    }
    return new TripletClasses(ShortTakeLandmarks.merged(s), false, SALT)
        .select(budget(s.durationS()), sink);
  }

  /** Emits a query's hashes of these triplets, with neighbouring-bin probes; returns how many. */
  static int query(TrajectorySketch s, LandmarkHashes.Sink sink) {
    if (!looksUp(s)) {
      return 0;
    }
    int[] n = new int[1];
    LandmarkHashes.queryTriplets(
        new TripletClasses(ShortTakeLandmarks.merged(s), false, SALT),
        MAX_POSTINGS,
        (h, t, span, weakest, own) -> {
          n[0]++;
          sink.accept(h, t);
        });
    return n[0];
  }
}
