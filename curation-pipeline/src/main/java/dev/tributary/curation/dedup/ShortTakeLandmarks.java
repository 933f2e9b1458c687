package dev.tributary.curation.dedup;

/**
 * Postings for a short single movement (issue 16, tenth round): three-moment triplets of velocity
 * peaks and corners <em>together</em>, hashed in a namespace of their own ({@link #SALT}).
 *
 * <p>A 1.0-1.6 s movement between two postures is one bell of speed on every joint: its velocity
 * peaks lie within 0.05-0.2 s of each other (one moment), so it has no three-moment triplet of
 * velocity peaks, and its corners (the extrema of acceleration: the start and the end of the move)
 * make two moments, so none of corners either. Counted together they are three moments (start,
 * middle, end). Round 14's exoskeleton takes: 13 of the 17 untouched copies the ninth round still
 * missed had no posting at all.
 *
 * <p>Who pays: in a take of at most {@link #MAX_S} the sketcher also finds the corners of every
 * joint that travels, bell-shaped or not, up to {@link #EDGE_S} from either end ({@link
 * CornerLandmarks#findInShortTake}), stored flagged ({@link TrajectorySketch#SHORT_TAKE_CORNER})
 * and used only here (the corner postings of every take stay what they were); the index stores
 * these postings for every such take ({@link #index}); a lookup enumerates them only for a query of
 * at most {@link #MAX_S}. So the postings, bytes and lookups of every longer episode (the scale
 * benchmark's 4.8-16 s takes among them) are unchanged. A corner's code is moved past the velocity
 * codes ({@code 2 * joints + code}), so a peak and a corner of one joint never share a code; the
 * codes are one byte, hence {@link #MAX_JOINTS}.
 */
final class ShortTakeLandmarks {
  /** Takes at most this long get these postings and look them up. */
  static final double MAX_S = 1.8;

  /**
   * A short take's added corners may lie this close to either end (the others: {@link
   * TrajectorySketcher#EDGE_S}, 0.25 s, which leaves 0.5 s of a 1.0 s take, where the end of its
   * move lies). An untouched copy is smoothed alike at its ends; a trimmed one loses the corner
   * near its cut, and with it only that corner's triplets.
   */
  static final double EDGE_S = 0.15;

  /** At most this many of them per episode (chosen as the others are, {@link TripletClasses}). */
  static final int MAX_POSTINGS = 32;

  /** Mixed into the shape of these triplets: their hashes never equal another kind's. */
  static final long SALT = 1L << 60;

  /** {@code 4 * joints} codes must fit one byte. */
  static final int MAX_JOINTS = 64;

  private ShortTakeLandmarks() {}

  /** Whether a take is short enough (and has few enough joints) for these triplets. */
  static boolean applies(TrajectorySketch s) {
    return s.durationS() <= MAX_S && s.joints() <= MAX_JOINTS && s.shortTakeCornerCount() > 0;
  }

  /**
   * Emits the postings of a stored take that {@link #applies}, whatever its other postings; returns
   * how many.
   *
   * <p>Until round 14's second read only a take with fewer than 8 postings of the other kinds got
   * them: one with more was thought to be found by those. Its resampled copies were not (issue 16,
   * BENCHMARKS.md, "resampled copies of short takes"): a 1-1.5 s take has 0-4 three-moment velocity
   * triplets, and the rest of its 9-23 other postings are corners of its flat-speed joints (moved
   * by a resample) and two-moment triplets (looked up only in the second pass). Of round 14's
   * resampled copies missed at the lookup (3 draws), 13 of 22 had such an original: its
   * three-moment and corner postings were hit 0-1 times, its two-moment ones 0-4, while 6-32 of the
   * postings of this kind it would have stored were hit (peaks and corners together are 6-10
   * landmarks: losing one costs a few triplets, not all). In 6 of the 13 the copy lacked one of the
   * original's velocity peaks, 4 of them within 0.35 s of an end: the sketcher's edge ({@link
   * TrajectorySketcher#EDGE_S}) keeps or drops a landmark by where the 20 Hz grid stops, and a
   * resample moves a copy's first and last samples by up to one sample of its rate (67 ms at 15
   * Hz). Only takes of at most {@link #MAX_S} pay, at most {@link #MAX_POSTINGS} postings more
   * each.
   */
  static int index(TrajectorySketch s, LandmarkHashes.Sink sink) {
    if (!applies(s)) {
      return 0;
    }
    return new TripletClasses(merged(s), false, SALT).select(MAX_POSTINGS, sink);
  }

  /** Emits a query's hashes of these triplets, with neighbouring-bin probes; returns how many. */
  static int query(TrajectorySketch s, LandmarkHashes.Sink sink) {
    if (!applies(s)) {
      return 0;
    }
    int[] n = new int[1];
    LandmarkHashes.queryTriplets(
        new TripletClasses(merged(s), false, SALT),
        MAX_POSTINGS,
        (h, t, span, weakest, own) -> {
          n[0]++;
          sink.accept(h, t);
        });
    return n[0];
  }

  /** The velocity peaks and the corners as one sketch's landmarks, in time order. */
  static TrajectorySketch merged(TrajectorySketch s) {
    TrajectorySketch corners = s.shortTakeCorners();
    int p = s.landmarks();
    int c = corners.landmarks();
    float[] times = new float[p + c];
    byte[] codes = new byte[p + c];
    byte[] amplitudes = new byte[p + c];
    int i = 0;
    int k = 0;
    for (int o = 0; o < p + c; o++) {
      boolean peak = k >= c || (i < p && s.landmarkTimeS(i) <= corners.landmarkTimeS(k));
      TrajectorySketch from = peak ? s : corners;
      int at = peak ? i++ : k++;
      times[o] = (float) from.landmarkTimeS(at);
      codes[o] = (byte) (from.landmarkCode(at) + (peak ? 0 : 2 * s.joints()));
      amplitudes[o] = (byte) from.landmarkAmplitude(at);
    }
    return new TrajectorySketch(
        s.joints(), s.durationS(), s.rateHz(), times, codes, amplitudes, s.coarse(), s.layout());
  }
}
