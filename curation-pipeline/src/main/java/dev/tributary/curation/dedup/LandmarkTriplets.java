package dev.tributary.curation.dedup;

import java.util.Arrays;

/**
 * Collections of one sketch's landmark triplets ({@link LandmarkHashes}): the subset the index
 * keeps within its posting budget, and the enumeration a lookup shares with the following add.
 *
 * <p>Over ~300 lines (~500): two collections (the budgeted subset and the shared enumeration) that
 * keep their triplets in parallel primitive arrays, the quickselect and key layout of the subset
 * they share, and the shared enumeration's own loop over every triplet (the curation thread's
 * largest single loop for a simulated take, written into its arrays in place: issue 17). Split, the
 * key layout and the arrays would be shared across files.
 */
final class LandmarkTriplets {
  private LandmarkTriplets() {}

  /**
   * Triplets collected for {@link LandmarkHashes#forIndex}, before subsampling to the posting
   * budget.
   */
  static final class Budgeted implements LandmarkHashes.TripletSink {
    private int n;
    private int[] hashes;
    private float[] anchors;
    private float[] spans;
    private byte[] weak;

    Budgeted() {
      this(256);
    }

    /** With room for this many triplets before growing. */
    Budgeted(int capacity) {
      int c = Math.max(16, Math.min(capacity, LandmarkHashes.MAX_TRIPLETS));
      hashes = new int[c];
      anchors = new float[c];
      spans = new float[c];
      weak = new byte[c];
    }

    @Override
    public void accept(int h, double t, double span, int weakest, boolean own) {
      if (n == LandmarkHashes.MAX_TRIPLETS) {
        return;
      }
      if (n == hashes.length) {
        hashes = Arrays.copyOf(hashes, 2 * n);
        anchors = Arrays.copyOf(anchors, 2 * n);
        spans = Arrays.copyOf(spans, 2 * n);
        weak = Arrays.copyOf(weak, 2 * n);
      }
      hashes[n] = h;
      anchors[n] = (float) t;
      spans[n] = (float) span;
      weak[n] = (byte) Math.min(3, weakest / LandmarkHashes.STRENGTH_STEP);
      n++;
    }

    /** Emits at most {@code budget} triplets spread over the timeline; returns how many. */
    int select(int budget, LandmarkHashes.Sink sink) {
      int count = n;
      if (count <= budget) {
        for (int i = 0; i < count; i++) {
          sink.accept(hashes[i], anchors[i]);
        }
        return count;
      }
      long[] keys = new long[count];
      for (int i = 0; i < count; i++) {
        long window = Math.min(0xFFFF, (long) Math.floor(anchors[i] / LandmarkHashes.WINDOW_S));
        long step =
            weak[i] * 4L + Math.min(3, (long) Math.floor(spans[i] / LandmarkHashes.SPAN_STEP_S));
        keys[i] = key(window, step, hashes[i], i);
      }
      return selectByKeys(keys, count, budget, hashes, anchors, sink);
    }
  }

  /**
   * A triplet's selection key: its window, its class ({@code step}: strength, then span), the rank
   * of its hash, then its index {@code i} (20 bits).
   */
  static long key(long window, long step, int hash, int i) {
    return window << 48 | step << 44 | rank(hash) << 20 | i;
  }

  /**
   * The selection's order of a hash within one window and class (23 bits): every selection (the
   * add's, a lookup's guess of what a stored selection kept) must use this one.
   */
  static long rank(int hash) {
    return LandmarkHashes.mix(hash ^ 0x5DEECE66DL) >>> 41;
  }

