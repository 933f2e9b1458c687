package dev.tributary.curation.dedup;

import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.util.Arrays;

/**
 * The few-joint stretch postings ({@link FewJointStretchLandmarks}) of an index, in a {@link
 * PostingStore} of their own: its own bucket table, counts and stop words, and its own read budget
 * per lookup ({@code maxReadsPerQueryHash} per hash of its own).
 *
 * <p>Why a separate store (issue 16, twentieth round): in the nineteenth round these postings lived
 * in the index's one store, and although their hashes never equal another kind's ({@link
 * FewJointStretchLandmarks#SALT}), every other lookup still read a different store: more postings
 * move the table's doublings and so which hashes share a bucket, the buckets' counts (the rank by
 * which a lookup walks its rarest hashes first within its budget) and which buckets are stop words.
 * peak19's 8-per-second version lost a 6-joint WIPE copy on round 14 that way with the postings
 * stored and never probed (BENCHMARKS.md, "Nineteenth round (peak19)"). (Round 15's concatenation
 * part, which the peak20 trial also put down to the shared store, was lost on the query side: see
 * {@link #inside}.) Here the index's store holds exactly what it held before, so every lookup that
 * does not probe this one reads exactly what it read before, and on data without stored takes of at
 * most {@link FewJointStretchLandmarks#MAX_JOINTS} joints over {@link ShortTakeLandmarks#MAX_S}
 * this store stays empty (it is not even allocated).
 *
 * <p>Probed only by a whole new episode's three-moment lookups (the first pass and the one-vote
 * retry) of a query that {@link FewJointStretchLandmarks#looksUp}: not by the two-moment pass, not
 * by {@link StretchLookups}' stretches of a concatenation. Its votes join the lookup's votes
 * ({@link OffsetVotes}) after the index's own.
 */
final class FewJointStretchPostings {
  private final int stopAbove;
  private PostingStore store; // null until the first posting
  private int[] hashes = new int[64];
  private double[] anchors = new double[64];
  private int size;

  /**
   * @param stopAbove the index's {@code maxPostingsPerHash}: a bucket of this store with more
   *     postings is a stop word of this store
   */
  FewJointStretchPostings(int stopAbove) {
    this.stopAbove = stopAbove;
  }

  /** Receives a vote: a stored episode and the offset a shared hash implies. */
  interface Voter {
    void vote(int episode, double offsetS);
  }

  /** The span of a stored episode's coarse copy, in seconds. */
  interface Spans {
    double spanS(int episode);
  }

  /**
   * How far a query may reach past either end of a stored take and still vote here: two offset bins
   * ({@link OffsetVotes#BIN_S}), for the rounding of the offset and of the cut.
   */
  static final double REACH_S = 2 * OffsetVotes.BIN_S;

  /**
   * Whether a query of this span, placed at this offset on a stored take of that span, lies inside
   * it (within {@link #REACH_S}). These postings are for a clip of a longer take: a query that
   * reaches past the stored take's ends is not a clip of it, and its votes here only add rivals.
   * Round 15 (3 draws, permissive index): a 2.40 s concatenation of two 1.4 s and 1.1 s exoskeleton
   * takes got votes here for a 1.79 s take of another task, confirmed it at 0.987, and so no longer
   * reached the one-vote retry that finds its first part (BENCHMARKS.md, "Twentieth round
   * (stash21)").
   */
  static boolean inside(double offsetS, double querySpanS, double storedSpanS) {
    return offsetS >= -REACH_S && offsetS + querySpanS <= storedSpanS + REACH_S;
  }

  /** Stores the postings of an indexed episode, if {@link FewJointStretchLandmarks#stores} it. */
  void add(TrajectorySketch sketch, int episode) {
    if (!FewJointStretchLandmarks.stores(sketch)) {
      return;
    }
    if (store == null) {
      store = new PostingStore(stopAbove);
    }
    PostingStore s = store;
    FewJointStretchLandmarks.index(sketch, (hash, anchorS) -> s.add(hash, episode, anchorS));
  }

  /**
   * Votes for the stored episodes that share a query's hashes of these postings, at offsets that
   * place the query {@link #inside} them, reading at most {@code readsPerHash} postings per hash
   * probed (rarest first); nothing for a query that does not {@link
   * FewJointStretchLandmarks#looksUp} them or while the store is empty.
   */
  void vote(TrajectorySketch query, int readsPerHash, Spans spans, Voter voter) {
    if (store == null || !FewJointStretchLandmarks.looksUp(query)) {
      return;
    }
    size = 0;
    FewJointStretchLandmarks.query(query, this::accept);
    double[] at = anchors;
    double span = query.coarse().spanS();
    store.visitAll(
        hashes,
        size,
        (int) Math.min(Integer.MAX_VALUE, (long) readsPerHash * size),
        (q, episode, timeUnits) -> {
          double offsetS = timeUnits * PostingStore.TIME_UNIT_S - at[q];
          if (inside(offsetS, span, spans.spanS(episode))) {
            voter.vote(episode, offsetS);
          }
        });
  }

  private void accept(int hash, double anchorS) {
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      anchors = Arrays.copyOf(anchors, size * 2);
    }
    hashes[size] = hash;
    anchors[size++] = anchorS;
  }

  long size() {
    return store == null ? 0 : store.size();
  }

  long walked() {
    return store == null ? 0 : store.walked();
  }

  long skipped() {
    return store == null ? 0 : store.skipped();
  }

  long pageBytes() {
    return store == null ? 0 : store.pageBytes();
  }

  long tableBytes() {
    return store == null ? 0 : store.tableBytes();
  }

  /** Saves whether the store exists and, if so, the store as it is. */
  void writeTo(StateWriter out) {
    out.writeInt(store == null ? 0 : 1);
    if (store != null) {
      store.writeTo(out);
    }
  }

  /** What {@link #writeTo} saved; fails if it was saved with another {@code stopAbove}. */
  static FewJointStretchPostings readFrom(StateReader in, int stopAbove) {
    FewJointStretchPostings postings = new FewJointStretchPostings(stopAbove);
    int present = in.readInt();
    if (present != 0 && present != 1) {
      throw in.invalid("few-joint stretch postings: presence flag " + present);
    }
    if (present == 1) {
      postings.store = PostingStore.readFrom(in);
      if (postings.store.stopAbove() != stopAbove) {
        throw in.invalid(
            "few-joint stretch postings saved with maxPostingsPerHash "
                + postings.store.stopAbove()
                + ", configured "
                + stopAbove);
      }
    }
    return postings;
  }
}
