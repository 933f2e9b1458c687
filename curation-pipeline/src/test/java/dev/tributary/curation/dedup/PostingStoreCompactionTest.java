package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compaction moves postings, never what lookups see: every batch visits the same postings in the
 * same order as the chained store did (a bucket's chain newest first, one step per hash per round,
 * stop words and the read budget ranked by the same counts, the same hashes left unwalked, the same
 * postings read), checked against a plain model through many compactions, table doublings and a
 * save and load (which rebuilds the walkable bits).
 */
class PostingStoreCompactionTest {

  private static final int STOP_ABOVE = 12;

  /** The chained store's behaviour, written plainly: every posting in insertion order. */
  private static final class Model {
    final List<int[]> postings = new ArrayList<>(); // {hash28, episode, timeUnits}
    int buckets = 1 << 12;
    long notWalked; // hashes probed without a walk: empty buckets, stop words, over the budget
    long walked; // postings read by walks, matching or not

    void add(int hash28, int episode, int timeUnits) {
      if (postings.size() >= 2 * buckets) {
        buckets *= 2;
      }
      postings.add(new int[] {hash28, episode, timeUnits});
    }

    /** The bucket's chain: newest first. */
    List<int[]> chain(int hash28) {
      int mask = buckets - 1;
      List<int[]> chain = new ArrayList<>();
      for (int i = postings.size() - 1; i >= 0; i--) {
        if ((postings.get(i)[0] & mask) == (hash28 & mask)) {
          chain.add(postings.get(i));
        }
      }
      return chain;
    }

    List<String> visit(int[] hashes, int budget) {
      List<List<int[]>> chains = new ArrayList<>();
      List<Integer> live = new ArrayList<>();
      long total = 0;
      int[] byCount = new int[PostingStore.MAX_COUNT + 1];
      for (int q = 0; q < hashes.length; q++) {
        List<int[]> chain = chain(hashes[q]);
        chains.add(chain);
        int count = Math.min(PostingStore.MAX_COUNT, chain.size());
        if (!chain.isEmpty() && count <= STOP_ABOVE) {
          live.add(q);
          byCount[count]++;
          total += count;
        }
      }
      if (total > budget) {
        long sum = 0;
        int limit = 0;
        for (int c = 1; c <= PostingStore.MAX_COUNT; c++) {
          if (sum + (long) c * byCount[c] > budget) {
            break;
          }
          sum += (long) c * byCount[c];
          limit = c;
        }
        int keep = limit;
        live.removeIf(q -> chains.get(q).size() > keep);
      }
      notWalked += hashes.length - live.size();
      for (int q : live) {
        walked += chains.get(q).size();
      }
      List<String> seen = new ArrayList<>();
      for (int round = 0; ; round++) {
        boolean any = false;
        for (int q : live) {
          if (round < chains.get(q).size()) {
            any = true;
            int[] p = chains.get(q).get(round);
            if (p[0] == hashes[q]) {
              seen.add(q + ":" + p[1] + "@" + p[2]);
            }
          }
        }
        if (!any) {
          return seen;
        }
      }
    }
  }

  private static List<String> visit(PostingStore store, int[] hashes, int budget) {
    List<String> seen = new ArrayList<>();
    store.visitAll(hashes, hashes.length, budget, (q, e, t) -> seen.add(q + ":" + e + "@" + t));
    return seen;
  }

  private static PostingStore saveAndLoad(PostingStore store) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (StateWriter out = new StateWriter(buffer)) {
      store.writeTo(out);
    }
    byte[] bytes = buffer.toByteArray();
    try (StateReader in = new StateReader(new ByteArrayInputStream(bytes), bytes.length)) {
      return PostingStore.readFrom(in);
    }
  }

  @Test
  void lookupsSeeTheSamePostingsInTheSameOrderAsTheChainedStore() {
    Random random = new Random(16);
    PostingStore store = new PostingStore(STOP_ABOVE);
    Model model = new Model();
    List<Integer> used = new ArrayList<>();
    int[] checkpoints = {500, 3_000, 9_000, 20_000, 45_000, 70_000};
    int added = 0;
    int checked = 0;
    for (int checkpoint : checkpoints) {
      while (added < checkpoint) {
        // Hashes in a small range (buckets collide), a few of them frequent (stop words).
        int hash =
            random.nextInt(10) == 0 ? random.nextInt(40) * 7919 : random.nextInt(1 << 17) * 3 + 1;
        int time = random.nextInt(PostingStore.MAX_TIME_UNITS + 1);
        store.add(hash, added, time * PostingStore.TIME_UNIT_S);
        model.add(hash, added, time);
        used.add(hash);
        added++;
      }
      if (checkpoint == 20_000) {
        store = saveAndLoad(store);
      }
      for (int lookup = 0; lookup < 40; lookup++) {
        int[] hashes = new int[30];
        for (int k = 0; k < hashes.length; k++) {
          hashes[k] =
              random.nextBoolean()
                  ? used.get(random.nextInt(used.size()))
                  : random.nextInt(1 << 17) * 3 + 1;
        }
        for (int budget : new int[] {Integer.MAX_VALUE, 40}) {
          long skipped = store.skipped();
          long notWalked = model.notWalked;
          long walked = store.walked();
          long modelWalked = model.walked;
          List<String> expected = model.visit(hashes, budget);
          assertThat(visit(store, hashes, budget)).containsExactlyElementsOf(expected);
          assertThat(store.skipped() - skipped).isEqualTo(model.notWalked - notWalked);
          assertThat(store.walked() - walked).isEqualTo(model.walked - modelWalked);
          checked += expected.size();
        }
      }
    }
    assertThat(store.size()).isEqualTo(added);
    assertThat(checked).isGreaterThan(1_000);
  }
}
