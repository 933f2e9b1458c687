package dev.tributary.curation.dedup;

import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The site each indexed episode was uploaded by, and each site's episodes in the order indexed
 * (issue 16, twentieth round): {@link OneVoteRivals} looks for a matched episode's twins among the
 * takes of its own site, which many sites uploading at once spread far apart in the index's order.
 * A small dictionary of site ids to numbers, and per episode its site's number and the previous and
 * next episode of that site (12 bytes per episode). An episode added without a site (null) belongs
 * to the unnamed site, so an index fed no sites chains every episode in the order indexed, as
 * before.
 */
final class EpisodeSites {
  private final Map<String, Integer> numbers = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private int[] lastOfSite = new int[16];
  private int[] siteOf = new int[1024];
  private int[] previous = new int[1024];
  private int[] next = new int[1024];
  private int size;

  /** Records that episode {@code size()} (the next number) was uploaded by {@code siteId}. */
  void add(String siteId) {
    int site = numbers.computeIfAbsent(siteId == null ? "" : siteId, this::newSite);
    if (size == siteOf.length) {
      int capacity = size + (size >> 1);
      siteOf = Arrays.copyOf(siteOf, capacity);
      previous = Arrays.copyOf(previous, capacity);
      next = Arrays.copyOf(next, capacity);
    }
    int e = size++;
    siteOf[e] = site;
    int last = lastOfSite[site];
    previous[e] = last;
    next[e] = -1;
    if (last >= 0) {
      next[last] = e;
    }
    lastOfSite[site] = e;
  }

  private int newSite(String name) {
    int site = names.size();
    names.add(name);
    if (site == lastOfSite.length) {
      lastOfSite = Arrays.copyOf(lastOfSite, 2 * site);
    }
    lastOfSite[site] = -1;
    return site;
  }

  int size() {
    return size;
  }

  /** The site id an episode was added with ("" when none). */
  String siteOf(int episode) {
    return names.get(siteOf[episode]);
  }

  /** The number of the site an episode was added with (0, 1, ... in order of first use). */
  int siteNumberOf(int episode) {
    return siteOf[episode];
  }

  /** The episode of the same site indexed just before {@code episode}, or -1. */
  int previous(int episode) {
    return previous[episode];
  }

  /** The episode of the same site indexed just after {@code episode}, or -1. */
  int next(int episode) {
    return next[episode];
  }

  /** Heap held: the three per-episode arrays and the dictionary (about 64 bytes a site). */
  long estimatedBytes() {
    return 3 * (16 + 4L * siteOf.length) + 16 + 4L * lastOfSite.length + 64L * names.size();
  }

  /** Saves the site ids and each episode's site number (the chains are rebuilt on reading). */
  void writeTo(StateWriter out) {
    out.writeInt(names.size());
    for (String name : names) {
      out.writeString(name);
    }
    out.writeInts(siteOf, size);
  }

  /** What {@link #writeTo} saved. */
  static EpisodeSites readFrom(StateReader in) {
    EpisodeSites sites = new EpisodeSites();
    int count = in.length(in.readInt(), 4);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(in.readString());
    }
    for (String name : names) {
      sites.numbers.put(name, sites.newSite(name));
    }
    if (sites.numbers.size() != count) {
      throw in.invalid("a site id saved twice");
    }
    for (int site : in.readInts()) {
      if (site < 0 || site >= count) {
        throw in.invalid("an episode of site " + site + ", of " + count + " saved");
      }
      sites.add(names.get(site));
    }
    return sites;
  }
}
