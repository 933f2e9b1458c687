package dev.tributary.curation.dedup;

import java.util.Arrays;

/**
 * One sketch's landmark triplets of one kind (three-moment velocity peaks, two-moment ones, or
 * corners; see {@link LandmarkHashes}) counted without hashing them, and enumerated <em>by
 * class</em>: the order in which the index's posting selection prefers them (the weakest member's
 * strength class, then the span class; {@link LandmarkHashes#STRENGTH_STEP}, {@link
 * LandmarkHashes#SPAN_STEP_S}), so that only the classes a selection can reach are enumerated.
 *
 * <p><b>Why.</b> Triplets are all three landmarks within {@link LandmarkHashes#MAX_SPAN_S}: their
 * number grows with the square of the landmark density (joints) times the duration. A real take of
 * a 26-joint humanoid has ~400 landmarks in 12 s and 1.4-3.2 million triplets (4-9 million hashes
 * with the neighbouring-bin probes), of which the index keeps 160. The index keeps, per 1 s window
 * of anchor time, the lowest classes first; in such a window the lowest class alone holds 100-2,000
 * triplets, and nothing of a higher class is ever kept.
 *
 * <p><b>The index's selection</b> ({@link #select}) is the one {@link LandmarkTriplets.Budgeted}
 * makes from every triplet (the same postings in the same order): the window sizes that share the
 * budget out are counted, not enumerated, and each window enumerates its classes in order until
 * they hold its quota.
 *
 * <p><b>A lookup</b> ({@link #forQuery}) needs the triplets that a stored episode's selection may
 * have kept, at an unknown offset. A stored window [x, x+1) keeps its {@code quota} smallest keys
 * (class, then hash rank), so it keeps nothing above the key at which some stretch inside it
 * already holds {@code quota} triplets. The lookup hashes its triplets class by class, counts them
 * in 0.1 s cells, and <em>cuts</em> a 0.9 s stretch of cells at the (class, rank) where it holds
 * {@code quota} own triplets; an anchor at time t needs the classes up to the highest cut of the
 * stretches that start in (t - 1, t + 0.1] (every 1 s window holding t contains one of them), and
 * probes only its hashes (own and neighbouring-bin probes, each ranked by its own value) at or
 * below that cut. With {@code quota} twice the largest share a stored window can have ({@link
 * LandmarkHashes#QUERY_MARGIN}), a copy's hashes that the stored episode kept are all probed as
 * long as the copy's landmarks fall in the same classes (a class is a factor of 4.5 in strength and
 * 1 s in span). The add of the same sketch then chooses its postings from these triplets (every
 * window's choice lies below the cut of the stretch it starts with).
 *
 * <p>What this does not bound: the lowest class itself. A take whose many joints all move strongly
 * holds thousands of lowest-class triplets per second, all hashed to be ranked (the probes stay
 * ~1,500 per second).
 *
 * <p>Over 300 lines: the counting, the class-by-class enumeration and the two selections built on
 * it (the index's and the lookup's) share the per-landmark classes and lists; split, each would
 * rebuild them.
 */
final class TripletClasses {
  /** Weak class 0-3 times span class 0-3. */
  static final int CLASSES = 16;

  /** Grid of the lookup's counting cells, in seconds. */
  static final double CELL_S = 0.1;

  /** Stretches that start before the sketch, at most this many cells before it, are counted. */
  static final int BEFORE_START_CELLS = 4;

  /** Cells of a counted stretch (0.9 s: every 1 s window, at any offset, contains one). */
  static final int STRETCH_CELLS = 9;

  private final TrajectorySketch s;
  private final int n;
  private final double[] t;
  private final int[] weakClass;
  private final boolean twoMoments;
  private final double maxSpan;
  private final long salt;

  /** {@code lists[w]}: the landmarks of strength class <= w, in time order. */
  private final int[][] lists;

  /** {@code exact[w]}: the landmarks of strength class w, in time order. */
  private final int[][] exact;

  /** {@code position[w][a]}: where landmark a (of class <= w) is in {@code lists[w]}. */
  private final int[][] position;

