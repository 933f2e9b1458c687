package dev.tributary.curation.dedup;

/**
 * The inverted index hash -> (episode, anchor time), in primitive arrays: each posting is one
 * {@code long} (hash 28 bits | episode 23 bits | anchor time 13 bits in 50 ms units) plus an {@code
 * int} link to the previous posting of the same bucket, and a bucket table of {@code int} heads
 * that doubles when it averages two postings per bucket. About 14-16 bytes per posting, no boxing,
 * no per-posting objects. Postings live in fixed 64 Ki-entry pages so growth never copies them.
 */
final class PostingStore {
  static final int MAX_EPISODES = (1 << 23) - 1;
  static final double TIME_UNIT_S = 0.05;
  static final int MAX_TIME_UNITS = (1 << 13) - 1;

  private static final int PAGE_BITS = 16;
  private static final int PAGE_SIZE = 1 << PAGE_BITS;
  private static final int PAGE_MASK = PAGE_SIZE - 1;

  private long[][] postings = new long[8][];
  private int[][] links = new int[8][];
  private int[] heads = new int[1 << 12];
  private byte[] counts = new byte[1 << 12];
  private int size;
  private long walked;

  /** Receives the postings of one hash. */
  interface Visitor {
    void visit(int episode, int timeUnits);
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
    if (size >= 2 * heads.length && heads.length < 1 << 28) {
      grow();
    }
    int index = size++;
    int page = index >>> PAGE_BITS;
    if (page == postings.length) {
      postings = java.util.Arrays.copyOf(postings, page * 2);
      links = java.util.Arrays.copyOf(links, page * 2);
    }
    if (postings[page] == null) {
      postings[page] = new long[PAGE_SIZE];
      links[page] = new int[PAGE_SIZE];
    }
    long entry = (long) (hash28 & 0xFFFFFFF) << 36 | (long) episode << 13 | time;
    int bucket = hash28 & (heads.length - 1);
    postings[page][index & PAGE_MASK] = entry;
    links[page][index & PAGE_MASK] = heads[bucket];
    heads[bucket] = index + 1;
    if (counts[bucket] != (byte) 0xFF) {
      counts[bucket]++;
    }
  }

  /**
   * Visits the postings of a hash, newest first, at most {@code limit} of them: a hash shared by
   * very many episodes (a common motion) says little and would make lookups linear in the corpus.
   *
   * @return how many postings matched the hash
   */
  int visit(int hash28, int limit, Visitor visitor) {
    int target = hash28 & 0xFFFFFFF;
    int matched = 0;
    int bucket = hash28 & (heads.length - 1);
    if (Byte.toUnsignedInt(counts[bucket]) > limit) {
      return -1;
    }
    for (int i = heads[bucket]; i != 0; ) {
      int index = i - 1;
      long entry = postings[index >>> PAGE_BITS][index & PAGE_MASK];
      if ((int) (entry >>> 36) == target) {
        visitor.visit((int) (entry >>> 13) & MAX_EPISODES, (int) entry & MAX_TIME_UNITS);
        matched++;
      }
      i = links[index >>> PAGE_BITS][index & PAGE_MASK];
      walked++;
    }
    return matched;
  }

  /** Postings visited by lookups so far (chain entries walked, matching or not). */
  long walked() {
    return walked;
  }

  int size() {
    return size;
  }

  /** Bytes held: allocated pages and the bucket table (array headers included). */
  long estimatedBytes() {
    long pages = 0;
    for (long[] page : postings) {
      if (page != null) {
        pages++;
      }
    }
    return pages * (PAGE_SIZE * 12L + 32) + postings.length * 16L + heads.length * 5L + 32;
  }

  /** Doubles the bucket table and relinks every posting (its hash is in the entry). */
  private void grow() {
    int[] bigger = new int[heads.length * 2];
    byte[] biggerCounts = new byte[bigger.length];
    int mask = bigger.length - 1;
    for (int index = 0; index < size; index++) {
      long entry = postings[index >>> PAGE_BITS][index & PAGE_MASK];
      int bucket = (int) (entry >>> 36) & mask;
      links[index >>> PAGE_BITS][index & PAGE_MASK] = bigger[bucket];
      bigger[bucket] = index + 1;
      if (biggerCounts[bucket] != (byte) 0xFF) {
        biggerCounts[bucket]++;
      }
    }
    heads = bigger;
    counts = biggerCounts;
  }
}
