package dev.tributary.curation.dedup;

import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Episode id <-> dense number, without boxed maps or a {@code String} per episode: the ids' UTF-8
 * bytes back to back in one arena with an end offset per number, and an open-addressing table of
 * numbers keyed by the id's hash. About 45 bytes per episode for a UUID id (36 bytes, its offset,
 * two or more table slots), against ~90 with a {@code String} each (object, array, reference).
 */
final class EpisodeIds {
  private byte[] arena = new byte[1 << 14];
  private int[] ends = new int[1024];
  private int[] slots = new int[2048];
  private int size;

  /** The number of an id, or -1. */
  int indexOf(String id) {
    byte[] key = id.getBytes(StandardCharsets.UTF_8);
    int mask = slots.length - 1;
    for (int slot = spread(hash(key, 0, key.length)) & mask;
        slots[slot] != 0;
        slot = (slot + 1) & mask) {
      int e = slots[slot] - 1;
      int from = start(e);
      if (Arrays.equals(arena, from, ends[e], key, 0, key.length)) {
        return e;
      }
    }
    return -1;
  }

  /** Adds a new id (the caller checked it is absent); returns its number. */
  int add(String id) {
    byte[] key = id.getBytes(StandardCharsets.UTF_8);
    int from = size == 0 ? 0 : ends[size - 1];
    if (from + key.length > arena.length) {
      long wanted = Math.max(from + (long) key.length, arena.length + ((long) arena.length >> 1));
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("episode ids exceed 2 GiB: shard the index (README)");
      }
      arena = Arrays.copyOf(arena, (int) wanted);
    }
    System.arraycopy(key, 0, arena, from, key.length);
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, size + (size >> 1));
    }
    ends[size] = from + key.length;
    size++;
    if (2 * size > slots.length) {
      slots = new int[slots.length * 2];
      for (int i = 0; i < size; i++) {
        insert(i);
      }
    } else {
      insert(size - 1);
    }
    return size - 1;
  }

  String id(int index) {
    int from = start(index);
    return new String(arena, from, ends[index] - from, StandardCharsets.UTF_8);
  }

  int size() {
    return size;
  }

  /** The arrays as allocated (the arena's spare room included). */
  long estimatedBytes() {
    return 16 + (long) arena.length + 16 + 4L * ends.length + 16 + 4L * slots.length;
  }

  /** Saves the arena, the end offsets and the hash table as they are. */
  void writeTo(StateWriter out) {
    out.writeInt(size);
    out.writeBytes(arena, 0, size == 0 ? 0 : ends[size - 1]);
    out.writeInts(ends, size);
    out.writeInts(slots, slots.length);
  }

  static EpisodeIds readFrom(StateReader in) {
    EpisodeIds ids = new EpisodeIds();
    int size = in.readInt();
    byte[] arena = in.readBytes();
    int[] ends = in.readInts();
    int[] slots = in.readInts();
    if (ends.length != size
        || (size > 0 && ends[size - 1] != arena.length)
        || slots.length < 2048
        || Integer.bitCount(slots.length) != 1
        || 2 * size > slots.length) {
      throw in.invalid(
          "episode ids: " + size + " ids, " + ends.length + " ends, table " + slots.length);
    }
    for (int i = 0; i < size; i++) {
      if (ends[i] < (i == 0 ? 0 : ends[i - 1])) {
        throw in.invalid("episode ids: end offsets go backwards at " + i);
      }
    }
    ids.arena = arena.length == 0 ? new byte[1 << 14] : arena;
    ids.ends = Arrays.copyOf(ends, Math.max(1024, size));
    ids.slots = slots;
    ids.size = size;
    return ids;
  }

  private int start(int index) {
    return index == 0 ? 0 : ends[index - 1];
  }

  private void insert(int index) {
    int mask = slots.length - 1;
    int from = start(index);
    int slot = spread(hash(arena, from, ends[index])) & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = index + 1;
  }

  private static int hash(byte[] bytes, int from, int to) {
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + bytes[i];
    }
    return h;
  }

  private static int spread(int h) {
    return (int) LandmarkHashes.mix(h);
  }
}