  /** Per landmark b, the first landmark after it at least {@code MIN_GAP_S} later. */
  private final int[] nextApart;

  /** Per anchor landmark, how many triplets it anchors. */
  private final long[] perAnchor;

  private final long total;

  private final int[] member = new int[3];
  private final int[][] bins = new int[3][2];
  private final int[] binCount = new int[3];

  TripletClasses(TrajectorySketch s, boolean twoMoments, long salt) {
    this.s = s;
    this.n = s.landmarks();
    this.twoMoments = twoMoments;
    this.salt = salt;
    this.maxSpan = twoMoments ? LandmarkHashes.TWO_MOMENT_SPAN_S : LandmarkHashes.MAX_SPAN_S;
    t = new double[n];
    weakClass = new int[n];
    int[] perClass = new int[4];
    for (int i = 0; i < n; i++) {
      t[i] = s.landmarkTimeS(i);
      weakClass[i] = Math.min(3, s.landmarkAmplitude(i) / LandmarkHashes.STRENGTH_STEP);
      perClass[weakClass[i]]++;
    }
    exact = new int[4][];
    for (int w = 0; w < 4; w++) {
      exact[w] = new int[perClass[w]];
      int p = 0;
      for (int i = 0; i < n; i++) {
        if (weakClass[i] == w) {
          exact[w][p++] = i;
        }
      }
    }
    lists = new int[4][];
    position = new int[4][n];
    for (int w = 0; w < 4; w++) {
      int size = 0;
      for (int k = 0; k <= w; k++) {
        size += perClass[k];
      }
      lists[w] = new int[size];
      int p = 0;
      for (int i = 0; i < n; i++) {
        if (weakClass[i] <= w) {
          position[w][i] = p;
          lists[w][p++] = i;
        }
      }
    }
    perAnchor = new long[n];
    nextApart = new int[n];
    total = count();
  }

  TrajectorySketch sketch() {
    return s;
  }

  boolean twoMoments() {
    return twoMoments;
  }

  long salt() {
    return salt;
  }

  /** Triplets of this kind, all classes (what {@link LandmarkTriplets.Budgeted} is offered). */
  long total() {
    return total;
  }

  /** Triplets anchored in [fromS, toS]. */
  long anchoredIn(double fromS, double toS) {
    long sum = 0;
    for (int a = 0; a < n; a++) {
      if (t[a] >= fromS && t[a] <= toS) {
        sum += perAnchor[a];
      }
    }
    return sum;
  }

  /**
   * Counts each anchor's triplets with the enumeration's own comparisons ({@code
   * LandmarkHashes.triplets}), O(landmarks x landmarks within a span), nothing hashed.
   */
  private long count() {
    // nextApart[b]: the first landmark after b at least MIN_GAP_S later.
    int j = 0;
    for (int b = 0; b < n; b++) {
      j = Math.max(j, b + 1);
      while (j < n && t[j] - t[b] < LandmarkHashes.MIN_GAP_S) {
        j++;
      }
      nextApart[b] = j;
    }
    long sum = 0;
    int end = 0; // first landmark beyond the anchor's span
    for (int a = 0; a < n; a++) {
      double ta = t[a];
      end = Math.max(end, a + 1);
      while (end < n && t[end] - ta <= maxSpan) {
        end++;
      }
      long c = 0;
      for (int b = a + 1; b < end; b++) {
        boolean firstApart = t[b] - ta >= LandmarkHashes.MIN_GAP_S;
        if (twoMoments) {
          c +=
              firstApart
                  ? Math.max(0, Math.min(nextApart[b], end) - (b + 1))
                  : Math.max(0, end - nextApart[b]);
        } else if (firstApart) {
          c += Math.max(0, end - nextApart[b]);
        }
      }
      perAnchor[a] = c;
      sum += c;
    }
    return sum;
  }

