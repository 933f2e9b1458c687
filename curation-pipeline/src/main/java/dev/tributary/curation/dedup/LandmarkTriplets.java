package dev.tributary.curation.dedup;

import java.util.Arrays;

/**
 * Collections of one sketch's landmark triplets ({@link LandmarkHashes}): the subset the index
 * keeps within its posting budget, and the enumeration a lookup shares with the following add.
 *
 * <p>Over ~300 lines: two small collections (the budgeted subset and the shared enumeration) that
 * keep their triplets in parallel primitive arrays, and the quickselect the subset needs; each is
 * short, and they share the selection keys' layout.
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
        long rank = LandmarkHashes.mix(hashes[i] ^ 0x5DEECE66DL) >>> 41;
        keys[i] = window << 48 | step << 44 | rank << 20 | i;
      }
      // Only the first keys of each window are emitted, so the keys need not all be sorted: when
      // the
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
   */
  static final class ThreeMoments implements LandmarkHashes.TripletSink {
    private static final ThreeMoments NONE = new ThreeMoments(null);

    private final TripletClasses classes;
    private boolean complete;
    private int n;
    private int[] hashes = new int[256];
    private double[] anchors = new double[256];
    private double[] spans = new double[256];
    private int[] weakest = new int[256];
    private boolean[] own = new boolean[256];
    private ThreeMoments corners = NONE;

    ThreeMoments(TripletClasses classes) {
      this.classes = classes;
    }

    /** Enumerates the triplets a lookup probes; a stored window keeps at most {@code quota}. */
    void enumerate(int quota) {
      complete = LandmarkHashes.fullQuery(classes);
      if (complete) {
        // Room for every triplet and its probes (at most 4 hashes each, ~2.6 on average) up front:
        // growing five arrays from 256 by doubling copied them ~6 times per simulated take.
        grow((int) Math.min(4 * classes.total(), 3 * classes.total() + 256));
      }
      LandmarkHashes.queryTriplets(classes, quota, this);
    }

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

    /** Triplets enumerated (without the neighbouring-bin probes). */
    int enumerated() {
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (own[i]) {
          count++;
        }
      }
      return count;
    }

    private void grow(int capacity) {
      if (capacity > hashes.length) {
        hashes = Arrays.copyOf(hashes, capacity);
        anchors = Arrays.copyOf(anchors, capacity);
        spans = Arrays.copyOf(spans, capacity);
        weakest = Arrays.copyOf(weakest, capacity);
        own = Arrays.copyOf(own, capacity);
      }
    }

    @Override
    public void accept(int h, double t, double span, int weak, boolean isOwn) {
      if (n == hashes.length) {
        grow(2 * n);
      }
      hashes[n] = h;
      anchors[n] = t;
      spans[n] = span;
      weakest[n] = weak;
      own[n] = isOwn;
      n++;
    }

    /** The lookup's hashes: these triplets' with their probes, then the corner triplets'. */
    void forQuery(LandmarkHashes.Sink sink) {
      for (int i = 0; i < n; i++) {
        sink.accept(hashes[i], anchors[i]);
      }
      if (corners != NONE) {
        corners.forQuery(sink);
      }
    }

    /** The own hashes of the triplets enumerated. */
    void indexTriplets(LandmarkHashes.Sink sink) {
      for (int i = 0; i < n; i++) {
        if (own[i]) {
          sink.accept(hashes[i], anchors[i]);
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
      if (!complete) {
        int count = enumerated();
        int[] ownHashes = new int[count];
        double[] ownAnchors = new double[count];
        int[] steps = new int[count];
        int k = 0;
        for (int i = 0; i < n; i++) {
          if (own[i]) {
            ownHashes[k] = hashes[i];
            ownAnchors[k] = anchors[i];
            steps[k++] = TripletClasses.stepOf(weakest[i], spans[i]);
          }
        }
        return classes.select(budget, count, ownHashes, ownAnchors, steps, sink);
      }
      Budgeted all = new Budgeted(enumerated());
      for (int i = 0; i < n; i++) {
        if (own[i]) {
          all.accept(hashes[i], anchors[i], spans[i], weakest[i], true);
        }
      }
      return all.select(budget, sink);
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
