package dev.tributary.curation.dedup;

import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Which episode ids are already decided, and which episode first carried each exact key. Held in
 * memory and rebuilt from the {@code episodes} table at start-up. Single-threaded.
 *
 * <p><b>Layout</b> (no object per episode): decided ids as 128-bit digests in one open-addressing
 * {@code long[]} table (two longs a slot, linear probing, at most 3/4 full); exact keys as 128-bit
 * digests in a second such table whose slots also hold an {@code int} offset into a byte arena with
 * the id of the key's first original (a canonical lower-case UUID as its 16 bytes, any other id as
 * its UTF-8 bytes). Per episode that is an original with a UUID id: 16 B / load for its id, 20 B /
 * load for its key, 17 B in the arena; the load is 3/8 to 3/4, so 66-96 B (measured by {@link
 * #estimatedBytes()} in {@code ExactDuplicateIndexTest}: 95.9 B at 10^6, just after a doubling, 109
 * B of heap after GC; 65.9 B at 780,000, just before one). Duplicates, rejected and quarantined
 * episodes cost only the id slot. The previous {@code HashSet}/{@code HashMap} of strings took
 * 250-350 B.
 *
 * <p><b>Why digests cannot lose data.</b> A false "already decided" would drop an episode's events;
 * a false key match would make it a duplicate without frames. Ids and keys are digested with
 * SHA-256 truncated to 128 bits (one digest per lookup, well under a microsecond). For n entries
 * the chance that any two of them share a digest is at most n^2 / 2^129: 1.5e-21 at 10^9 episodes,
 * far below the rate of undetected memory or disk errors. As the digest is cryptographic, a site
 * cannot craft an id that collides with another site's either (that would take about 2^64 SHA-256
 * evaluations). The all-zero digest marks an empty slot; a digest that is all zero is stored as
 * {@code (0, 1)} (same 2^-128 odds).
 *
 * <p>Limits: about 400 million ids or keys (3/4 of 2^29 slots), and 2 GiB of original ids in the
 * arena (about 126 million UUID ids); beyond, {@link #record} throws.
 *
 * <p><b>Why one class of ~390 lines.</b> Most of it is the two tables' shared probing and the
 * arena, the argument above, and saving/loading those arrays ({@link #writeTo}, {@link #readFrom},
 * with their checks); a split would separate the layout from the code it justifies.
 */
public final class ExactDuplicateIndex {
  private static final int MAX_CAPACITY = 1 << 29;
  private static final byte UUID_TAG = (byte) 0xFF;
  private static final byte LONG_TAG = (byte) 0xFE;

  private Digests ids = new Digests(false);
  private Digests keys = new Digests(true);
  private byte[] arena = new byte[4096];
  private int arenaSize;
  private final MessageDigest sha256;
  private final long[] digest = new long[2];

  public ExactDuplicateIndex() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Whether this episode id has already been decided (in the table or earlier in this run). */
  public boolean isDecided(String episodeId) {
    idDigest(episodeId);
    return ids.find(digest[0], digest[1]) >= 0;
  }

  /** The episode that first carried this key, if it is not {@code episodeId} itself. */
  public Optional<String> originalOf(String exactKey, String episodeId) {
    if (exactKey == null) {
      return Optional.empty();
    }
    keyDigest(exactKey);
    int slot = keys.find(digest[0], digest[1]);
    if (slot < 0) {
      return Optional.empty();
    }
    String first = idAt(keys.value(slot));
    return first.equals(episodeId) ? Optional.empty() : Optional.of(first);
  }

  /**
   * Records a decided episode.
   *
   * @param status {@link Status#ORIGINAL} for an accepted, non-duplicate episode that later copies
   *     point to
   */
  public void record(String episodeId, String exactKey, Status status) {
    idDigest(episodeId);
    ids.insertIfAbsent(digest[0], digest[1]);
    if (status == Status.ORIGINAL && exactKey != null) {
      keyDigest(exactKey);
      int slot = keys.insertIfAbsent(digest[0], digest[1]);
      if (slot >= 0) {
        keys.setValue(slot, append(episodeId));
      }
    }
  }

  public int size() {
    return ids.size;
  }

  public int keys() {
    return keys.size;
  }

  /** Bytes held by the tables and the id arena (exact: there is nothing else per episode). */
  public long estimatedBytes() {
    return ids.bytes() + keys.bytes() + 16L + arena.length;
  }

  private static final int STATE_TAG = 0x45584354; // "EXCT"
  private static final int STATE_VERSION = 1;

  /** Saves the tables and the arena as they are (bulk arrays; see {@code EpisodeIndexStore}). */
  public void writeTo(StateWriter out) {
    out.begin(STATE_TAG, STATE_VERSION);
    ids.writeTo(out);
    keys.writeTo(out);
    out.writeBytes(arena, 0, arenaSize);
  }

  /** What {@link #writeTo} saved, identical to the index that saved it. */
  public static ExactDuplicateIndex readFrom(StateReader in) {
    in.begin(STATE_TAG, "exact-duplicate index", STATE_VERSION);
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    index.ids = Digests.readFrom(in, false);
    index.keys = Digests.readFrom(in, true);
    index.arena = in.readBytes();
    index.arenaSize = index.arena.length;
    if (index.arena.length == 0) {
      index.arena = new byte[4096];
    }
    for (int slot = 0; slot < index.keys.values.length; slot++) {
      if (index.keys.occupied(slot) && index.keys.values[slot] >= index.arenaSize) {
        throw in.invalid("a key points past the id arena");
      }
    }
    return index;
  }

  private void idDigest(String episodeId) {
    byte[] d = sha256.digest(episodeId.getBytes(StandardCharsets.UTF_8));
    digest[0] = longAt(d, 0);
    digest[1] = longAt(d, 8);
  }

  /**
   * SHA-256 of the key too, rather than trusting it to be a digest already: a key that is not
   * uniformly random (a future key format, a test) must not collide on a shared prefix.
   */
  private void keyDigest(String exactKey) {
    byte[] d = sha256.digest(exactKey.getBytes(StandardCharsets.UTF_8));
    digest[0] = longAt(d, 0);
    digest[1] = longAt(d, 8);
  }

  private static long longAt(byte[] b, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  /** Appends an original's id to the arena; returns its offset. */
  private int append(String id) {
    byte[] encoded;
    if (id.length() == 36 && isCanonicalUuid(id)) {
      UUID u = UUID.fromString(id);
      encoded = new byte[17];
      encoded[0] = UUID_TAG;
      putLong(encoded, 1, u.getMostSignificantBits());
      putLong(encoded, 9, u.getLeastSignificantBits());
    } else {
      byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
      boolean small = utf8.length < (LONG_TAG & 0xFF);
      int header = small ? 1 : 5;
      encoded = new byte[header + utf8.length];
      if (small) {
        encoded[0] = (byte) utf8.length;
      } else {
        encoded[0] = LONG_TAG;
        putInt(encoded, 1, utf8.length);
      }
      System.arraycopy(utf8, 0, encoded, header, utf8.length);
    }
    if ((long) arenaSize + encoded.length > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException(
          "exact-duplicate index full: 2 GiB of original episode ids; shard the pipeline");
    }
    if (arenaSize + encoded.length > arena.length) {
      long grown = Math.max((long) arenaSize + encoded.length, arena.length + (arena.length >> 1));
      arena = Arrays.copyOf(arena, (int) Math.min(grown, Integer.MAX_VALUE - 16));
    }
    int offset = arenaSize;
    System.arraycopy(encoded, 0, arena, offset, encoded.length);
    arenaSize += encoded.length;
    return offset;
  }

  private String idAt(int offset) {
    byte tag = arena[offset];
    if (tag == UUID_TAG) {
      return new UUID(longAt(arena, offset + 1), longAt(arena, offset + 9)).toString();
    }
    if (tag == LONG_TAG) {
      int length =
          ((arena[offset + 1] & 0xFF) << 24)
              | ((arena[offset + 2] & 0xFF) << 16)
              | ((arena[offset + 3] & 0xFF) << 8)
              | (arena[offset + 4] & 0xFF);
      return new String(arena, offset + 5, length, StandardCharsets.UTF_8);
    }
    return new String(arena, offset + 1, tag & 0xFF, StandardCharsets.UTF_8);
  }

  /** Exactly what {@link UUID#toString()} prints (lower-case 8-4-4-4-12), so it round-trips. */
  private static boolean isCanonicalUuid(String s) {
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static void putLong(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }

  private static void putInt(byte[] b, int at, int v) {
    for (int i = 3; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }

  /**
   * A set of 128-bit digests, optionally with an {@code int} per digest: linear probing over one
   * {@code long[]} (hi, lo interleaved, so a probe reads one cache line), doubled at 3/4 full.
   */
  private static final class Digests {
    private final boolean withValues;
    private long[] slots = new long[2 * 1024];
    private int[] values;
    private int size;

    Digests(boolean withValues) {
      this.withValues = withValues;
      this.values = withValues ? new int[1024] : null;
    }

    /** The slot holding the digest, or -1. */
    int find(long hi, long lo) {
      if (hi == 0 && lo == 0) {
        lo = 1;
      }
      int mask = (slots.length >> 1) - 1;
      for (int s = (int) lo & mask; ; s = (s + 1) & mask) {
        long h = slots[2 * s];
        long l = slots[2 * s + 1];
        if (h == hi && l == lo) {
          return s;
        }
        if (h == 0 && l == 0) {
          return -1;
        }
      }
    }

    /** Adds the digest; returns its new slot, or -1 when it was already there. */
    int insertIfAbsent(long hi, long lo) {
      if (hi == 0 && lo == 0) {
        lo = 1;
      }
      if (4L * (size + 1) > 3L * (slots.length >> 1)) {
        grow();
      }
      int mask = (slots.length >> 1) - 1;
      int s = (int) lo & mask;
      while (slots[2 * s] != 0 || slots[2 * s + 1] != 0) {
        if (slots[2 * s] == hi && slots[2 * s + 1] == lo) {
          return -1;
        }
        s = (s + 1) & mask;
      }
      slots[2 * s] = hi;
      slots[2 * s + 1] = lo;
      size++;
      return s;
    }

    void writeTo(StateWriter out) {
      out.writeInt(size);
      out.writeLongs(slots, slots.length);
      if (withValues) {
        out.writeInts(values, values.length);
      }
    }

    static Digests readFrom(StateReader in, boolean withValues) {
      Digests d = new Digests(withValues);
      int size = in.readInt();
      long[] slots = in.readLongs();
      int capacity = slots.length >> 1;
      if (capacity < 1024 || Integer.bitCount(capacity) != 1 || 2 * capacity != slots.length) {
        throw in.invalid("digest table of " + slots.length + " longs is not a power-of-two table");
      }
      int occupied = 0;
      for (int s = 0; s < capacity; s++) {
        if (slots[2 * s] != 0 || slots[2 * s + 1] != 0) {
          occupied++;
        }
      }
      if (occupied != size || 4L * size > 3L * capacity) {
        throw in.invalid("digest table holds " + occupied + " entries, its header says " + size);
      }
      d.slots = slots;
      d.size = size;
      if (withValues) {
        d.values = in.readInts();
        if (d.values.length != capacity) {
          throw in.invalid("value table of " + d.values.length + " for " + capacity + " slots");
        }
      }
      return d;
    }

    boolean occupied(int slot) {
      return slots[2 * slot] != 0 || slots[2 * slot + 1] != 0;
    }

    int value(int slot) {
      return values[slot];
    }

    void setValue(int slot, int value) {
      values[slot] = value;
    }

    long bytes() {
      return 16L + 8L * slots.length + (withValues ? 16L + 4L * values.length : 0);
    }

    private void grow() {
      int capacity = slots.length >> 1;
      if (capacity >= MAX_CAPACITY) {
        throw new IllegalStateException(
            "exact-duplicate index full: " + size + " entries; shard the pipeline");
      }
      long[] old = slots;
      int[] oldValues = values;
      slots = new long[4 * capacity];
      values = withValues ? new int[2 * capacity] : null;
      int mask = 2 * capacity - 1;
      for (int i = 0; i < capacity; i++) {
        long hi = old[2 * i];
        long lo = old[2 * i + 1];
        if (hi == 0 && lo == 0) {
          continue;
        }
        int s = (int) lo & mask;
        while (slots[2 * s] != 0 || slots[2 * s + 1] != 0) {
          s = (s + 1) & mask;
        }
        slots[2 * s] = hi;
        slots[2 * s + 1] = lo;
        if (withValues) {
          values[s] = oldValues[i];
        }
      }
    }
  }

  /** How a decided episode takes part in duplicate detection. */
  public enum Status {
    /** Accepted (with or without flags): later episodes with its key are its duplicates. */
    ORIGINAL,
    /** Duplicate, rejected or otherwise not a reference for later copies. */
    OTHER
  }
}
