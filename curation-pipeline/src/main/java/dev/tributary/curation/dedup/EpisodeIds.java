package dev.tributary.curation.dedup;

import java.util.Arrays;

/**
 * Episode id <-> dense number, without boxed maps: ids in an array, and an open-addressing table of
 * numbers keyed by the id's hash (about 4 bytes per episode besides the strings themselves).
 */
final class EpisodeIds {
  private String[] ids = new String[1024];
  private int[] slots = new int[2048];
  private int size;

  /** The number of an id, or -1. */
  int indexOf(String id) {
    int mask = slots.length - 1;
    for (int slot = spread(id.hashCode()) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
      if (ids[slots[slot] - 1].equals(id)) {
        return slots[slot] - 1;
      }
    }
    return -1;
  }

  /** Adds a new id (the caller checked it is absent); returns its number. */
  int add(String id) {
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size + (size >> 1));
    }
    ids[size] = id;
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
    return ids[index];
  }

  int size() {
    return size;
  }

  /** Arrays plus the id strings (Latin-1 compact strings: 24 + 16 + length bytes each). */
  long estimatedBytes() {
    long strings = 0;
    for (int i = 0; i < size; i++) {
      strings += 40 + ((ids[i].length() + 7) & ~7);
    }
    return 16 + 4L * ids.length + 16 + 4L * slots.length + strings;
  }

  private void insert(int index) {
    int mask = slots.length - 1;
    int slot = spread(ids[index].hashCode()) & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = index + 1;
  }

  private static int spread(int h) {
    return (int) LandmarkHashes.mix(h);
  }
}
