package dev.tributary.curation.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order the benchmark indexes originals in, as {site, take} pairs of a list of sites' takes. By
 * default site after site, each site's takes in order (one site uploads, then the next). With
 * {@code -Dtributary.bench.interleaved=true}, one take of every site in turn (many sites uploading
 * at once at one rate: a site's k-th take lies about one site count after its (k-1)-th, while sites
 * that have takes left remain). With {@code -Dtributary.bench.interleavedSpread=true} as well,
 * every site's takes spread evenly over the whole order (every site uploading at its own steady
 * rate over the same period, its last take near the end: take k of a site of n takes at (k + 1/2) /
 * n of the way, ties in site order), so a site of n takes among N has ~N / n other episodes between
 * two of its takes, however many takes the other sites have.
 */
final class IndexingOrder {
  private IndexingOrder() {}

  static <T> List<int[]> of(List<List<T>> sites) {
    List<int[]> order = new ArrayList<>();
    if (!Boolean.getBoolean("tributary.bench.interleaved")) {
      for (int s = 0; s < sites.size(); s++) {
        for (int k = 0; k < sites.get(s).size(); k++) {
          order.add(new int[] {s, k});
        }
      }
      return order;
    }
    int most = sites.stream().mapToInt(List::size).max().orElse(0);
    for (int k = 0; k < most; k++) {
      for (int s = 0; s < sites.size(); s++) {
        if (k < sites.get(s).size()) {
          order.add(new int[] {s, k});
        }
      }
    }
    if (Boolean.getBoolean("tributary.bench.interleavedSpread")) {
      // A stable sort: ties (equal shares) keep the round-robin order.
      order.sort(Comparator.comparingDouble(at -> (at[1] + 0.5) / sites.get(at[0]).size()));
    }
    return order;
  }
}
