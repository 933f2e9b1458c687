package dev.tributary.curation.dedup;

/**
 * Hashes of landmark triplets, Shazam-style: an anchor landmark and two of the landmarks that
 * follow it within {@link #MAX_SPAN_S}. A hash combines the three joints and move directions, each
 * member's time after the earliest quantised in 25 ms bins (so trimming, which shifts every time,
 * and resampling, which does not change seconds, leave it intact), and for landmarks on the same
 * joint the quantised ratio of their peak speeds (unit-free). The anchor's time travels with the
 * hash for offset voting.
 *
 * <p>Triplets are formed from every three landmarks within {@link #MAX_SPAN_S} (not from the next
 * few landmarks), so a landmark that a copy gains or loses costs only its own triplets. The query
 * also probes the neighbouring time bin when a time lies near a bin edge; only the query, not
 * memory, pays for that. Their number grows with the square of the landmark density: a take with
 * many more than {@link #FULL_QUERY_MAX_TRIPLETS} is enumerated class by class, only as far as a
 * selection can reach ({@link TripletClasses}).
 *
 * <p><b>Why one class of ~410 lines.</b> The three kinds of triplet (three-moment velocity peaks,
 * two-moment ones, corners) share one enumeration and one hash, and their budgets are chosen
 * together (corners are paid for out of the velocity budget); the constants that set them were
 * measured together by the dedup benchmark. The bookkeeping that needs none of it lives in {@link
 * LandmarkTriplets}.
 */
final class LandmarkHashes {
  /**
   * Time bin of the members' offsets: 25 ms. Landmark times move by a few ms under resampling and
   * jitter, and the query probes the neighbouring bin near an edge; 50 ms bins gave the same recall
   * on the simulated takes but half the specificity (posting lists twice as long).
   */
  static final double TIME_BIN_S = 0.025;

  /** All three members lie within this span: a window in seconds, not a count of landmarks. */
  static final double MAX_SPAN_S = 4.0;

  /**
   * Members at least this far apart in time: three moments of the motion, not one. Coordinated
   * joints peak together, and a triplet of one moment hashes only its three joints, which every
   * episode shares (long postings, slow lookups). Near this gap the order of two landmarks can flip
   * between copies; the {@code canonical} order and the time probes absorb it. Allowing two of the
   * three members at one moment would find more short clips (the simulator's clips of 2-4 s often
   * hold two moments only) but made posting lists three times longer: measured and dropped.
   */
  static final double MIN_GAP_S = 0.15;

  /** Postings per episode at most; longer or busier episodes keep a subset (see below). */
  static final int MAX_POSTINGS = 160;

  /**
   * The posting budget is spread over the episode's timeline in windows of this length (by anchor
   * time), so every stretch of the episode keeps its share: a short clip cut from anywhere finds
   * about {@code MAX_POSTINGS * clip / episode} postings of its original in its span.
   */
  static final double WINDOW_S = 1.0;

  /**
   * Within a window, triplets whose weakest member is strong come first: the weakest member's
   * amplitude code ({@code -ln(peak / the joint's fastest) * 16}) in steps of this many codes, a
   * factor of e^1.5 = 4.5 in peak speed (at most four classes). A strong move is a landmark in
   * every copy, while a weak one can fall under the gate of a concatenation, whose fastest move may
   * come from the other episode.
   */
  static final int STRENGTH_STEP = 24;

  /**
   * Then shorter spans (in steps of this length, at most four classes), then hash value: a short
   * triplet survives trimming (all three members must lie in the clip).
   */
  static final double SPAN_STEP_S = 1.0;

  /**
   * A second, smaller budget of <em>two-moment</em> triplets per episode: two members at one moment
   * (closer than {@link #MIN_GAP_S}, on different joints or directions) and the third at another.
   * The simulator moves several joints together, so a 2-4 s clip often holds only two moments of
   * motion and no three-moment triplet at all. Two-moment triplets are far less specific (their
   * posting lists are long and many are stop words), so they get their own budget, are hashed apart
   * from the others, and are looked up only for short episodes that found nothing otherwise (see
   * {@link NearDuplicateIndex#TWO_MOMENT_QUERY_MAX_S}). 32 of them cost ~0.3 KB per episode; the
   * dedup benchmark measured 0.92 -> 0.96 recall on trimmed copies (README, "Near duplicates").
   */
  static final int MAX_TWO_MOMENT_POSTINGS = 32;

  /** Two-moment triplets span at most this long: the two moments of a short clip. */
  static final double TWO_MOMENT_SPAN_S = 2.5;

  /** Mixed into the shape of a two-moment triplet so its hashes never equal a three-moment one. */
  static final long TWO_MOMENT_SALT = 1L << 62;

