package dev.tributary.curation.dedup;

import java.util.Arrays;

/**
 * Votes of one query: for each (stored episode, offset bin) how many query hashes agree, in a
 * reusable open-addressing table of primitive keys. A true copy piles its votes into one offset
 * (stored time minus query time); chance hash collisions scatter over many.
 */
final class OffsetVotes {
  /** Offset bins of 0.1 s: twice the anchor-time unit, so rounding rarely splits a copy's votes. */
  static final double BIN_S = 0.1;

  private static final int OFFSET_BIAS = 1 << 15;
  private long[] keys = new long[1 << 10];
  private int[] counts = new int[1 << 10];
  private int[] used = new int[1 << 9];
  private int size;

  void clear() {
    for (int i = 0; i < size; i++) {
      keys[used[i]] = 0;
      counts[used[i]] = 0;
    }
    size = 0;
  }

  void vote(int episode, double offsetS) {
    int bin = (int) Math.round(offsetS / BIN_S) + OFFSET_BIAS;
    add(((long) episode << 16 | bin) + 1, 1);
  }

  private void add(long key, int n) {
    if (2 * (size + 1) > keys.length) {
      rehash();
    }
    int mask = keys.length - 1;
    int slot = (int) LandmarkHashes.mix(key) & mask;
    while (keys[slot] != 0 && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    if (keys[slot] == 0) {
      keys[slot] = key;
      if (size == used.length) {
        used = Arrays.copyOf(used, used.length * 2);
      }
      used[size++] = slot;
    }
    counts[slot] += n;
  }

  private int get(long key) {
    int mask = keys.length - 1;
    int slot = (int) LandmarkHashes.mix(key) & mask;
    while (keys[slot] != 0) {
      if (keys[slot] == key) {
        return counts[slot];
      }
      slot = (slot + 1) & mask;
    }
    return 0;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldCounts = counts;
    int[] oldUsed = used;
    int oldSize = size;
    keys = new long[oldKeys.length * 2];
    counts = new int[oldKeys.length * 2];
    used = new int[Math.max(used.length, oldKeys.length)];
    size = 0;
    for (int i = 0; i < oldSize; i++) {
      add(oldKeys[oldUsed[i]], oldCounts[oldUsed[i]]);
    }
  }

  /** Receives each episode's best offset and its votes (that bin plus both neighbours). */
  interface Consumer {
    void accept(int episode, double offsetS, int votes);
  }

  /** Calls back once per (episode, offset bin) with the votes of the bin and its neighbours. */
  void forEachBin(Consumer consumer) {
    for (int i = 0; i < size; i++) {
      long stored = keys[used[i]];
      long key = stored - 1;
      int episode = (int) (key >>> 16);
      int bin = (int) (key & 0xFFFF);
      int votes = counts[used[i]] + get(stored - 1) + get(stored + 1);
      consumer.accept(episode, (bin - OFFSET_BIAS) * BIN_S, votes);
    }
  }
}