  /**
   * {@link Budgeted#select} from the triplets' {@link #key}s ({@code keys[i]} of the triplet with
   * {@code hashes[i]}, {@code anchors[i]}; reordered): at most {@code budget}, spread over the
   * windows; returns how many.
   */
  static int selectByKeys(
      long[] keys, int count, int budget, int[] hashes, float[] anchors, LandmarkHashes.Sink sink) {
    // Only the first keys of each window are emitted, so the keys need not all be sorted: when the
    // windows come in order (anchors are enumerated in time order), each window is a run already
    // and only the keys it emits are selected and sorted. The same keys in the same order.
    boolean grouped = keys[0] >= 0; // a window past 2^15 s would sort first as a negative key
    for (int i = 1; i < count && grouped; i++) {
      grouped = keys[i] >= 0 && keys[i] >>> 48 >= keys[i - 1] >>> 48;
    }
    if (!grouped) {
      Arrays.sort(keys);
    }
    // Windows in order, each a run of keys; water-fill the budget from the smallest window up.
    int[] runStart = new int[count + 1];
    int runs = 0;
    for (int i = 0; i < count; i++) {
      if (i == 0 || keys[i] >>> 48 != keys[i - 1] >>> 48) {
        runStart[runs++] = i;
      }
    }
    runStart[runs] = count;
    int[] quota = new int[runs];
    Integer[] order = new Integer[runs];
    for (int r = 0; r < runs; r++) {
      order[r] = r;
    }
    Arrays.sort(order, (x, y) -> Integer.compare(size(runStart, x), size(runStart, y)));
    int left = budget;
    for (int k = 0; k < runs; k++) {
      int r = order[k];
      int share = left / (runs - k);
      quota[r] = Math.min(size(runStart, r), share);
      left -= quota[r];
    }
    int emitted = 0;
    for (int r = 0; r < runs; r++) {
      if (grouped) {
        int from = runStart[r];
        if (quota[r] < size(runStart, r)) {
          selectSmallest(keys, from, runStart[r + 1], quota[r]);
        }
        Arrays.sort(keys, from, from + quota[r]);
      }
      for (int i = runStart[r]; i < runStart[r] + quota[r]; i++) {
        int t = (int) (keys[i] & 0xFFFFF);
        sink.accept(hashes[t], anchors[t]);
        emitted++;
      }
    }
    return emitted;
  }