  /**
   * Corner postings per episode at most (issue 16): three-moment triplets of corner landmarks
   * ({@link CornerLandmarks}), hashed in a namespace of their own ({@link #CORNER_SALT}) and chosen
   * within a budget of their own, spread over the timeline as the others. They are paid for out of
   * {@link #MAX_POSTINGS}: an episode with corners keeps that many fewer velocity-peak triplets, so
   * no episode holds more than {@code MAX_POSTINGS + MAX_TWO_MOMENT_POSTINGS} postings. Episodes
   * without corners (bell-shaped moves) keep exactly what they kept before.
   */
  static final int MAX_CORNER_POSTINGS = 48;

  /** Mixed into the shape of a corner triplet: its hashes never equal a velocity-peak one. */
  static final long CORNER_SALT = 1L << 61;

  /** Amplitude-ratio bin: 12/16 of a natural log, a factor of 2.1 in peak speed. */
  private static final int AMPLITUDE_BIN = 12;

  /** Probe the neighbouring bin when a gap is within this fraction of a bin from its edge. */
  private static final double PROBE_MARGIN = 0.3;

  /**
   * Most triplets {@link LandmarkTriplets.Budgeted} holds (its keys have 20 bits of index). It
   * chooses only among the triplets of sketches with at most {@link #FULL_QUERY_MAX_TRIPLETS};
   * denser ones choose class by class ({@link TripletClasses#select}) among all of theirs.
   */
  static final int MAX_TRIPLETS = 1 << 20;

  /** Receives one hash (28 bits) and its anchor's time. */
  interface Sink {
    void accept(int hash, double anchorTimeS);
  }

  /**
   * Receives one triplet: hash, anchor time, span (last member's time minus the anchor's), and
   * whether the hash is the triplet's own (false for a neighbouring-bin probe).
   */
  interface TripletSink {
    void accept(int hash, double anchorTimeS, double spanS, int weakest, boolean own);
  }

  private LandmarkHashes() {}

  /**
   * The hashes to index: every triplet when there are at most {@link #MAX_POSTINGS}, else a subset
   * spread over the timeline: the budget is shared fairly (water-filling) among {@link #WINDOW_S}
   * windows of anchor time, and each window keeps its strongest, then shortest triplets ({@link
   * #STRENGTH_STEP}, {@link #SPAN_STEP_S}), ties broken by hash value. Lookups probe all their
   * triplets (a dense take: all that a stored window's selection can reach, see {@link
   * TripletClasses}), so which ones a stored episode keeps need not be reproducible by a copy; it
   * only has to leave every stretch of the episode some postings.
   *
   * @return the postings emitted
   */
  static int forIndex(TrajectorySketch sketch, Sink sink) {
    int[] n = new int[1];
    index(
        sketch,
        (h, t) -> {
          n[0]++;
          sink.accept(h, t);
        });
    return n[0];
  }

  /**
   * Emits the postings as {@link #forIndex} does and returns {@link #keptShare}, from one pass over
   * the triplets (the index needs both for every episode it adds).
   */
  static float index(TrajectorySketch sketch, Sink sink) {
    return index(sketch, threeMoments(sketch), sink);
  }

  /** {@link #index(TrajectorySketch, Sink)} with the sketch's triplets already enumerated. */
  static float index(TrajectorySketch sketch, LandmarkTriplets.ThreeMoments triplets, Sink sink) {
    int cornerPostings = triplets.corners().select(MAX_CORNER_POSTINGS, sink);
    triplets.select(MAX_POSTINGS - cornerPostings, sink);
    postings(sketch, true, sink);
    ShortTakeLandmarks.index(sketch, sink);
    return triplets.keptShare();
  }

  /**
   * The postings of one kind: three-moment triplets within {@link #MAX_POSTINGS}, or two-moment
   * ones within {@link #MAX_TWO_MOMENT_POSTINGS}, each chosen as {@link #forIndex} describes.
   */
  static int postings(TrajectorySketch sketch, boolean twoMoments, Sink sink) {
    return new TripletClasses(sketch, twoMoments, 0)
        .select(twoMoments ? MAX_TWO_MOMENT_POSTINGS : MAX_POSTINGS, sink);
  }

  /** Every triplet of one kind (own hashes, no probes), in enumeration order. */
  static void ownTriplets(
      TrajectorySketch sketch, boolean twoMoments, long salt, TripletSink sink) {
    triplets(sketch, false, twoMoments, salt, sink);
  }

  /**
   * Emits every triplet's own hash, in enumeration order (a selection that keeps them all); returns
   * how many.
   */
  static int allOwn(TrajectorySketch sketch, boolean twoMoments, long salt, Sink sink) {
    int[] n = new int[1];
    triplets(
        sketch,
        false,
        twoMoments,
        salt,
        (h, t, span, weakest, own) -> {
          n[0]++;
          sink.accept(h, t);
        });
    return n[0];
  }

