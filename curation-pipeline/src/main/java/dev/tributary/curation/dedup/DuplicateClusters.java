package dev.tributary.curation.dedup;

import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.util.Arrays;

/**
 * Duplicate clusters over dense episode numbers (union-find with path halving and union by size),
 * each with its representative: the longest episode, then the higher quality score, then the
 * earliest added. Longest first because a trimmed copy's original (or a concatenation) contains the
 * others, so keeping it loses no demonstration. 20 bytes per episode in five primitive arrays.
 */
public final class DuplicateClusters {
  private int[] parent = new int[1024];
  private int[] clusterSize = new int[1024];
  private int[] representative = new int[1024];
  private float[] durationS = new float[1024];
  private float[] quality = new float[1024];
  private int size;

  /** Adds an episode as a cluster of its own; returns its number (0, 1, 2, ... in order added). */
  public int add(double durationSeconds, double qualityScore) {
    if (size == parent.length) {
      int capacity = size + (size >> 1);
      parent = Arrays.copyOf(parent, capacity);
      clusterSize = Arrays.copyOf(clusterSize, capacity);
      representative = Arrays.copyOf(representative, capacity);
      durationS = Arrays.copyOf(durationS, capacity);
      quality = Arrays.copyOf(quality, capacity);
    }
    int e = size++;
    parent[e] = e;
    clusterSize[e] = 1;
    representative[e] = e;
    durationS[e] = (float) durationSeconds;
    quality[e] = (float) qualityScore;
    return e;
  }

  /**
   * Merges the clusters of two episodes.
   *
   * @return the representative of the two that is no longer one, or -1 if they were already in one
   *     cluster
   */
  public int link(int a, int b) {
    int ra = root(a);
    int rb = root(b);
    if (ra == rb) {
      return -1;
    }
    int repA = representative[ra];
    int repB = representative[rb];
    int winner = better(repA, repB) ? repA : repB;
    int loser = winner == repA ? repB : repA;
    if (clusterSize[ra] < clusterSize[rb]) {
      int t = ra;
      ra = rb;
      rb = t;
    }
    parent[rb] = ra;
    clusterSize[ra] += clusterSize[rb];
    representative[ra] = winner;
    return loser;
  }

  /**
   * Whether an episode added now with these values, then linked to {@code e}, would become the
   * representative of {@code e}'s cluster. A newcomer is added last, so it loses every full tie.
   */
  public boolean newcomerWouldRepresent(int e, double durationSeconds, double qualityScore) {
    int rep = representativeOf(e);
    float d = (float) durationSeconds;
    float q = (float) qualityScore;
    return d != durationS[rep] ? d > durationS[rep] : q > quality[rep];
  }

  public int representativeOf(int e) {
    return representative[root(e)];
  }

  public int clusterSizeOf(int e) {
    return clusterSize[root(e)];
  }

  public int size() {
    return size;
  }

  long estimatedBytes() {
    return 5L * (16 + 4L * parent.length);
  }

  /** Saves the five arrays as they are (the union-find's partly halved paths included). */
  void writeTo(StateWriter out) {
    out.writeInts(parent, size);
    out.writeInts(clusterSize, size);
    out.writeInts(representative, size);
    out.writeFloats(durationS, size);
    out.writeFloats(quality, size);
  }

  static DuplicateClusters readFrom(StateReader in) {
    DuplicateClusters c = new DuplicateClusters();
    int[] parent = in.readInts();
    int n = parent.length;
    int[] clusterSize = in.readInts();
    int[] representative = in.readInts();
    float[] durationS = in.readFloats();
    float[] quality = in.readFloats();
    if (clusterSize.length != n
        || representative.length != n
        || durationS.length != n
        || quality.length != n) {
      throw in.invalid("duplicate clusters: arrays of different lengths");
    }
    for (int e = 0; e < n; e++) {
      if (parent[e] < 0 || parent[e] >= n || representative[e] < 0 || representative[e] >= n) {
        throw in.invalid("duplicate clusters: a link out of range at " + e);
      }
    }
    int capacity = Math.max(1024, n);
    c.parent = Arrays.copyOf(parent, capacity);
    c.clusterSize = Arrays.copyOf(clusterSize, capacity);
    c.representative = Arrays.copyOf(representative, capacity);
    c.durationS = Arrays.copyOf(durationS, capacity);
    c.quality = Arrays.copyOf(quality, capacity);
    c.size = n;
    return c;
  }

  private boolean better(int x, int y) {
    if (durationS[x] != durationS[y]) {
      return durationS[x] > durationS[y];
    }
    if (quality[x] != quality[y]) {
      return quality[x] > quality[y];
    }
    return x < y;
  }

  private int root(int e) {
    while (parent[e] != e) {
      parent[e] = parent[parent[e]];
      e = parent[e];
    }
    return e;
  }
}
