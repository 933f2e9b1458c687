package dev.tributary.curation.dedup;

import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The inverted index hash -> (episode, anchor time), in primitive arrays: each posting is two
 * {@code int}s side by side (hash 28 bits | episode 23 bits | anchor time 13 bits in 50 ms units),
 * so reading one costs one cache miss; a bucket table doubles when it averages two postings per
 * bucket and holds, per bucket, the {@code int} head of its chain and a {@code byte} count of its
 * postings (saturating at 255) side by side. About 10.5-13 bytes per posting, no boxing, no
 * per-posting objects. Postings live in fixed 64 Ki-entry pages so growth never copies them.
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
 *
 * <p><b>Walkable bits.</b> Beside the table, one bit per bucket says whether it has postings to
 * walk (non-empty and not a stop word): 1/40 of the table's bytes, small enough to stay in the
 * cache, so a lookup reads the head of a bucket (a DRAM miss once the table outgrows the cache)
 * only when the bit is set. Issue 16: at 10^6 episodes ~830 of a lookup's probed hashes land in
 * empty buckets (~340) or stop words (~490) (BENCHMARKS.md, fourth round). The bits are derived
 * from the table (rebuilt on load, not saved).
 *
 * <p><b>Compaction.</b> A chain built by adds hops across the whole store, one cache miss per step
 * once the store outgrows the cache. So the store keeps its postings in two parts: a compacted
 * prefix, where the postings of a bucket sit side by side in bucket order and each links to the
 * next slot (a chain is one sequential run: its first posting costs a miss, the rest share its
 * cache line or the prefetched next one), and a tail of recent adds, chained into the prefix's
 * runs. Only the tail's postings carry a link ({@link #tailLinks}); a run's next posting is the
 * next slot, and the bucket's count (exact below its saturation, so for every bucket a lookup
 * walks) says where the chain ends (issue 16, eighth round: a link per posting was 4 of its 12
 * bytes, ~600 bytes per episode). When the tail reaches a quarter of the prefix, it is sorted by
 * bucket and merged into the prefix from the back, in place (sequential reads and writes; amortised
 * O(1) per add); a table doubling splits every run in place. Chain order (newest first within a
 * bucket) is what adds and relinking produced before, so lookups read the same postings in the same
 * order.
 *
 * <p>Over ~300 lines because compaction and splitting rewrite the same pages and bucket table that
 * adds and lookups use; kept in one class so that layout stays private to it.
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
   * The links of the tail's postings (posting {@code compacted + i} at {@code i}): the index + 1 of
   * the next posting of its bucket's chain (in the tail or a run of the prefix), 0 at the end. A
   * posting of the compacted prefix needs none: the next of its chain is the next slot, until the
   * chain's length, the bucket's count, is walked. Grows by doubling up to a quarter of the prefix,
   * where the tail is merged and it starts again small: at most a byte per posting.
   */
  private int[] tailLinks = new int[MIN_TAIL];

  /**
   * The bucket table: per bucket, its head (an {@code int}, little-endian) and then its count (a
   * {@code byte}), side by side, so ranking a hash and finding its list cost one cache miss, not
   * two (a separate count array cost a second miss per probed hash; a {@code long} per bucket, 8
   * bytes instead of 5, measured slower at 10^6 episodes).
   */
  private byte[] table = new byte[BUCKET_BYTES << 12];

  private int buckets = 1 << 12;

  /**
   * Bit b of word (b >>> 6) mod 2^13 of page b >>> 19: bucket b has postings to walk (non-empty,
   * not a stop word). In 64 KiB pages, not one array: a G1 region is a few MiB, and an array of
   * just over a region's size (2 MiB + a header at 10^5 episodes) held two whole regions (measured:
   * heap per episode +42 B instead of +21 B at 10^5 episodes).
   */
  private long[][] walkable = walkableBits(1 << 12);

  private static final int WALK_PAGE_BITS = 19;
  private static final int WALK_WORD_MASK = (1 << WALK_PAGE_BITS - 6) - 1;

  private static final int BUCKET_BYTES = 5;
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int STOP = 0x80000000;

  private final int stopAbove;
  private int size;

  /** Postings [0, compacted) are in bucket order, each bucket's chain one run of slots. */
  private int compacted;

  private static final int MIN_TAIL = 1024;
  private long walked;
  private long skipped;
  private int[] cursors = new int[256];
  private int[] left = new int[256]; // postings of a hash's chain not yet walked
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
      pages[page] = new int[2 * PAGE_SIZE];
    }
    int bucket = hash28 & (buckets - 1);
    int[] p = pages[page];
    int slot = 2 * (index & PAGE_MASK);
    p[slot] = (hash28 & 0xFFFFFFF) << 4 | episode >>> 19;
    p[slot + 1] = episode << 13 | time;
    link(table, bucket, index);
    int tail = size - compacted;
    if (tail >= MIN_TAIL && tail >= compacted / 4) {
      compact();
    }
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
      left = new int[cursors.length];
      active = new int[cursors.length];
    }
    byte[] table = this.table;
    int mask = buckets - 1;
    int live = 0;
    long total = 0;
    int[] byCount = countHistogram;
    java.util.Arrays.fill(byCount, 0);
    long[][] walkable = this.walkable;
    for (int q = 0; q < n; q++) {
      int bucket = hashes28[q] & mask;
      if ((walkable[bucket >>> WALK_PAGE_BITS][bucket >>> 6 & WALK_WORD_MASK] & 1L << bucket)
          == 0) {
        skipped++; // an empty bucket or a stop word: its head is not read
        continue;
      }
      cursors[q] = head(table, bucket);
      active[live++] = q;
      int count = count(table, bucket);
      left[q] = count; // exact: a walkable bucket's count is below the saturation
      byCount[count]++;
      total += count;
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
    int compacted = this.compacted;
    int[] tailLinks = this.tailLinks;
    while (live > 0) {
      int next = 0;
      for (int k = 0; k < live; k++) {
        int q = active[k];
        int index = cursors[q] - 1;
        int[] p = pages[index >>> PAGE_BITS];
        int slot = 2 * (index & PAGE_MASK);
        int hi = p[slot];
        if (hi >>> 4 == (hashes28[q] & 0xFFFFFFF)) {
          int lo = p[slot + 1];
          visitor.visit(q, (hi & 0xF) << 19 | lo >>> 13, lo & MAX_TIME_UNITS);
        }
        int link;
        if (--left[q] == 0) {
          link = 0; // the bucket's count is its chain's length
        } else if (index >= compacted) {
          link = tailLinks[index - compacted];
        } else {
          link = index + 1 < compacted ? index + 2 : 0; // a run: the next slot
        }
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

  /**
   * Hashes that lookups probed without walking a posting so far: empty buckets and stop words (the
   * walkable bit tells them apart from the rest, not from each other), and hashes over a lookup's
   * budget.
   */
  long skipped() {
    return skipped;
  }

  int size() {
    return size;
  }

  /** Bytes held: allocated pages, the bucket table and its counts (array headers included). */
  long estimatedBytes() {
    return pageBytes() + tableBytes();
  }

  /** Bytes of the posting pages (allocated pages and the array of them) and the tail's links. */
  long pageBytes() {
    long allocated = 0;
    for (int[] page : pages) {
      if (page != null) {
        allocated++;
      }
    }
    return allocated * (PAGE_SIZE * 8L + 16) + pages.length * 4L + 16 + 16 + 4L * tailLinks.length;
  }

  /** Bytes of the bucket table (heads and counts) and its walkable bits. */
  long tableBytes() {
    return table.length + 16 + walkableBytes();
  }

  /**
   * Saves the postings and the bucket table as they are (no relinking on load); the lookup counters
   * are not state.
   */
  void writeTo(StateWriter out) {
    out.writeInt(stopAbove);
    out.writeInt(size);
    out.writeInt(buckets);
    out.writeInt(compacted);
    out.writeBytes(table, 0, table.length);
    int pagesUsed = (size + PAGE_SIZE - 1) >>> PAGE_BITS;
    for (int page = 0; page < pagesUsed; page++) {
      int inPage = Math.min(PAGE_SIZE, size - (page << PAGE_BITS));
      out.writeInts(pages[page], 2 * inPage);
    }
    out.writeInts(tailLinks, size - compacted);
  }

  static PostingStore readFrom(StateReader in) {
    PostingStore store = new PostingStore(in.readInt());
    int size = in.readInt();
    int buckets = in.readInt();
    int compacted = in.readInt();
    if (size < 0
        || buckets < 1 << 12
        || Integer.bitCount(buckets) != 1
        || compacted < 0
        || compacted > size) {
      throw in.invalid(
          "posting store: "
              + size
              + " postings ("
              + compacted
              + " compacted) in "
              + buckets
              + " buckets");
    }
    byte[] table = in.readBytes();
    if (table.length != BUCKET_BYTES * buckets) {
      throw in.invalid("posting store: bucket table of " + table.length + " bytes");
    }
    int pagesUsed = (size + PAGE_SIZE - 1) >>> PAGE_BITS;
    int[][] pages = new int[Math.max(8, Integer.highestOneBit(Math.max(1, pagesUsed)) * 2)][];
    for (int page = 0; page < pagesUsed; page++) {
      pages[page] = new int[2 * PAGE_SIZE];
      int inPage = Math.min(PAGE_SIZE, size - (page << PAGE_BITS));
      if (in.readInts(pages[page], 0) != 2 * inPage) {
        throw in.invalid("posting store: page " + page + " is short");
      }
    }
    int[] links = in.readInts();
    if (links.length != size - compacted) {
      throw in.invalid(
          "posting store: " + links.length + " tail links for a tail of " + (size - compacted));
    }
    for (int link : links) {
      if (link < 0 || link > size) {
        throw in.invalid("posting store: a tail link to " + link + " of " + size);
      }
    }
    store.tailLinks = java.util.Arrays.copyOf(links, Math.max(MIN_TAIL, links.length));
    store.table = table;
    store.buckets = buckets;
    store.walkable = walkableBits(buckets);
    for (int bucket = 0; bucket < buckets; bucket++) {
      int head = head(table, bucket);
      if (head < 0 != (count(table, bucket) > store.stopAbove)
          || head == 0 && count(table, bucket) != 0) {
        throw in.invalid("posting store: bucket " + bucket + " disagrees with its count");
      }
      store.setWalkable(bucket, head > 0);
    }
    store.pages = pages;
    store.size = size;
    store.compacted = compacted;
    return store;
  }

  /**
   * Doubles the bucket table: compacts, then splits every run in place, stably (a bucket's postings
   * go to the same or to the new upper bucket, in the same order), and relinks.
   */
  private void grow() {
    compact();
    int bit = buckets;
    int ones = 0;
    for (int index = 0; index < size; index++) {
      if ((hi(index) >>> 4 & bit) != 0) {
        ones++;
      }
    }
    int[] upper = new int[2 * ones];
    int kept = 0;
    int o = 0;
    for (int index = 0; index < size; index++) {
      int[] p = pages[index >>> PAGE_BITS];
      int slot = 2 * (index & PAGE_MASK);
      if ((p[slot] >>> 4 & bit) != 0) {
        upper[o++] = p[slot];
        upper[o++] = p[slot + 1];
      } else {
        put(kept++, p[slot], p[slot + 1]);
      }
    }
    for (int k = 0; k < ones; k++) {
      put(kept++, upper[2 * k], upper[2 * k + 1]);
    }
    buckets *= 2;
    table = new byte[BUCKET_BYTES * buckets];
    walkable = walkableBits(buckets);
    relinkRuns();
  }

  /**
   * Merges the tail into the compacted prefix: sorts the tail by bucket (newest first within one),
   * merges from the back so no unread posting is overwritten, and relinks the runs.
   */
  private void compact() {
    int t = size - compacted;
    if (t == 0) {
      return;
    }
    int mask = buckets - 1;
    long[] keys = new long[t];
    for (int k = 0; k < t; k++) {
      keys[k] = (long) (hi(compacted + k) >>> 4 & mask) << 32 | (t - 1 - k);
    }
    java.util.Arrays.sort(keys);
    int[] sorted = new int[2 * t];
    for (int k = 0; k < t; k++) {
      int index = compacted + t - 1 - (int) keys[k];
      sorted[2 * k] = hi(index);
      sorted[2 * k + 1] = lo(index);
    }
    keys = null;
    int i = compacted - 1;
    int j = t - 1;
    for (int w = size - 1; j >= 0; w--) {
      int tailHi = sorted[2 * j];
      if (i >= 0 && (hi(i) >>> 4 & mask) >= (tailHi >>> 4 & mask)) {
        put(w, hi(i), lo(i));
        i--;
      } else {
        put(w, tailHi, sorted[2 * j + 1]);
        j--;
      }
    }
    compacted = size;
    tailLinks = new int[MIN_TAIL];
    relinkRuns();
  }

  /**
   * Points each bucket of the compacted prefix (the whole store) at its run: head and saturated
   * count. A run's postings need no links (see {@link #tailLinks}).
   */
  private void relinkRuns() {
    int mask = buckets - 1;
    int index = 0;
    while (index < size) {
      int bucket = hi(index) >>> 4 & mask;
      int end = index + 1;
      while (end < size && (hi(end) >>> 4 & mask) == bucket) {
        end++;
      }
      int count = Math.min(MAX_COUNT, end - index);
      table[BUCKET_BYTES * bucket + 4] = (byte) count;
      INT.set(table, BUCKET_BYTES * bucket, count > stopAbove ? index + 1 | STOP : index + 1);
      setWalkable(bucket, count <= stopAbove);
      index = end;
    }
  }

  private int hi(int index) {
    return pages[index >>> PAGE_BITS][2 * (index & PAGE_MASK)];
  }

  private int lo(int index) {
    return pages[index >>> PAGE_BITS][2 * (index & PAGE_MASK) + 1];
  }

  private void put(int index, int hi, int lo) {
    int[] p = pages[index >>> PAGE_BITS];
    int slot = 2 * (index & PAGE_MASK);
    p[slot] = hi;
    p[slot + 1] = lo;
  }

  /** Puts a posting of the tail at the head of its bucket's chain and counts it. */
  private void link(byte[] table, int bucket, int index) {
    int t = index - compacted;
    if (t == tailLinks.length) {
      // doubles, up to a quarter of the prefix (where the tail is merged)
      int most = Math.max(t + 1, compacted / 4 + 1);
      tailLinks = java.util.Arrays.copyOf(tailLinks, Math.min(most, 2 * t));
    }
    tailLinks[t] = head(table, bucket) & ~STOP;
    int at = BUCKET_BYTES * bucket + 4;
    if (table[at] != (byte) MAX_COUNT) {
      table[at]++;
    }
    boolean stop = count(table, bucket) > stopAbove;
    INT.set(table, BUCKET_BYTES * bucket, stop ? index + 1 | STOP : index + 1);
    setWalkable(bucket, !stop);
  }

  private void setWalkable(int bucket, boolean on) {
    long[] page = walkable[bucket >>> WALK_PAGE_BITS];
    if (on) {
      page[bucket >>> 6 & WALK_WORD_MASK] |= 1L << bucket;
    } else {
      page[bucket >>> 6 & WALK_WORD_MASK] &= ~(1L << bucket);
    }
  }

  /** Cleared walkable bits for this many buckets (a power of two, at least 2^12), in pages. */
  private static long[][] walkableBits(int buckets) {
    int words = buckets >>> 6;
    int perPage = WALK_WORD_MASK + 1;
    long[][] pages = new long[Math.max(1, words / perPage)][];
    for (int i = 0; i < pages.length; i++) {
      pages[i] = new long[Math.min(perPage, words)];
    }
    return pages;
  }

  private long walkableBytes() {
    return 16 + 4L * walkable.length + walkable.length * (16 + 8L * walkable[0].length);
  }

  private static int head(byte[] table, int bucket) {
    return (int) INT.get(table, BUCKET_BYTES * bucket);
  }

  private static int count(byte[] table, int bucket) {
    return Byte.toUnsignedInt(table[BUCKET_BYTES * bucket + 4]);
  }
}
