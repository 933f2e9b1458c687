package dev.tributary.curation.diversity;

import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Episode novelty: the mean distance to the {@code k} nearest accepted episodes of the same robot
 * type and task. Each group keeps a bounded, deterministic reservoir sample of its vectors (so
 * memory does not grow with the corpus and a rebuild from the table yields the same sample for the
 * same order); the brute-force search over at most {@code capacity} vectors costs well under a
 * millisecond. Single-threaded.
 */
public final class NoveltyIndex {
  /** Distance between two unrelated (orthogonal) unit vectors: novelty 1. */
  private static final double UNRELATED = Math.sqrt(2);

  private final int k;
  private final int capacity;
  private final Map<String, Group> groups = new HashMap<>();

  public NoveltyIndex(int k, int capacity) {
    if (k < 1 || capacity < k) {
      throw new IllegalArgumentException("need 1 <= k <= capacity, got k=" + k + " " + capacity);
    }
    this.k = k;
    this.capacity = capacity;
  }

  public NoveltyIndex() {
    this(5, 2048);
  }

  /** The group episodes are compared within: robot type and normalised task text. */
  public static String group(String robotType, String task) {
    String t = task == null ? "" : task.trim().toLowerCase(Locale.ROOT);
    return (robotType == null ? "" : robotType) + "|" + t.replaceAll("\\s+", " ");
  }

  /**
   * Novelty in [0, 1] of a vector against what the group holds: 1 for the first of its kind or
   * anything as far as an unrelated episode, 0 for an exact copy.
   */
  public double novelty(String group, float[] vector) {
    Group g = groups.get(group);
    if (g == null || g.size == 0) {
      return 1.0;
    }
    int n = Math.min(k, g.size);
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.MAX_VALUE);
    for (int i = 0; i < g.size; i++) {
      double d = DiversityVector.distance(vector, g.vectors[i]);
      if (d < nearest[n - 1]) {
        int at = n - 1;
        while (at > 0 && nearest[at - 1] > d) {
          nearest[at] = nearest[at - 1];
          at--;
        }
        nearest[at] = d;
      }
    }
    double mean = 0;
    for (double d : nearest) {
      mean += d;
    }
    mean /= n;
    return Math.min(1.0, mean / UNRELATED);
  }

  /** Adds an accepted episode (reservoir sampling keyed by the episode id's hash). */
  public void add(String group, String episodeId, float[] vector) {
    Group g = groups.computeIfAbsent(group, x -> new Group(capacity));
    g.seen++;
    if (g.size < capacity) {
      if (g.size == g.vectors.length) {
        g.vectors = Arrays.copyOf(g.vectors, Math.min(capacity, 2 * g.vectors.length));
      }
      g.vectors[g.size++] = vector;
      return;
    }
    long slot = Long.remainderUnsigned(hash(episodeId), g.seen);
    if (slot < capacity) {
      g.vectors[(int) slot] = vector;
    }
  }

  public int groups() {
    return groups.size();
  }

  /** Vectors held, over all groups. */
  public long size() {
    long n = 0;
    for (Group g : groups.values()) {
      n += g.size;
    }
    return n;
  }

  private static final int STATE_TAG = 0x4E4F564C; // "NOVL"
  private static final int STATE_VERSION = 1;

  /** Saves k, the capacity and every group's reservoir (its vectors in slot order) and count. */
  public void writeTo(StateWriter out) {
    out.begin(STATE_TAG, STATE_VERSION);
    out.writeInt(k);
    out.writeInt(capacity);
    out.writeInt(groups.size());
    for (Map.Entry<String, Group> e : new TreeMap<>(groups).entrySet()) {
      Group g = e.getValue();
      out.writeString(e.getKey());
      out.writeLong(g.seen);
      out.writeInt(g.size);
      for (int i = 0; i < g.size; i++) {
        out.writeFloats(g.vectors[i], g.vectors[i].length);
      }
    }
  }

  /** What {@link #writeTo} saved: the same reservoirs, so later samples and scores are the same. */
  public static NoveltyIndex readFrom(StateReader in) {
    in.begin(STATE_TAG, "novelty index", STATE_VERSION);
    int k = in.readInt();
    int capacity = in.readInt();
    if (k < 1 || capacity < k) {
      throw in.invalid("k=" + k + ", capacity=" + capacity);
    }
    NoveltyIndex index = new NoveltyIndex(k, capacity);
    int groups = in.length(in.readInt(), 12);
    for (int i = 0; i < groups; i++) {
      String name = in.readString();
      Group g = new Group(capacity);
      g.seen = in.readLong();
      g.size = in.readInt();
      if (g.size < 0 || g.size > capacity || g.seen < g.size) {
        throw in.invalid("group " + name + ": " + g.size + " vectors of " + g.seen + " seen");
      }
      g.vectors = new float[Math.max(g.size, Math.min(capacity, 16))][];
      for (int v = 0; v < g.size; v++) {
        g.vectors[v] = in.readFloats();
      }
      index.groups.put(name, g);
    }
    return index;
  }

  private static long hash(String id) {
    CRC32C crc = new CRC32C();
    crc.update(id.getBytes(StandardCharsets.UTF_8));
    return crc.getValue() * 0x9E3779B97F4A7C15L >>> 1;
  }

  private static final class Group {
    float[][] vectors;
    int size;
    long seen;

    Group(int capacity) {
      vectors = new float[Math.min(capacity, 16)][];
    }
  }
}