  /**
   * Moves the {@code q} smallest of {@code keys[from, to)} (all distinct) to its front, unordered.
   */
  static void selectSmallest(long[] keys, int from, int to, int q) {
    if (q <= 0) {
      return;
    }
    int lo = from;
    int hi = to - 1;
    int k = from + q - 1;
    while (lo < hi) {
      long a = keys[lo];
      long b = keys[(lo + hi) >>> 1];
      long c = keys[hi];
      long pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (keys[i] < pivot) {
          i++;
        }
        while (keys[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = keys[i];
          keys[i++] = keys[j];
          keys[j--] = t;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  private static int size(int[] runStart, int r) {
    return runStart[r + 1] - runStart[r];
  }

  /**
   * A sketch's three-moment triplets of one kind (velocity peaks, or in {@link #corners()} the
   * corners), enumerated once ({@link LandmarkHashes#threeMoments}) for everything a lookup and the
   * following {@link NearDuplicateIndex#add} need: all of them when there are at most {@link
   * LandmarkHashes#FULL_QUERY_MAX_TRIPLETS} (<em>complete</em>), else the classes a stored
   * selection can reach ({@link TripletClasses#forQuery}); then the add chooses its postings from
   * the sketch itself ({@link TripletClasses#select}).
   *
   * <p>Kept as hashes (each with whether it is its triplet's own hash or a neighbouring-bin probe)
   * in <em>groups</em>: a run of hashes with one anchor time, span and weakest member (a triplet
   * and its probes), so a simulated take's ~9,400 hashes cost ~5 bytes each plus ~20 per triplet. A
   * complete enumeration fills them in place ({@link #enumerateAll}); the class-by-class one
   * through {@link #accept}.
   */
  static final class ThreeMoments implements LandmarkHashes.TripletSink {
    private static final ThreeMoments NONE = new ThreeMoments(null);

    private final TripletClasses classes;
    private boolean complete;
    private int size;
    private int owned; // hashes that are their triplet's own (not probes): the triplets enumerated
    private int[] hashes = new int[256];
    private boolean[] own = new boolean[256];
    private int groups;
    private int[] groupEnd = new int[64]; // groupEnd[g]: the end of group g's hashes
    private double[] anchors = new double[64];
    private float[] spans = new float[64];
    private int[] weakest = new int[64];
    private ThreeMoments corners = NONE;

    ThreeMoments(TripletClasses classes) {
      this.classes = classes;
    }

    /** Enumerates the triplets a lookup probes; a stored window keeps at most {@code quota}. */
    void enumerate(int quota) {
      complete = LandmarkHashes.fullQuery(classes);
      if (complete && !classes.twoMoments()) {
        enumerateAll();
      } else {
        LandmarkHashes.queryTriplets(classes, quota, this);
      }
    }

    /**
     * Every triplet with its neighbouring-bin probes, as {@code LandmarkHashes.triplets} emits them
     * (the same hashes in the same order, from the same arithmetic), written straight into the
     * arrays: room for every triplet and its probes (at most 4 hashes each) up front.
     */
    private void enumerateAll() {
      TrajectorySketch s = classes.sketch();
      int total = (int) classes.total();
      growGroups(total);
      growHashes(4 * total);
      int n = s.landmarks();
      double[] t = new double[n];
      int[] code = new int[n];
      int[] amplitude = new int[n];
      for (int i = 0; i < n; i++) {
        t[i] = s.landmarkTimeS(i);
        code[i] = s.landmarkCode(i);
        amplitude[i] = s.landmarkAmplitude(i);
      }
      long joints = s.joints();
      long salt = classes.salt();
      // Per landmark x in the current anchor's span: the bin of its gap after the anchor, and the
      // neighbouring bin a lookup probes (NO_BIN: none), as LandmarkHashes.bins gives them.
      int[] bin = new int[n];
      int[] probe = new int[n];
      int[] out = new int[2];
      int[] hashes = this.hashes;
      boolean[] own = this.own;
      int at = 0;
      int g = 0;
      for (int a = 0; a < n; a++) {
        double ta = t[a];
        for (int x = a; x < n && (x == a || t[x] - ta <= LandmarkHashes.MAX_SPAN_S); x++) {
          int count = LandmarkHashes.bins((t[x] - ta) / LandmarkHashes.TIME_BIN_S, true, out);
          bin[x] = out[0];
          probe[x] = count == 2 ? out[1] : NO_BIN;
        }
        for (int b = a + 1; b < n && t[b] - ta <= LandmarkHashes.MAX_SPAN_S; b++) {
          if (!(t[b] - ta >= LandmarkHashes.MIN_GAP_S)) {
            continue;
          }
          for (int c = b + 1; c < n && t[c] - ta <= LandmarkHashes.MAX_SPAN_S; c++) {
            if (!(t[c] - t[b] >= LandmarkHashes.MIN_GAP_S)) {
              continue;
            }
            // LandmarkHashes.canonical: by code, ties in time order (an insertion sort of three).
            int m0 = a;
            int m1 = b;
            int m2 = c;
            if (code[m0] > code[m1]) {
              m0 = b;
              m1 = a;
            }
            if (code[m1] > code[m2]) {
              int swap = m1;
              m1 = m2;
              m2 = swap;
              if (code[m0] > code[m1]) {
                swap = m0;
                m0 = m1;
                m1 = swap;
              }
            }
            long shape =
                LandmarkHashes.shape(
                        joints,
                        code[m0],
                        code[m1],
                        code[m2],
                        amplitude[m0],
                        amplitude[m1],
                        amplitude[m2])
                    | salt;
            int first = at;
            for (int i = 0; i < 2; i++) {
              int b0 = i == 0 ? bin[m0] : probe[m0];
              if (b0 == NO_BIN) {
                break;
              }
              for (int k = 0; k < 2; k++) {
                int b1 = k == 0 ? bin[m1] : probe[m1];
                if (b1 == NO_BIN) {
                  break;
                }
                for (int m = 0; m < 2; m++) {
                  int b2 = m == 0 ? bin[m2] : probe[m2];
                  if (b2 == NO_BIN) {
                    break;
                  }
                  hashes[at] = LandmarkHashes.hash(shape, b0, b1, b2);
                  own[at++] = false;
                }
              }
            }
            own[first] = true;
            anchors[g] = ta;
            spans[g] = (float) (t[c] - ta);
            weakest[g] = Math.max(amplitude[a], Math.max(amplitude[b], amplitude[c]));
            groupEnd[g++] = at;
          }
        }
      }
      size = at;
      groups = g;
      owned = g; // one group per triplet, its first hash its own
    }

    private static final int NO_BIN = Integer.MIN_VALUE;

    /** The corner triplets (issue 16), hashed apart; looked up with these, indexed apart. */
    ThreeMoments corners() {
      return corners;
    }

    /** Sets the corner triplets' counts (to {@link #enumerate} next). */
    ThreeMoments corners(TripletClasses cornerClasses) {
      corners = new ThreeMoments(cornerClasses);
      return corners;
    }

    /** Whether every triplet was enumerated (not only the reachable classes). */
    boolean complete() {
      return complete;
    }

    /**
     * Triplets enumerated (without the neighbouring-bin probes): counted as they are written, not
     * by a pass over the hashes (~1 % of a simulated take's curation, issue 17, walk18).
     */
    int enumerated() {
      return owned;
    }

    private void growHashes(int capacity) {
      if (capacity > hashes.length) {
        hashes = Arrays.copyOf(hashes, capacity);
        own = Arrays.copyOf(own, capacity);
      }
    }

    private void growGroups(int capacity) {
      if (capacity > groupEnd.length) {
        groupEnd = Arrays.copyOf(groupEnd, capacity);
        anchors = Arrays.copyOf(anchors, capacity);
        spans = Arrays.copyOf(spans, capacity);
        weakest = Arrays.copyOf(weakest, capacity);
      }
    }

    @Override
    public void accept(int h, double t, double span, int weak, boolean isOwn) {
      if (size == hashes.length) {
        growHashes(2 * size);
      }
      float storedSpan = (float) span; // every reader uses the span as a float
      int g = groups - 1;
      if (isOwn || g < 0 || anchors[g] != t || spans[g] != storedSpan || weakest[g] != weak) {
        if (groups == groupEnd.length) {
          growGroups(2 * groups);
        }
        g = groups++;
        anchors[g] = t;
        spans[g] = storedSpan;
        weakest[g] = weak;
      }
      hashes[size] = h;
      own[size++] = isOwn;
      owned += isOwn ? 1 : 0;
      groupEnd[g] = size;
    }

    /** The lookup's hashes: these triplets' with their probes, then the corner triplets'. */
    void forQuery(LandmarkHashes.Sink sink) {
      int i = 0;
      for (int g = 0; g < groups; g++) {
        double anchor = anchors[g];
        for (int end = groupEnd[g]; i < end; i++) {
          sink.accept(hashes[i], anchor);
        }
      }
      if (corners != NONE) {
        corners.forQuery(sink);
      }
    }

    /** How many hashes {@link #forQuery} emits. */
    int queryCount() {
      return size + (corners != NONE ? corners.queryCount() : 0);
    }

    /**
     * {@link #forQuery} written into arrays from {@code at} (room for {@link #queryCount} more);
     * returns the new end. The same hashes and anchors in the same order, without a call per hash.
     */
    int forQuery(int[] hashesOut, double[] anchorsOut, int at) {
      int[] hashes = this.hashes;
      int i = 0;
      for (int g = 0; g < groups; g++) {
        double anchor = anchors[g];
        for (int end = groupEnd[g]; i < end; i++) {
          hashesOut[at] = hashes[i];
          anchorsOut[at++] = anchor;
        }
      }
      return corners != NONE ? corners.forQuery(hashesOut, anchorsOut, at) : at;
    }

    /** The own hashes of the triplets enumerated. */
    void indexTriplets(LandmarkHashes.Sink sink) {
      int i = 0;
      for (int g = 0; g < groups; g++) {
        for (int end = groupEnd[g]; i < end; i++) {
          if (own[i]) {
            sink.accept(hashes[i], anchors[g]);
          }
        }
      }
    }

    /**
     * The postings of this kind within {@code budget}, as {@link Budgeted#select} chooses them from
     * every triplet; returns how many.
     */
    int select(int budget, LandmarkHashes.Sink sink) {
      if (classes == null) {
        return 0;
      }
      int count = enumerated();
      if (!complete) {
        int[] ownHashes = new int[count];
        double[] ownAnchors = new double[count];
        int[] steps = new int[count];
        int k = 0;
        int i = 0;
        for (int g = 0; g < groups; g++) {
          for (int end = groupEnd[g]; i < end; i++) {
            if (own[i]) {
              ownHashes[k] = hashes[i];
              ownAnchors[k] = anchors[g];
              steps[k++] = TripletClasses.stepOf(weakest[g], spans[g]);
            }
          }
        }
        return classes.select(budget, count, ownHashes, ownAnchors, steps, sink);
      }
      // Budgeted's choice among every own triplet, its keys computed here (no copy into one).
      if (count <= budget) {
        indexTriplets((h, t) -> sink.accept(h, (float) t));
        return count;
      }
      long[] keys = new long[count];
      int[] ownHashes = new int[count];
      float[] ownAnchors = new float[count];
      int k = 0;
      int i = 0;
      for (int g = 0; g < groups; g++) {
        float anchor = (float) anchors[g];
        long window = Math.min(0xFFFF, (long) Math.floor(anchor / LandmarkHashes.WINDOW_S));
        long step =
            Math.min(3, weakest[g] / LandmarkHashes.STRENGTH_STEP) * 4L
                + Math.min(3, (long) Math.floor(spans[g] / LandmarkHashes.SPAN_STEP_S));
        for (int end = groupEnd[g]; i < end; i++) {
          if (own[i]) {
            keys[k] = key(window, step, hashes[i], k);
            ownHashes[k] = hashes[i];
            ownAnchors[k++] = anchor;
          }
        }
      }
      return selectByKeys(keys, count, budget, ownHashes, ownAnchors, sink);
    }

    /** Every triplet of this kind the sketch has (counted, also those not enumerated). */
    long total() {
      return classes == null ? 0 : classes.total();
    }

    /** The share of its triplets of this kind that an episode keeps as postings. */
    float keptShare() {
      return LandmarkHashes.keptShare(classes.total());
    }

    /**
     * The triplets with an anchor in {@code [fromS, toS]} (counted, also those not enumerated): how
     * many votes a true copy would give, over an overlap, against a stored episode that kept them
     * all.
     */
    int ownCount(double fromS, double toS) {
      return (int) Math.min(Integer.MAX_VALUE, classes.anchoredIn(fromS, toS));
    }
  }
}
