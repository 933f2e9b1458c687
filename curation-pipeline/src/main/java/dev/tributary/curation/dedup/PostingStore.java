package dev.tributary.curation.dedup;

import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The inverted index hash -> (episode, anchor time), in primitive arrays: each posting is three
 * {@code int}s side by side (hash 28 bits | episode 23 bits | anchor time 13 bits in 50 ms units,
 * and a link to the previous posting of the same bucket), so reading one costs one cache miss; a
 * bucket table doubles when it averages two postings per bucket and holds, per bucket, the {@code
 * int} head of its chain and a {@code byte} count of its postings (saturating at 255) side by side.
 * About 13-15 bytes per posting, no boxing, no per-posting objects. Postings live in fixed 64
 * Ki-entry pages so growth never copies them.
 *
 * <p><b>Stop words.</b> The bucket count is the document frequency of the bucket's hashes (plus the
 * odd collision: a bucket holds one or two hashes on average). Once a bucket holds more than {@code
 * stopAbove} postings, its head carries a stop flag and lookups skip it without reading any
 * posting: such a hash is shared by too many episodes to single one out, and walking it would make
 * lookups linear in the corpus. A lookup also reads the count, next to the head, to walk its rarest
 * hashes first within its read budget.
 *
 * <p>Lookups probe all their hashes as one batch ({@link #visitAll}): first every head, then the
 * chains one step per round, so the cache misses of different hashes overlap instead of queueing.
 */
final class PostingStore {
  static final int MAX_EPISODES = (1 << 23) - 1;
  static final double TIME_UNIT_S = 0.05;
  static final int MAX_TIME_UNITS = (1 << 13) - 1;

  /** The largest bucket count kept (counts saturate here); limits must be below it. */
  static final int MAX_COUNT = 255;

  private static final int PAGE_BITS = 16;
  private static final int PAGE_SIZE = 1 << PAGE_BITS;
  private static final int PAGE_MASK = PAGE_SIZE - 1;

  private int[][] pages = new int[8][];

  /**
   * The bucket table: per bucket, its head (an {@code int}, little-endian) and then its count (a
   * {@code byte}), side by side, so ranking a hash and finding its list cost one cache miss, not
   * two (a separate count array cost a second miss per probed hash; a {@code long} per bucket, 8
   * bytes instead of 5, measured slower at 10^6 episodes).
   */
  private byte[] table = new byte[BUCKET_BYTES << 12];

  private int buckets = 1 << 12;
  private static final int BUCKET_BYTES = 5;
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int STOP = 0x80000000;

  private final int stopAbove;
  private int size;
  private long walked;
  private long skipped;
  private int[] cursors = new int[256];
  private int[] active = new int[256];
  private final int[] countHistogram = new int[MAX_COUNT + 1];

  /**
   * @param stopAbove a bucket with more postings than this is a stop word (below {@link
   *     #MAX_COUNT})
   */
  PostingStore(int stopAbove) {
    if (stopAbove < 1 || stopAbove >= MAX_COUNT) {
      throw new IllegalArgumentException(
          "stopAbove must be in [1, " + (MAX_COUNT - 1) + "], got " + stopAbove);
    }
    this.stopAbove = stopAbove;
  }

  /** Receives the postings of the hashes of a batch. */
  interface Visitor {
    /**
     * @param query the position of the hash in the batch
     */
    void visit(int query, int episode, int timeUnits);
  }

  /** Adds a posting; anchors later than {@link #MAX_TIME_UNITS} are not indexed. */
  void add(int hash28, int episode, double anchorTimeS) {
    int time = (int) Math.round(anchorTimeS / TIME_UNIT_S);
    if (time > MAX_TIME_UNITS || time < 0) {
      return;
    }
    if (episode > MAX_EPISODES) {
      throw new IllegalStateException(
          "one index holds at most " + MAX_EPISODES + " episodes: shard it (see the README)");
    }
    if (size >= 2 * buckets && buckets < 1 << 28) {
      grow();
    }
    int index = size++;
    int page = index >>> PAGE_BITS;
    if (page == pages.length) {
      pages = java.util.Arrays.copyOf(pages, page * 2);
    }
    if (pages[page] == null) {
      pages[page] = new int[3 * PAGE_SIZE];
    }
    int bucket = hash28 & (buckets - 1);
    int[] p = pages[page];
    int slot = 3 * (index & PAGE_MASK);
    p[slot] = (hash28 & 0xFFFFFFF) << 4 | episode >>> 19;
    p[slot + 1] = episode << 13 | time;
    link(table, bucket, index, p, slot);
  }

  /** Visits every posting of the first {@code n} hashes except stop words (no read budget). */
  void visitAll(int[] hashes28, int n, Visitor visitor) {
    visitAll(hashes28, n, Integer.MAX_VALUE, visitor);
  }

  /**
   * Visits the postings of the first {@code n} hashes, except stop words (nothing of those is
   * read), rarest first within a budget: the hashes are ranked by their bucket's count (the length
   * of the list a walk would read), and only the rarest are walked, as many as fit in {@code
   * budget} postings; the others are skipped like stop words (a per-lookup stop-word threshold).
   * Rare hashes single out few episodes, so they carry the votes that matter, and the work of a
   * lookup stays within the budget however long the lists grow. The chains are then walked one
   * posting per hash per round, newest first within a hash.
   */
  void visitAll(int[] hashes28, int n, int budget, Visitor visitor) {
    if (cursors.length < n) {
      cursors = new int[Math.max(n, 2 * cursors.length)];
      active = new int[cursors.length];
    }
    byte[] table = this.table;
    int mask = buckets - 1;
    int live = 0;
    long total = 0;
    int[] byCount = countHistogram;
    java.util.Arrays.fill(byCount, 0);
    for (int q = 0; q < n; q++) {
      int bucket = hashes28[q] & mask;
      int head = head(table, bucket);
      if (head < 0) {
        skipped++;
      } else if (head != 0) {
        cursors[q] = head;
        active[live++] = q;
        int count = count(table, bucket);
        byCount[count]++;
        total += count;
      }
    }
    if (total > budget) {
      // The longest list length L whose hashes (all of length <= L) fit in the budget.
      long sum = 0;
      int limit = 0;
      for (int c = 1; c <= MAX_COUNT; c++) {
        if (sum + (long) c * byCount[c] > budget) {
          break;
        }
        sum += (long) c * byCount[c];
        limit = c;
      }
      int kept = 0;
      for (int k = 0; k < live; k++) {
        int q = active[k];
        if (count(table, hashes28[q] & mask) <= limit) {
          active[kept++] = q;
        } else {
          skipped++;
        }
      }
      live = kept;
    }
    while (live > 0) {
      int next = 0;
      for (int k = 0; k < live; k++) {
        int q = active[k];
        int index = cursors[q] - 1;
        int[] p = pages[index >>> PAGE_BITS];
        int slot = 3 * (index & PAGE_MASK);
        int hi = p[slot];
        if (hi >>> 4 == (hashes28[q] & 0xFFFFFFF)) {
          int lo = p[slot + 1];
          visitor.visit(q, (hi & 0xF) << 19 | lo >>> 13, lo & MAX_TIME_UNITS);
        }
        int link = p[slot + 2];
        if (link != 0) {
          cursors[q] = link;
          active[next++] = q;
        }
      }
      walked += live;
      live = next;
    }
  }

  int stopAbove() {
    return stopAbove;
  }

  /** Postings visited by lookups so far (chain entries walked, matching or not). */
  long walked() {
    return walked;
  }

  /** Hashes that lookups skipped so far: stop words, and hashes over a lookup's budget. */
  long skipped() {
    return skipped;
  }

  int size() {
    return size;
  }

  /** Bytes held: allocated pages, the bucket table and its counts (array headers included). */
  long estimatedBytes() {
    long allocated = 0;
    for (int[] page : pages) {
      if (page != null) {
        allocated++;
      }
    }
    return allocated * (PAGE_SIZE * 12L + 16) + pages.length * 4L + 16 + table.length + 16;
  }

  /**
   * Saves the postings and the bucket table as they are (no relinking on load); the lookup counters
   * are not state.
   */
  void writeTo(StateWriter out) {
    out.writeInt(stopAbove);
    out.writeInt(size);
    out.writeInt(buckets);
    out.writeBytes(table, 0, table.length);
    int pagesUsed = (size + PAGE_SIZE - 1) >>> PAGE_BITS;
    for (int page = 0; page < pagesUsed; page++) {
      int inPage = Math.min(PAGE_SIZE, size - (page << PAGE_BITS));
      out.writeInts(pages[page], 3 * inPage);
    }
  }

  static PostingStore readFrom(StateReader in) {
    PostingStore store = new PostingStore(in.readInt());
    int size = in.readInt();
    int buckets = in.readInt();
    if (size < 0 || buckets < 1 << 12 || Integer.bitCount(buckets) != 1) {
      throw in.invalid("posting store: " + size + " postings in " + buckets + " buckets");
    }
    byte[] table = in.readBytes();
    if (table.length != BUCKET_BYTES * buckets) {
      throw in.invalid("posting store: bucket table of " + table.length + " bytes");
    }
    int pagesUsed = (size + PAGE_SIZE - 1) >>> PAGE_BITS;
    int[][] pages = new int[Math.max(8, Integer.highestOneBit(Math.max(1, pagesUsed)) * 2)][];
    for (int page = 0; page < pagesUsed; page++) {
      pages[page] = new int[3 * PAGE_SIZE];
      int inPage = Math.min(PAGE_SIZE, size - (page << PAGE_BITS));
      if (in.readInts(pages[page], 0) != 3 * inPage) {
        throw in.invalid("posting store: page " + page + " is short");
      }
    }
    store.table = table;
    store.buckets = buckets;
    store.pages = pages;
    store.size = size;
    return store;
  }

  /** Doubles the bucket table and relinks every posting (its hash is in the entry). */
  private void grow() {
    int more = buckets * 2;
    byte[] bigger = new byte[BUCKET_BYTES * more];
    int mask = more - 1;
    for (int index = 0; index < size; index++) {
      int[] p = pages[index >>> PAGE_BITS];
      int slot = 3 * (index & PAGE_MASK);
      link(bigger, (p[slot] >>> 4) & mask, index, p, slot);
    }
    table = bigger;
    buckets = more;
  }

  /** Puts a posting at the head of its bucket's chain and counts it. */
  private void link(byte[] table, int bucket, int index, int[] page, int slot) {
    page[slot + 2] = head(table, bucket) & ~STOP;
    int at = BUCKET_BYTES * bucket + 4;
    if (table[at] != (byte) MAX_COUNT) {
      table[at]++;
    }
    int head = count(table, bucket) > stopAbove ? index + 1 | STOP : index + 1;
    INT.set(table, BUCKET_BYTES * bucket, head);
  }

  private static int head(byte[] table, int bucket) {
    return (int) INT.get(table, BUCKET_BYTES * bucket);
  }

  private static int count(byte[] table, int bucket) {
    return Byte.toUnsignedInt(table[BUCKET_BYTES * bucket + 4]);
  }
}