  /** Every triplet {@link #forIndex} considers, before subsampling. */
  static void indexTriplets(TrajectorySketch sketch, Sink sink) {
    triplets(sketch, false, false, 0, (h, t, span, weakest, own) -> sink.accept(h, t));
  }

  /**
   * A sketch's three-moment triplets, enumerated once for everything a lookup and the following
   * {@link NearDuplicateIndex#add} need: the hashes to look up with their neighbouring-bin probes
   * ({@link #forQuery}), and the triplets' own hashes ({@link #indexTriplets}), from which the
   * postings are chosen. The same hashes, in the same order, as those enumerations (one enumeration
   * instead of three per admitted episode).
   */
  static LandmarkTriplets.ThreeMoments threeMoments(TrajectorySketch sketch) {
    LandmarkTriplets.ThreeMoments all =
        new LandmarkTriplets.ThreeMoments(new TripletClasses(sketch, false, 0));
    all.enumerate(MAX_POSTINGS);
    if (sketch.cornerCount() > 0) {
      all.corners(new TripletClasses(sketch.corners(), false, CORNER_SALT))
          .enumerate(MAX_CORNER_POSTINGS);
    }
    return all;
  }

  /**
   * A sketch with at most this many triplets of a kind is looked up with all of them (and its
   * postings chosen from all of them, enumerated once for the lookup and the add). Above it, only
   * the classes a stored selection can reach are enumerated ({@link TripletClasses#forQuery}): a
   * 26-joint take has millions of triplets, a simulated 6-joint take a few thousand.
   */
  static final int FULL_QUERY_MAX_TRIPLETS = 20_000;

  /**
   * The same for corner triplets, whose budget is smaller ({@link #MAX_CORNER_POSTINGS}): a G1 take
   * has 5,000-20,000 of them, ~50,000 hashes with the probes, more than its velocity triplets'
   * share.
   */
  static final int FULL_QUERY_MAX_CORNER_TRIPLETS = 6_000;

  /** Whether a lookup enumerates every triplet of this kind (else the reachable classes). */
  static boolean fullQuery(TripletClasses classes) {
    return classes.total()
        <= (classes.salt() == CORNER_SALT
            ? FULL_QUERY_MAX_CORNER_TRIPLETS
            : FULL_QUERY_MAX_TRIPLETS);
  }

  /** Enumerates a sketch's triplets of one kind for a lookup: all, or the reachable classes. */
  static void queryTriplets(TripletClasses classes, int quota, TripletSink sink) {
    if (fullQuery(classes)) {
      triplets(classes.sketch(), true, classes.twoMoments(), classes.salt(), sink);
    } else {
      classes.forQuery(QUERY_MARGIN * quota, sink);
    }
  }

  /**
   * A lookup enumerates what a stored window of twice the largest share could keep: its counts are
   * of its own hashes, while a stored copy of a triplet may hold a neighbouring bin's hash (ranked
   * by that hash), so the counts agree only on average.
   */
  static final int QUERY_MARGIN = 2;

  /** The share of its triplets an episode keeps as postings (1: all). */
  static float keptShare(TrajectorySketch sketch) {
    return keptShare(new TripletClasses(sketch, false, 0).total());
  }

  /** The share kept of this many three-moment triplets ({@link LandmarkTriplets.Budgeted}). */
  static float keptShare(long triplets) {
    return triplets <= MAX_POSTINGS ? 1f : MAX_POSTINGS / (float) triplets;
  }

  /**
   * The hashes to look up, with the neighbouring-bin probes: of the three-moment triplets, or of
   * the two-moment ones.
   */
  static void forQuery(TrajectorySketch sketch, boolean twoMoments, Sink sink) {
    forQueryCounted(sketch, twoMoments, sink);
  }

  /** {@link #forQuery}; returns how many triplets gave the hashes (own hashes, not probes). */
  static int forQueryCounted(TrajectorySketch sketch, boolean twoMoments, Sink sink) {
    int[] triplets = new int[1];
    queryTriplets(
        new TripletClasses(sketch, twoMoments, 0),
        twoMoments ? MAX_TWO_MOMENT_POSTINGS : MAX_POSTINGS,
        (h, t, span, weakest, own) -> {
          sink.accept(h, t);
          if (own) {
            triplets[0]++;
          }
        });
    return triplets[0];
  }