  /**
   * Emits the triplets of class {@code step} anchored at landmark {@code a}, in the enumeration's
   * order (b, then c), with the neighbouring-bin probes when {@code probe}; returns how many
   * triplets (not probes).
   */
  private int emitClass(int a, int step, boolean probe, LandmarkHashes.TripletSink sink) {
    int w = step >> 2;
    int p = step & 3;
    if (weakClass[a] > w) {
      return 0;
    }
    int[] list = lists[w];
    double ta = t[a];
    // Span class p: floor((float) span) == p (3: 3 and above). Loose time limits, exact filter.
    double upper = p == 3 ? maxSpan : Math.min(maxSpan, p + 1 + 1e-3);
    double lower = p - 1e-3;
    int[] member = this.member;
    int[][] bins = this.bins;
    int[] binCount = this.binCount;
    int emitted = 0;
    // The first member of the list that can close a span of class p.
    int first = position[w][a] + 1;
    int lo = first;
    int hi = list.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t[list[mid]] - ta < lower) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int spanStart = lo < list.length ? list[lo] : n; // a landmark index
    int[] exactly = exact[w];
    for (int bi = first; bi < list.length; bi++) {
      int b = list[bi];
      double tb = t[b] - ta;
      if (tb > upper) {
        break;
      }
      boolean firstApart = tb >= LandmarkHashes.MIN_GAP_S;
      if (!firstApart && !twoMoments) {
        continue;
      }
      // When a and b are both of a lower class, c must be of class w exactly.
      int[] cs = Math.max(weakClass[a], weakClass[b]) == w ? list : exactly;
      int from = Math.max(b + 1, spanStart);
      if (!twoMoments || !firstApart) {
        from = Math.max(from, nextApart[b]); // c at least MIN_GAP_S after b
      }
      for (int ci = firstAtOrAfter(cs, from); ci < cs.length; ci++) {
        int c = cs[ci];
        double span = t[c] - ta;
        if (span > upper) {
          break;
        }
        if (span < lower) {
          continue;
        }
        boolean secondApart = t[c] - t[b] >= LandmarkHashes.MIN_GAP_S;
        if (twoMoments ? firstApart == secondApart : !secondApart) {
          continue;
        }
        if (span > maxSpan) {
          break;
        }
        int weakest =
            Math.max(
                s.landmarkAmplitude(a), Math.max(s.landmarkAmplitude(b), s.landmarkAmplitude(c)));
        if (stepOf(weakest, span) != step) {
          continue;
        }
        LandmarkHashes.canonical(s, a, b, c, member);
        long shape =
            LandmarkHashes.shape(s, member)
                | (twoMoments ? LandmarkHashes.TWO_MOMENT_SALT : 0)
                | salt;
        for (int i = 0; i < 3; i++) {
          binCount[i] =
              LandmarkHashes.bins(
                  (s.landmarkTimeS(member[i]) - ta) / LandmarkHashes.TIME_BIN_S, probe, bins[i]);
        }
        for (int i = 0; i < binCount[0]; i++) {
          for (int k = 0; k < binCount[1]; k++) {
            for (int m = 0; m < binCount[2]; m++) {
              sink.accept(
                  LandmarkHashes.hash(shape, bins[0][i], bins[1][k], bins[2][m]),
                  ta,
                  span,
                  weakest,
                  i == 0 && k == 0 && m == 0);
            }
          }
        }
        emitted++;
      }
    }
    return emitted;
  }

  /** The first position in a list of landmark indices (ascending) holding one >= {@code index}. */
  private static int firstAtOrAfter(int[] list, int index) {
    int lo = 0;
    int hi = list.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (list[mid] < index) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The selection's class of a triplet, as {@link LandmarkTriplets.Budgeted} computes it. */
  static int stepOf(int weakest, double span) {
    int weak = Math.min(3, weakest / LandmarkHashes.STRENGTH_STEP);
    float stored = (float) span;
    return weak * 4 + (int) Math.min(3, (long) Math.floor(stored / LandmarkHashes.SPAN_STEP_S));
  }

  /**
   * The postings {@link LandmarkTriplets.Budgeted#select} would emit from every triplet of this
   * kind (the same ones, in the same order), enumerating per window only the classes its quota
   * reaches. Needs anchors at >= 0 s (a sketch's landmark times). Returns how many.
   */
  int select(int budget, LandmarkHashes.Sink sink) {
    if (total <= budget) {
      return LandmarkHashes.allOwn(s, twoMoments, salt, sink);
    }
    Quotas q = quotas(budget);
    int emitted = 0;
    Window window = new Window();
    for (int r = 0; r < q.runs; r++) {
      if (q.quota[r] == 0) {
        continue;
      }
      window.clear();
      for (int step = 0; step < CLASSES && window.size < q.quota[r]; step++) {
        window.step = step;
        for (int a = q.first[r]; a < q.first[r + 1]; a++) {
          emitClass(a, step, false, window);
        }
      }
      emitted += window.emitSmallest(q.quota[r], sink);
    }
    return emitted;
  }

  /**
   * {@link #select} from triplets that {@link #forQuery} enumerated with a {@code quota} of at
   * least {@code budget} (it enumerated, in every window, the classes the window's share reaches):
   * {@code hashes}, {@code anchors} and {@code steps} of the own triplets in enumeration order.
   */
  int select(
      int budget,
      int count,
      int[] hashes,
      double[] anchors,
      int[] steps,
      LandmarkHashes.Sink sink) {
    if (total <= budget) {
      return LandmarkHashes.allOwn(s, twoMoments, salt, sink);
    }
    Quotas q = quotas(budget);
    // The run of each triplet, by its anchor (runs are windows in time order).
    int[] perRun = new int[q.runs + 1];
    int[] runOf = new int[count];
    for (int i = 0; i < count; i++) {
      int r = q.runOf(window(anchors[i]));
      runOf[i] = r;
      perRun[r + 1]++;
    }
    for (int r = 0; r < q.runs; r++) {
      perRun[r + 1] += perRun[r];
    }
    int[] byRun = new int[count];
    int[] next = Arrays.copyOf(perRun, q.runs);
    for (int i = 0; i < count; i++) {
      byRun[next[runOf[i]]++] = i;
    }
    int emitted = 0;
    Window window = new Window();
    for (int r = 0; r < q.runs; r++) {
      if (q.quota[r] == 0) {
        continue;
      }
      window.clear();
      for (int k = perRun[r]; k < perRun[r + 1]; k++) {
        int i = byRun[k];
        window.step = steps[i];
        window.accept(hashes[i], anchors[i], 0, 0, true);
      }
      emitted += window.emitSmallest(q.quota[r], sink);
    }
    return emitted;
  }

  private static long window(double anchor) {
    return Math.min(0xFFFF, (long) Math.floor((float) anchor / LandmarkHashes.WINDOW_S));
  }

  /** The windows with triplets, in time order, and their shares of a budget. */
  private static final class Quotas {
    int runs;
    int[] first;
    long[] windows;
    int[] quota;

    int runOf(long window) {
      int r = Arrays.binarySearch(windows, 0, runs, window);
      if (r < 0) {
        throw new IllegalStateException("a triplet anchored in a window without triplets");
      }
      return r;
    }
  }

  /** Window sizes counted, the budget water-filled as {@link LandmarkTriplets.Budgeted} does. */
  private Quotas quotas(int budget) {
    Quotas q = new Quotas();
    q.first = new int[n + 1];
    q.windows = new long[n];
    long[] size = new long[n];
    int runs = 0;
    for (int a = 0; a < n; a++) {
      if (perAnchor[a] == 0) {
        continue;
      }
      long window = window(t[a]);
      if (runs == 0 || window != q.windows[runs - 1]) {
        q.windows[runs] = window;
        q.first[runs++] = a;
      }
      size[runs - 1] += perAnchor[a];
    }
    q.first[runs] = n;
    q.runs = runs;
    q.quota = new int[runs];
    Integer[] order = new Integer[runs];
    for (int r = 0; r < runs; r++) {
      order[r] = r;
    }
    Arrays.sort(order, (x, y) -> Long.compare(size[x], size[y]));
    int left = budget;
    for (int k = 0; k < runs; k++) {
      int r = order[k];
      int share = left / (runs - k);
      q.quota[r] = (int) Math.min(size[r], share);
      left -= q.quota[r];
    }
    return q;
  }

  /** One window's triplets of the classes enumerated so far, with the selection's keys. */
  private static final class Window implements LandmarkHashes.TripletSink {
    int size;
    int step;
    long[] keys = new long[256];
    int[] hashes = new int[256];
    float[] anchors = new float[256];

    void clear() {
      size = 0;
    }

    @Override
    public void accept(int h, double anchor, double span, int weakest, boolean own) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, 2 * size);
        hashes = Arrays.copyOf(hashes, 2 * size);
        anchors = Arrays.copyOf(anchors, 2 * size);
      }
      long rank = LandmarkTriplets.rank(h);
      // step, rank, then enumeration order: the order of Budgeted's keys within one window.
      keys[size] = (long) step << 59 | rank << 36 | size;
      hashes[size] = h;
      anchors[size] = (float) anchor;
      size++;
    }

    int emitSmallest(int quota, LandmarkHashes.Sink sink) {
      long[] k = Arrays.copyOf(keys, size);
      int q = Math.min(quota, size);
      if (q < size) {
        LandmarkTriplets.selectSmallest(k, 0, size, q);
      }
      Arrays.sort(k, 0, q);
      for (int i = 0; i < q; i++) {
        int at = (int) (k[i] & ((1L << 36) - 1));
        sink.accept(hashes[at], anchors[at]);
      }
      return q;
    }
  }

  /**
   * The triplets a lookup probes (own hashes and neighbouring-bin probes), class by class, for each
   * anchor up to the classes that a stored window's {@code quota} can reach (see the class
   * comment). Returns the triplets enumerated.
   */
  long forQuery(int quota, LandmarkHashes.TripletSink sink) {
    if (n == 0) {
      return 0;
    }
    int cells = (int) Math.floor(Math.max(0, t[n - 1]) / CELL_S) + 2;
    long[] perCell = new long[cells];
    // cut[STRETCH_CELLS + c]: the key (class, rank) at which the stretch of cells [c, c + 8]
    // reached the quota, OPEN until it does; c < 0 for stretches that start before the sketch (a
    // stored window may: the new episode is a trimmed copy), of which only cells >= 0 hold any.
    long[] cut = new long[STRETCH_CELLS + cells];
    Arrays.fill(cut, OPEN);
    int[] cellOf = new int[n];
    for (int a = 0; a < n; a++) {
      cellOf[a] = (int) Math.floor(Math.max(0, t[a]) / CELL_S);
    }
    Buffer buffer = new Buffer();
    long[] classCount = new long[cells];
    long enumerated = 0;
    for (int step = 0; step < CLASSES; step++) {
      buffer.clear();
      boolean any = false;
      for (int a = 0; a < n; a++) {
        if (perAnchor[a] == 0 || required(cellOf[a], cut) != OPEN) {
          continue;
        }
        any = true;
        buffer.anchor = a;
        emitClass(a, step, true, buffer);
      }
      if (!any) {
        break;
      }
      // This class's own triplets per cell, and their ranks grouped by cell.
      Arrays.fill(classCount, 0);
      for (int i = 0; i < buffer.size; i++) {
        if (buffer.own[i]) {
          classCount[cellOf[buffer.anchors[i]]]++;
        }
      }
      int[] cellStart = new int[cells + 1];
      for (int c = 0; c < cells; c++) {
        cellStart[c + 1] = cellStart[c] + (int) classCount[c];
      }
      long[] ranks = new long[cellStart[cells]];
      int[] fill = Arrays.copyOf(cellStart, cells);
      for (int i = 0; i < buffer.size; i++) {
        if (buffer.own[i]) {
          ranks[fill[cellOf[buffer.anchors[i]]]++] = (long) buffer.rank[i] << 32 | i;
        }
      }
      enumerated += ranks.length;
      // Stretches that reach the quota within this class close at the rank that reaches it:
      // the smallest rank r with `need` own triplets ranked <= r in its cells (each cell's ranks
      // sorted, r found by bisection).
      for (int c = 0; c < cells; c++) {
        Arrays.sort(ranks, cellStart[c], cellStart[c + 1]);
      }
      for (int c = -STRETCH_CELLS; c < cells; c++) {
        if (cut[STRETCH_CELLS + c] != OPEN) {
          continue;
        }
        int from = Math.max(0, c);
        int to = Math.min(cells, c + STRETCH_CELLS);
        long before = 0;
        long now = 0;
        for (int k = from; k < to; k++) {
          before += perCell[k];
          now += classCount[k];
        }
        if (before + now < quota) {
          continue;
        }
        long need = quota - before; // 1..now
        long lo = 0;
        long hi = (1L << 23) - 1;
        while (lo < hi) {
          long mid = (lo + hi) >>> 1;
          long atMost = 0;
          for (int k = from; k < to; k++) {
            atMost += rankedAtMost(ranks, cellStart[k], cellStart[k + 1], mid);
          }
          if (atMost >= need) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        cut[STRETCH_CELLS + c] = (long) step << 32 | lo;
      }
      for (int c = 0; c < cells; c++) {
        perCell[c] += classCount[c];
      }
      // Emit what a stored window's quota can reach: every entry below its anchor's cut (own
      // hashes and neighbouring-bin probes alike, each by its own rank: a stored copy of the
      // triplet may hold the probe's hash).
      int lastAnchor = -1;
      long limit = 0;
      for (int i = 0; i < buffer.size; i++) {
        if (buffer.anchors[i] != lastAnchor) {
          lastAnchor = buffer.anchors[i];
          limit = required(cellOf[lastAnchor], cut);
        }
        long key = (long) step << 32 | buffer.rank[i];
        if (key <= limit) {
          int a = buffer.anchors[i];
          sink.accept(buffer.hashes[i], t[a], buffer.spans[i], buffer.weakest[i], buffer.own[i]);
        }
      }
    }
    return enumerated;
  }

  private static final long OPEN = Long.MAX_VALUE;

  /** How many of the sorted {@code rank << 32 | i} in [from, to) have a rank <= r. */
  private static int rankedAtMost(long[] sorted, int from, int to, long r) {
    long bound = r << 32 | 0xFFFFFFFFL;
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= bound) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - from;
  }

  /**
   * The highest cut of the stretches an anchor in {@code cell} needs (OPEN while one is open): the
   * stretches that start in (t - 1, t + 0.1], cells {@code cell - 9} to {@code cell + 1}; every 1 s
   * window holding t contains one. Stretches that start more than {@link #BEFORE_START_CELLS} cells
   * before the sketch are not waited for: a stored window that overlaps the new episode by less
   * than half a second has its kept triplets chosen by what the new episode lacks, and waiting for
   * it would enumerate every class of the first anchors (thousands of triplets each in a dense
   * take) for the few votes it can give.
   */
  private static long required(int cell, long[] cut) {
    int from = Math.max(-BEFORE_START_CELLS, cell - STRETCH_CELLS);
    int to = Math.min(cut.length - 1 - STRETCH_CELLS, cell + 1);
    long max = 0;
    for (int c = from; c <= to; c++) {
      max = Math.max(max, cut[STRETCH_CELLS + c]);
    }
    return max;
  }

  /** One class's entries of a lookup, before its cut is known. */
  private static final class Buffer implements LandmarkHashes.TripletSink {
    int anchor;
    int size;
    int[] anchors = new int[1024];
    int[] hashes = new int[1024];
    int[] rank = new int[1024];
    double[] spans = new double[1024];
    int[] weakest = new int[1024];
    boolean[] own = new boolean[1024];

    void clear() {
      size = 0;
    }

    @Override
    public void accept(int h, double anchorS, double span, int weak, boolean isOwn) {
      if (size == hashes.length) {
        anchors = Arrays.copyOf(anchors, 2 * size);
        hashes = Arrays.copyOf(hashes, 2 * size);
        rank = Arrays.copyOf(rank, 2 * size);
        spans = Arrays.copyOf(spans, 2 * size);
        weakest = Arrays.copyOf(weakest, 2 * size);
        own = Arrays.copyOf(own, 2 * size);
      }
      anchors[size] = anchor;
      hashes[size] = h;
      rank[size] = (int) LandmarkTriplets.rank(h);
      spans[size] = span;
      weakest[size] = weak;
      own[size] = isOwn;
      size++;
    }
  }
}