  private static void triplets(
      TrajectorySketch s, boolean probe, boolean twoMoments, long salt, TripletSink sink) {
    int n = s.landmarks();
    int[] member = new int[3];
    int[][] bins = new int[3][2];
    int[] binCount = new int[3];
    double maxSpan = twoMoments ? TWO_MOMENT_SPAN_S : MAX_SPAN_S;
    for (int a = 0; a < n; a++) {
      double ta = s.landmarkTimeS(a);
      for (int b = a + 1; b < n && s.landmarkTimeS(b) - ta <= maxSpan; b++) {
        boolean firstApart = s.landmarkTimeS(b) - ta >= MIN_GAP_S;
        if (!firstApart && !twoMoments) {
          continue;
        }
        for (int c = b + 1; c < n && s.landmarkTimeS(c) - ta <= maxSpan; c++) {
          boolean secondApart = s.landmarkTimeS(c) - s.landmarkTimeS(b) >= MIN_GAP_S;
          if (twoMoments ? firstApart == secondApart : !secondApart) {
            continue;
          }
          double span = s.landmarkTimeS(c) - ta;
          canonical(s, a, b, c, member);
          int weakest =
              Math.max(
                  s.landmarkAmplitude(a), Math.max(s.landmarkAmplitude(b), s.landmarkAmplitude(c)));
          long shape = shape(s, member) | (twoMoments ? TWO_MOMENT_SALT : 0) | salt;
          for (int i = 0; i < 3; i++) {
            binCount[i] = bins((s.landmarkTimeS(member[i]) - ta) / TIME_BIN_S, probe, bins[i]);
          }
          for (int i = 0; i < binCount[0]; i++) {
            for (int k = 0; k < binCount[1]; k++) {
              for (int m = 0; m < binCount[2]; m++) {
                sink.accept(
                    hash(shape, bins[0][i], bins[1][k], bins[2][m]),
                    ta,
                    span,
                    weakest,
                    i == 0 && k == 0 && m == 0);
              }
            }
          }
        }
      }
    }
  }

  /**
   * The triplet's members ordered by landmark code (joint and direction), then time. Not by time:
   * coordinated joints peak within milliseconds of each other, and their time order flips between
   * copies, while their codes do not. Times enter the hash as offsets from the earliest member.
   */
  static void canonical(TrajectorySketch s, int a, int b, int c, int[] out) {
    out[0] = a;
    out[1] = b;
    out[2] = c;
    for (int i = 1; i < 3; i++) {
      for (int k = i; k > 0 && s.landmarkCode(out[k - 1]) > s.landmarkCode(out[k]); k--) {
        int t = out[k];
        out[k] = out[k - 1];
        out[k - 1] = t;
      }
    }
  }

  /** The bin of a gap, plus its neighbour when probing near an edge; returns how many. */
  static int bins(double x, boolean probe, int[] out) {
    int base = (int) Math.floor(x);
    out[0] = base;
    if (!probe) {
      return 1;
    }
    double f = x - base;
    if (f < PROBE_MARGIN && base > 0) {
      out[1] = base - 1;
      return 2;
    }
    if (f > 1 - PROBE_MARGIN) {
      out[1] = base + 1;
      return 2;
    }
    return 1;
  }

  /** Joint count, the three landmark codes, and the same-joint amplitude ratios. */
  static long shape(TrajectorySketch s, int[] m) {
    int c0 = s.landmarkCode(m[0]);
    int c1 = s.landmarkCode(m[1]);
    int c2 = s.landmarkCode(m[2]);
    int a0 = s.landmarkAmplitude(m[0]);
    int a1 = s.landmarkAmplitude(m[1]);
    int a2 = s.landmarkAmplitude(m[2]);
    return shape(s.joints(), c0, c1, c2, a0, a1, a2);
  }

  /**
   * {@link #shape(TrajectorySketch, int[])} from the canonical members' codes and amplitudes (the
   * one arithmetic, also for {@code LandmarkTriplets.ThreeMoments}' in-place enumeration).
   */
  static long shape(long joints, int c0, int c1, int c2, int a0, int a1, int a2) {
    long key = joints;
    key = key << 8 | c0;
    key = key << 8 | c1;
    key = key << 8 | c2;
    key = key << 4 | ratio(c0, a0, c1, a1);
    key = key << 4 | ratio(c0, a0, c2, a2);
    key = key << 4 | ratio(c1, a1, c2, a2);
    return key;
  }

  /** Same-joint amplitude ratio of landmarks x and y (0 for landmarks of different joints). */
  private static int ratio(int codeX, int amplitudeX, int codeY, int amplitudeY) {
    if ((codeX >> 1) != (codeY >> 1)) {
      return 0;
    }
    int d = amplitudeY - amplitudeX;
    int q = Math.round(d / (float) AMPLITUDE_BIN);
    return Math.max(-7, Math.min(7, q)) & 0xF;
  }

  static int hash(long shape, int offset0, int offset1, int offset2) {
    long key =
        shape * 0x9E3779B97F4A7C15L + ((long) offset0 << 32 | (long) offset1 << 16 | offset2);
    return (int) (mix(key) >>> 36);
  }

  /** SplitMix64's finaliser: every input bit affects every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
