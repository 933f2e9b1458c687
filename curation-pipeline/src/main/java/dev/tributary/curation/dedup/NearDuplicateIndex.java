package dev.tributary.curation.dedup;

import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds stored episodes that a new episode repeats (trimmed, resampled, unit-converted, renamed,
 * re-encoded, concatenated) and keeps duplicate clusters with their representatives.
 *
 * <p>A lookup (1) looks up the new episode's landmark-triplet hashes in an inverted index and
 * votes, per stored episode, for the time offset each shared hash implies; (2) takes the episodes
 * with the most votes at one offset as candidates; (3) confirms each by aligned correlation of the
 * coarse copies ({@link AlignedCorrelation}; a copy under 10 Hz on the stored copy's own sample
 * times, the new episode's copy re-drawn from its smoothed joints: {@link StoredGrid}) and then by
 * {@link FrameConfirmation}. Hashes held by more than {@code maxPostingsPerHash} postings are stop
 * words and are not read ({@link PostingStore}), and a lookup reads at most {@code
 * maxReadsPerQueryHash} postings per hash it probes, walking its rarest hashes first, so the
 * inverted-index work depends on the new episode, not on the corpus size (memory latency still
 * grows with it).
 *
 * <p>Everything lives in primitive arrays (about 3.2-3.6 KiB per indexed episode since issue 16's
 * eighth round, see {@link #estimatedBytes()} and {@link #estimatedBytesByPart()}). The index is
 * rebuilt at start-up by calling {@link #add} with each stored sketch in the order the episodes
 * were first decided. Not thread-safe: one consumer thread.
 *
 * <p><b>Why one class of ~990 lines.</b> The lookup's steps (tally, candidates, confirm, classify)
 * and {@link #add} all read and write the same per-episode arrays (coarse copies, rates, kept
 * shares, layouts) and the posting store; classes of their own would have to share them. The
 * triplet bookkeeping that needs none of it lives in {@link LandmarkTriplets}, the few-joint
 * stretch postings and their store in {@link FewJointStretchPostings}. {@link #writeTo} and {@link
 * #readFrom} save and load those arrays (each part saves its own: {@link EpisodeIds}, {@link
 * DuplicateClusters}, {@link PostingStore}, {@link FewJointStretchPostings}).
 */
public final class NearDuplicateIndex {
  /**
   * A lookup whose three-moment hashes confirm nothing, or matches that leave over a tenth of the
   * new episode unexplained (see {@code union}), tries its two-moment hashes (see {@link
   * LandmarkHashes#MAX_TWO_MOMENT_POSTINGS}) when the new episode is at most this long and holds at
   * most {@link #TWO_MOMENT_QUERY_MAX_TRIPLETS}: the pass is for short clips of few moments of
   * motion; it reads postings of unspecific hashes, so it is kept off the common path (a new,
   * original take). Issue 17: in the dedup benchmark's tuning families (test split) the second pass
   * confirmed 167 lookups, all of queries of at most 6.18 s but one (7.5 s, 3,062 triplets), and
   * 165 with at most 1,876 three-moment triplets; with 6.5 s and 2,000 (before: 8 s, two spans of a
   * triplet, and no triplet bound) every family's matches were the same, and the pipeline
   * benchmark's 8 s takes (7.97 s) no longer take the pass.
   */
  static final double TWO_MOMENT_QUERY_MAX_S = 6.5;

  /** See {@link #TWO_MOMENT_QUERY_MAX_S}. */
  static final long TWO_MOMENT_QUERY_MAX_TRIPLETS = 2_000;

  /**
   * Offsets tried per stored episode (issue 16). Periodic motion (a wipe's strokes) gives votes one
   * period apart as well as at the true offset, and the period's bin can win the count: the
   * alignment searches only +-0.1 s around a voted offset, so the true one must be a candidate of
   * its own. Only the {@link #OTHER_OFFSET_EPISODES} strongest episodes get other offsets (at least
   * {@link #MIN_OFFSET_GAP_S} apart), on top of {@code maxCandidates}: counted against it, they
   * crowded out the second original of a concatenation.
   */
  static final int MAX_OFFSETS_PER_EPISODE = 3;

  static final int OTHER_OFFSET_EPISODES = 2;

  static final double MIN_OFFSET_GAP_S = 0.25;

  private final NearDuplicateConfig config;
  private PostingStore postings;
  private FewJointStretchPostings stretchPostings;
  private EpisodeIds ids = new EpisodeIds();
  private DuplicateClusters clusters = new DuplicateClusters();
  private EpisodeSites sites = new EpisodeSites();
  private final OffsetVotes votes = new OffsetVotes();
  private final QueryHashes queryHashes = new QueryHashes();
  private byte[][] coarse = new byte[1024][];
  private float[] rates = new float[1024];
  private float[] keptShare = new float[1024];
  private int[] layouts = new int[1024];
  private long coarseBytes; // the coarse copies' arrays, headers and padding included
  private long windowBytes; // of which their sample windows' bytes
  private long aligned; // candidates aligned by all lookups so far (a count for tests)
  private long twoMomentPasses; // lookups that tried their two-moment hashes (a count for tests)
  private long oneVoteRetries; // lookups that retried at one vote (a count for tests)
  private final StretchLookups stretches = new StretchLookups(this);
  // The last lookup's sketch and its triplets, for the add that usually follows it (the decider
  // looks first and the memory adds once the decision is kept): enumerating them again cost as much
  // as the rest of the add. Matched by identity; the triplets are a function of the sketch alone.
  private TrajectorySketch lookedUp;
  private LandmarkTriplets.ThreeMoments lookedUpTriplets;

  public NearDuplicateIndex() {
    this(NearDuplicateConfig.defaults());
  }

  public NearDuplicateIndex(NearDuplicateConfig config) {
    this.config = config;
    this.postings = new PostingStore(config.maxPostingsPerHash());
    this.stretchPostings = new FewJointStretchPostings(config.maxPostingsPerHash());
  }

  /** The result of {@link #admit}: what the new episode repeats and where it now belongs. */
  public record Admission(List<NearDuplicateMatch> matches, ClusterUpdate cluster) {
    /** The strongest match, if any. */
    public Optional<NearDuplicateMatch> best() {
      return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(0));
    }
  }

  /** The strongest confirmed match of a new episode, if any. */
  public Optional<NearDuplicateMatch> find(TrajectorySketch sketch) {
    List<NearDuplicateMatch> all = findAll(sketch, FrameConfirmation.NONE);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /**
   * Every confirmed match, at most one per duplicate cluster, strongest first (most of both
   * episodes covered, then highest correlation). A concatenation of two stored episodes matches
   * both; a short one (a sketch computed from its trajectory) also through the stretches its
   * matches leave unexplained, each looked up on its own ({@link StretchLookups}).
   */
  public List<NearDuplicateMatch> findAll(TrajectorySketch sketch, FrameConfirmation frames) {
    LandmarkTriplets.ThreeMoments three = LandmarkHashes.threeMoments(sketch);
    lookedUp = sketch;
    lookedUpTriplets = three;
    return findAll(sketch, three, frames);
  }

  private List<NearDuplicateMatch> findAll(
      TrajectorySketch sketch, LandmarkTriplets.ThreeMoments three, FrameConfirmation frames) {
    List<NearDuplicateMatch> matches =
        confirm(sketch, three, candidates(sketch, three, false), frames);
    if (twoMomentPass(sketch, three)
        && QueryStretches.coveredShare(matches, sketch.coarse().spanS()) < config.wholeCoverage()) {
      twoMomentPasses++;
      List<NearDuplicateMatch> more =
          confirm(sketch, three, candidates(sketch, three, true), frames);
      matches = matches.isEmpty() ? more : union(matches, more, sketch.coarse());
    }
    List<NearDuplicateMatch> found = stretches.lookUp(sketch, matches, frames);
    return found.isEmpty() && twoMomentPass(sketch, three)
        ? oneVoteRetry(sketch, three, frames)
        : found;
  }

  /**
   * A short new episode whose lookup found nothing (neither pass nor its stretches confirmed a
   * match) looks its hashes up again with a floor of one vote, three-moment ones first, then
   * two-moment ones (issue 16, eighteenth round). A clip of about 2 s cut from a longer take of a
   * few-joint robot holds one or two moments of motion: 4 joints moving together leave a handful of
   * landmarks inside the clip's edges, and the original's triplets there mostly span the cut, so
   * the clip shares at most one posting with it. On a tuning-only set of round 10's and round 6's
   * hand-guided takes cut to 10 Hz and 4 joints ({@code load-tests/real-data/derive-low-rate.py}; 3
   * draws), 108 trimmed copies were missed at the lookup: 81 with no vote at the true offset, 27
   * with exactly one (22 of them first among the one-vote candidates). The one vote only chooses
   * what to align: the confirmation (the correlation on every joint, the overlap bars) decides as
   * for any candidate, and <b>a match in other units is kept only when no match in the same units
   * was found and its source is unambiguous</b> ({@link OneVoteRivals}: no other stored episode
   * near it fits the clip within the other-units bar's width). A converted clip on one vote cannot
   * tell a re-upload from a robot's scripted re-run by its correlation (round 9, 3 draws: keeping
   * every such match, two resampled and converted copies of the HIRO's runs matched another run at
   * 1.00000, two false pairs; the eighteenth round kept none, the nineteenth those without a
   * rival). Only a lookup that returned nothing retries, so every match found before is found as
   * before (a retry before the stretch lookups instead lost a concatenation part on round 14: its
   * one-vote match replaced the seam split that found both parts); a new episode over {@link
   * #TWO_MOMENT_QUERY_MAX_S} or with over {@link #TWO_MOMENT_QUERY_MAX_TRIPLETS} three-moment
   * triplets (the scale benchmark's 8-16 s takes, the pipeline's 8 s takes) never retries. A short
   * new take that matches nothing pays two more tallies and the alignment of their candidates (at
   * most {@code maxCandidates} each, plus the other offsets of the two strongest). Nothing stored
   * changes.
   */
  private List<NearDuplicateMatch> oneVoteRetry(
      TrajectorySketch sketch, LandmarkTriplets.ThreeMoments three, FrameConfirmation frames) {
    oneVoteRetries++;
    List<NearDuplicateMatch> three1 =
        confirm(sketch, three, candidates(sketch, three, false, 1), frames);
    List<NearDuplicateMatch> matches = sameUnits(three1);
    if (!matches.isEmpty()) {
      return matches;
    }
    List<NearDuplicateMatch> two1 =
        confirm(sketch, three, candidates(sketch, three, true, 1), frames);
    matches = sameUnits(two1);
    if (!matches.isEmpty()) {
      return matches;
    }
    matches = withoutRival(sketch, three1);
    return matches.isEmpty() ? withoutRival(sketch, two1) : matches;
  }

  /** The matches whose joints are the same numbers ({@link NearDuplicateMatch#sameUnits}). */
  private static List<NearDuplicateMatch> sameUnits(List<NearDuplicateMatch> matches) {
    return matches.stream().filter(NearDuplicateMatch::sameUnits).toList();
  }

  /**
   * The one-vote matches in other units whose source is unambiguous: no other stored episode near
   * it fits the new episode as well ({@link OneVoteRivals}; issue 16, nineteenth round). Used only
   * when neither one-vote pass confirmed a match in the same units, so every match found before is
   * found as before.
   */
  private List<NearDuplicateMatch> withoutRival(
      TrajectorySketch sketch, List<NearDuplicateMatch> matches) {
    List<NearDuplicateMatch> kept = new ArrayList<>();
    for (NearDuplicateMatch m : matches) {
      int e = episodeNumber(m.originalEpisodeId());
      if (!m.sameUnits()
          && !OneVoteRivals.exists(
              this, sketch, e, layouts[e], clusters.representativeOf(e), m.correlation())) {
        kept.add(m);
      }
    }
    return kept;
  }

  /** The layout of an indexed episode ({@link JointLayout}). */
  int layoutOf(int episode) {
    return layouts[episode];
  }

  /** The site an indexed episode was added with; null when none, or when it is not indexed. */
  public String siteOf(String episodeId) {
    int e = ids.indexOf(episodeId);
    String site = e < 0 ? "" : sites.siteOf(e);
    return site.isEmpty() ? null : site;
  }

  /**
   * The episode of the same site indexed just before {@code episode}, or -1 ({@link EpisodeSites}).
   */
  int previousOfSite(int episode) {
    return sites.previous(episode);
  }

  /** The episode of the same site indexed just after {@code episode}, or -1. */
  int nextOfSite(int episode) {
    return sites.next(episode);
  }

  /** The number of the site an indexed episode was added with ({@link EpisodeSites}). */
  int siteNumberOf(int episode) {
    return sites.siteNumberOf(episode);
  }

  /** The duplicate cluster of an indexed episode (its representative's number). */
  int clusterOfEpisode(int episode) {
    return clusters.representativeOf(episode);
  }

  /**
   * The first pass's matches and the second pass's of other clusters, filtered and ordered as one
   * pass's (issue 16, tenth round). The second pass runs when the first left part of a short new
   * episode unexplained, not only when it found nothing: a concatenation of a take rich in
   * three-moment postings and a short single movement with only two-moment ones confirmed the first
   * and never looked for the second.
   */
  List<NearDuplicateMatch> union(
      List<NearDuplicateMatch> first, List<NearDuplicateMatch> second, CoarseTrajectory query) {
    List<NearDuplicateMatch> matches = new ArrayList<>(first);
    List<Integer> clustersSeen = new ArrayList<>();
    for (NearDuplicateMatch m : first) {
      clustersSeen.add(clusterOf(m));
    }
    for (NearDuplicateMatch m : second) {
      if (!clustersSeen.contains(clusterOf(m))) {
        clustersSeen.add(clusterOf(m));
        matches.add(m);
      }
    }
    return matches.size() == first.size() ? first : filtered(matches, query);
  }

  private int clusterOf(NearDuplicateMatch m) {
    return clusters.representativeOf(episodeNumber(m.originalEpisodeId()));
  }

  /**
   * Whether a lookup whose first pass left part of the new episode unexplained may try its
   * two-moment hashes too (a short new episode of few triplets).
   */
  static boolean twoMomentPass(TrajectorySketch sketch, LandmarkTriplets.ThreeMoments three) {
    return sketch.durationS() <= TWO_MOMENT_QUERY_MAX_S
        && three.total() <= TWO_MOMENT_QUERY_MAX_TRIPLETS;
  }

  List<NearDuplicateMatch> confirm(
      TrajectorySketch sketch,
      LandmarkTriplets.ThreeMoments three,
      List<Candidate> candidates,
      FrameConfirmation frames) {
    CoarseTrajectory query = sketch.coarse();
    List<NearDuplicateMatch> matches = new ArrayList<>();
    for (Candidate c : candidates) {
      CoarseTrajectory stored = new CoarseTrajectory(coarse[c.episode]);
      if (stored.joints() != sketch.joints() || !canCover(query, stored, c.offsetS)) {
        continue;
      }
      aligned++;
      AlignedCorrelation.Alignment a =
          StoredGrid.align(
              sketch.fine(),
              query,
              stored,
              c.offsetS,
              config.minCorrelation() - 0.1,
              config.minCorrelation() - AlignedCorrelation.REFINE_MARGIN);
      if (a.correlation() < config.requiredCorrelation(a.sameUnits(), a.unitChange())
          || a.onlyShifted()
          || SampleWindows.independentRun(query, stored, a, sameRate(sketch, c.episode))
          || a.overlapS() < minOverlapS(query.spanS(), stored.spanS())
          || !containsOne(sketch, stored, a)) {
        continue;
      }
      int expected =
          (int)
              Math.round(
                  keptShare[c.episode]
                      * three.ownCount(a.overlapStartS(), a.overlapStartS() + a.overlapS()));
      double evidence = c.votes / (double) Math.max(1, expected);
      if (evidence < config.minEvidence()) {
        continue;
      }
      NearDuplicateMatch match = classify(sketch, c, stored, a, evidence);
      NearDuplicateMatch reviewed = frames.review(match);
      if (reviewed != null) {
        matches.add(reviewed);
      }
    }
    return settled(matches, query);
  }

  /**
   * Confirmed matches, in the order found, filtered as a lookup reports them: the best of each
   * duplicate cluster ({@link #better}), one source per stretch, strongest first.
   */
  List<NearDuplicateMatch> settled(List<NearDuplicateMatch> found, CoarseTrajectory query) {
    List<NearDuplicateMatch> matches = new ArrayList<>();
    List<Integer> clustersSeen = new ArrayList<>();
    for (NearDuplicateMatch m : found) {
      int cluster = clusterOf(m);
      int seen = clustersSeen.indexOf(cluster);
      if (seen < 0) {
        clustersSeen.add(cluster);
        matches.add(m);
      } else if (better(m, matches.get(seen))) {
        matches.set(seen, m);
      }
    }
    return filtered(matches, query);
  }

  /** Matches of distinct clusters, one source per stretch kept, strongest first. */
  private List<NearDuplicateMatch> filtered(
      List<NearDuplicateMatch> matches, CoarseTrajectory query) {
    keepOneSourcePerStretch(matches);
    OneRecordingPerStretch.keepBest(
        matches, query, m -> coarseOf(episodeNumber(m.originalEpisodeId())));
    matches.sort(STRONGEST_FIRST);
    return matches;
  }

  /**
   * Keeps one source per stretch of the new episode among the matches that need per-joint slopes
   * and offsets (issue 16, fourth round). A stretch whose values are a stored episode's own numbers
   * (same units, same values: {@link NearDuplicateMatch#sameUnits}) is in that episode's units, so
   * another stored episode that fits the same stretch only through per-joint slopes and offsets is
   * not a re-expression of it: it is similar motion (another take of one loop, at the same site or
   * another). Of "other units" matches of one stretch, only the best correlated stays: a copy
   * re-expresses one recording, and periodic motion (a stirring loop) fits several takes under free
   * per-joint maps, the copied one best. Matches of other stretches (the other half of a
   * concatenation) and matches by the identity are all kept.
   */
  private void keepOneSourcePerStretch(List<NearDuplicateMatch> matches) {
    if (matches.size() < 2) {
      return;
    }
    List<NearDuplicateMatch> copies = new ArrayList<>();
    for (NearDuplicateMatch m : matches) {
      if (m.sameUnits() && m.correlation() >= config.requiredCorrelation(true)) {
        copies.add(m);
      }
    }
    if (!copies.isEmpty()) {
      matches.removeIf(
          m -> !m.sameUnits() && copies.stream().anyMatch(c -> QueryStretches.sameStretch(c, m)));
    }
    List<NearDuplicateMatch> all = new ArrayList<>(matches);
    matches.removeIf(
        m ->
            !m.sameUnits()
                && all.stream()
                    .anyMatch(
                        o ->
                            o != m
                                && !o.sameUnits()
                                && o.correlation() > m.correlation()
                                && QueryStretches.sameStretch(o, m)));
  }

  /**
   * Which of two matches of one cluster to keep: the strongest; but of two alignments of the same
   * stored episode (another offset, see {@link #MAX_OFFSETS_PER_EPISODE}) the better correlated,
   * since an episode lies at one place in the new one and the other offset is a period off.
   */
  private static boolean better(NearDuplicateMatch a, NearDuplicateMatch b) {
    if (a.originalEpisodeId().equals(b.originalEpisodeId())) {
      return a.correlation() > b.correlation();
    }
    return STRONGEST_FIRST.compare(a, b) < 0;
  }

  private static final Comparator<NearDuplicateMatch> STRONGEST_FIRST =
      Comparator.comparingDouble(
              (NearDuplicateMatch m) -> -(m.newCoverage() + m.originalCoverage()))
          .thenComparingDouble(m -> -m.correlation());

  /**
   * Adds an episode (ignored if its id is already in) and links it to the clusters of the episodes
   * it duplicates.
   *
   * @param qualityScore breaks ties between equally long cluster members (higher wins)
   * @param duplicateOf ids of stored episodes it repeats (from {@link #findAll}, or at restart from
   *     the table's {@code duplicate_of}); unknown ids are ignored
   * @param siteId the site that uploaded it (the table's {@code site_id}); null when unknown
   */
  public ClusterUpdate add(
      String episodeId,
      TrajectorySketch sketch,
      double qualityScore,
      Collection<String> duplicateOf,
      String siteId) {
    LandmarkTriplets.ThreeMoments three = sketch == lookedUp ? lookedUpTriplets : null;
    lookedUp = null;
    lookedUpTriplets = null;
    return add(episodeId, sketch, three, qualityScore, duplicateOf, siteId);
  }

  /** {@link #add(String, TrajectorySketch, double, Collection, String)} without a site. */
  public ClusterUpdate add(
      String episodeId,
      TrajectorySketch sketch,
      double qualityScore,
      Collection<String> duplicateOf) {
    return add(episodeId, sketch, qualityScore, duplicateOf, null);
  }

  /** {@link #add}, with the sketch's triplets when a lookup already enumerated them (else null). */
  private ClusterUpdate add(
      String episodeId,
      TrajectorySketch sketch,
      LandmarkTriplets.ThreeMoments three,
      double qualityScore,
      Collection<String> duplicateOf,
      String siteId) {
    int existing = ids.indexOf(episodeId);
    if (existing >= 0) {
      return new ClusterUpdate(episodeId, ids.id(clusters.representativeOf(existing)), List.of());
    }
    int e = ids.add(episodeId);
    sites.add(siteId);
    clusters.add(sketch.durationS(), qualityScore);
    if (e == coarse.length) {
      coarse = Arrays.copyOf(coarse, e + (e >> 1));
      rates = Arrays.copyOf(rates, coarse.length);
      keptShare = Arrays.copyOf(keptShare, coarse.length);
      layouts = Arrays.copyOf(layouts, coarse.length);
    }
    layouts[e] = sketch.layout();
    byte[] blob = sketch.coarse().blob();
    coarse[e] = blob;
    rates[e] = (float) sketch.rateHz();
    coarseBytes += 16 + ((blob.length + 7) & ~7);
    windowBytes += sketch.coarse().windowBytes();
    keptShare[e] =
        LandmarkHashes.index(
            sketch,
            three != null ? three : LandmarkHashes.threeMoments(sketch),
            (hash, anchorS) -> postings.add(hash, e, anchorS));
    stretchPostings.add(sketch, e);
    List<String> former = new ArrayList<>();
    for (String other : duplicateOf) {
      int o = ids.indexOf(other);
      if (o < 0 || o == e) {
        continue;
      }
      int lost = clusters.link(e, o);
      if (lost >= 0 && lost != e) {
        former.add(ids.id(lost));
      }
    }
    return new ClusterUpdate(episodeId, ids.id(clusters.representativeOf(e)), List.copyOf(former));
  }

  /** Adds an episode with quality 0 and no links (a first take, or a bulk load without links). */
  public ClusterUpdate add(String episodeId, TrajectorySketch sketch) {
    return add(episodeId, sketch, 0, List.of());
  }

  /** Finds what a new episode repeats, then adds it linked to those matches (without a site). */
  public Admission admit(
      String episodeId, TrajectorySketch sketch, double qualityScore, FrameConfirmation frames) {
    LandmarkTriplets.ThreeMoments three = LandmarkHashes.threeMoments(sketch);
    List<NearDuplicateMatch> matches = findAll(sketch, three, frames);
    List<String> originals = new ArrayList<>();
    matches.forEach(m -> originals.add(m.originalEpisodeId()));
    return new Admission(matches, add(episodeId, sketch, three, qualityScore, originals, null));
  }

  /**
   * Whether {@link #add}ing a new episode linked to these matches would make it its cluster's
   * representative in place of an earlier one ({@link ClusterUpdate#becameRepresentative()}),
   * without adding it: lets a caller decide first and add once the decision is kept.
   */
  public boolean wouldRepresent(
      String episodeId,
      TrajectorySketch sketch,
      double qualityScore,
      Collection<NearDuplicateMatch> matches) {
    if (ids.indexOf(episodeId) >= 0) {
      return false; // add would not add it again
    }
    boolean linked = false;
    for (NearDuplicateMatch m : matches) {
      int o = ids.indexOf(m.originalEpisodeId());
      if (o < 0) {
        continue;
      }
      if (!clusters.newcomerWouldRepresent(o, sketch.durationS(), qualityScore)) {
        return false;
      }
      linked = true;
    }
    return linked;
  }

  public boolean contains(String episodeId) {
    return ids.indexOf(episodeId) >= 0;
  }

  /** The representative of the episode's duplicate cluster (itself when alone), if indexed. */
  public Optional<String> representativeOf(String episodeId) {
    int e = ids.indexOf(episodeId);
    return e < 0 ? Optional.empty() : Optional.of(ids.id(clusters.representativeOf(e)));
  }

  public int size() {
    return ids.size();
  }

  /** Landmark postings held (for metrics: about 100-200 per episode). */
  public long postings() {
    return postings.size() + stretchPostings.size();
  }

  /** Postings visited by all lookups so far (for metrics: the inverted-index work of lookups). */
  public long postingsRead() {
    return postings.walked() + stretchPostings.walked();
  }

  /**
   * Lookup hashes probed without a walk so far: stop words (held by more than maxPostingsPerHash
   * postings), empty buckets (the store does not tell the two apart without a DRAM read), and
   * hashes over a lookup's read budget.
   */
  public long stopWordsSkipped() {
    return postings.skipped() + stretchPostings.skipped();
  }

  /** Heap held by the index: postings, coarse copies, ids, clusters (arrays and their slack). */
  public long estimatedBytes() {
    return estimatedBytesByPart().values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * {@link #estimatedBytes()} by part, in bytes: the posting pages, the bucket table (with its
   * walkable bits), the coarse copies without and their sample windows, the per-episode arrays
   * (references to the copies, rates, kept shares, layouts), the ids and the clusters.
   */
  public java.util.Map<String, Long> estimatedBytesByPart() {
    java.util.Map<String, Long> parts = new java.util.LinkedHashMap<>();
    parts.put("postings", postings.pageBytes() + stretchPostings.pageBytes());
    parts.put("bucket table", postings.tableBytes() + stretchPostings.tableBytes());
    parts.put("coarse copies", coarseBytes - windowBytes);
    parts.put("sample windows", windowBytes);
    parts.put(
        "per-episode arrays",
        16
            + 4L * coarse.length
            + 16
            + 4L * rates.length
            + 16
            + 4L * keptShare.length
            + 16
            + 4L * layouts.length);
    parts.put("sites", sites.estimatedBytes());
    parts.put("ids", ids.estimatedBytes());
    parts.put("clusters", clusters.estimatedBytes());
    return parts;
  }

  private static final int STATE_TAG = 0x4E454152; // "NEAR"

  /**
   * 2: the posting store saves how much of it is compacted; 3: it saves two ints per posting and
   * links only for its tail; 4: each episode's site ({@link EpisodeSites}); 5: the few-joint
   * stretch postings follow in a store of their own ({@link FewJointStretchPostings}). Older states
   * are rebuilt.
   */
  private static final int STATE_VERSION = 5;

  /**
   * Saves the index's arrays as they are: ids, clusters, per-episode coarse copies, rates, kept
   * shares and layouts, and the posting store, with the {@link IndexingFingerprint} of this build.
   */
  public void writeTo(StateWriter out) {
    out.begin(STATE_TAG, STATE_VERSION);
    out.writeLong(IndexingFingerprint.value());
    int n = ids.size();
    out.writeInt(n);
    ids.writeTo(out);
    clusters.writeTo(out);
    for (int e = 0; e < n; e++) {
      out.writeBytes(coarse[e], 0, coarse[e].length);
    }
    out.writeFloats(rates, n);
    out.writeFloats(keptShare, n);
    out.writeInts(layouts, n);
    sites.writeTo(out);
    postings.writeTo(out);
    stretchPostings.writeTo(out);
  }

  /**
   * What {@link #writeTo} saved; lookups then answer as they did in the index that saved it. Fails
   * ({@link dev.tributary.curation.state.StateFormatException}) when it was saved by a build that
   * hashes differently or with another {@code maxPostingsPerHash}: rebuild from the sketches then.
   */
  public static NearDuplicateIndex readFrom(StateReader in, NearDuplicateConfig config) {
    if (in.begin(STATE_TAG, "near-duplicate index", STATE_VERSION) < STATE_VERSION) {
      throw in.invalid("saved before the few-joint stretch store (version 5)");
    }
    long fingerprint = in.readLong();
    if (fingerprint != IndexingFingerprint.value()) {
      throw in.invalid("saved by a build that sketches or hashes differently");
    }
    NearDuplicateIndex index = new NearDuplicateIndex(config);
    int n = in.readInt();
    index.ids = EpisodeIds.readFrom(in);
    index.clusters = DuplicateClusters.readFrom(in);
    if (index.ids.size() != n || index.clusters.size() != n) {
      throw in.invalid("ids, clusters and episodes disagree on the count");
    }
    int capacity = Math.max(1024, n);
    index.coarse = new byte[capacity][];
    for (int e = 0; e < n; e++) {
      byte[] blob = in.readBytes();
      index.coarse[e] = blob;
      index.coarseBytes += 16 + ((blob.length + 7) & ~7);
      index.windowBytes += new CoarseTrajectory(blob).windowBytes();
    }
    float[] rates = in.readFloats();
    float[] kept = in.readFloats();
    int[] layouts = in.readInts();
    if (rates.length != n || kept.length != n || layouts.length != n) {
      throw in.invalid("per-episode arrays of another length than " + n);
    }
    index.rates = Arrays.copyOf(rates, capacity);
    index.keptShare = Arrays.copyOf(kept, capacity);
    index.layouts = Arrays.copyOf(layouts, capacity);
    index.sites = EpisodeSites.readFrom(in);
    if (index.sites.size() != n) {
      throw in.invalid("sites saved for " + index.sites.size() + " episodes, not " + n);
    }
    index.postings = PostingStore.readFrom(in);
    if (index.postings.stopAbove() != config.maxPostingsPerHash()) {
      throw in.invalid(
          "saved with maxPostingsPerHash "
              + index.postings.stopAbove()
              + ", configured "
              + config.maxPostingsPerHash());
    }
    index.stretchPostings = FewJointStretchPostings.readFrom(in, config.maxPostingsPerHash());
    return index;
  }

  private NearDuplicateMatch classify(
      TrajectorySketch sketch,
      Candidate c,
      CoarseTrajectory stored,
      AlignedCorrelation.Alignment a,
      double evidence) {
    double newCoverage = Math.min(1, a.overlapS() / Math.max(1e-9, sketch.coarse().spanS()));
    double originalCoverage = Math.min(1, a.overlapS() / Math.max(1e-9, stored.spanS()));
    NearDuplicateMatch.Kind kind;
    if (newCoverage >= config.wholeCoverage() && originalCoverage >= config.wholeCoverage()) {
      double rate = rates[c.episode];
      boolean sameRate = rate > 0 && Math.abs(sketch.rateHz() / rate - 1) <= config.rateTolerance();
      kind =
          sameRate && a.sameUnits()
              ? NearDuplicateMatch.Kind.DUPLICATE
              : NearDuplicateMatch.Kind.REPLAY;
    } else {
      kind = NearDuplicateMatch.Kind.SUB_CLIP;
    }
    return new NearDuplicateMatch(
        ids.id(c.episode),
        kind,
        a.overlapS(),
        newCoverage,
        originalCoverage,
        a.correlation(),
        a.offsetS(),
        c.votes,
        evidence,
        a.sameUnits(),
        a.unitChange());
  }

  /** Whether the new episode's nominal rate is the stored episode's, within the rate tolerance. */
  private boolean sameRate(TrajectorySketch sketch, int episode) {
    double rate = rates[episode];
    return rate > 0 && Math.abs(sketch.rateHz() / rate - 1) <= config.rateTolerance();
  }

  /**
   * Whether one episode lies (essentially) inside the other: a copy, a trimmed part, or a part of a
   * concatenation. A mere shared stretch of two different episodes is not reported: short stretches
   * of minimum-jerk moves look alike whatever the episode.
   */
  private boolean containsOne(
      TrajectorySketch sketch, CoarseTrajectory stored, AlignedCorrelation.Alignment a) {
    double spanNew = Math.max(1e-9, sketch.coarse().spanS());
    double spanStored = Math.max(1e-9, stored.spanS());
    return a.overlapS() >= config.wholeCoverage() * Math.min(spanNew, spanStored);
  }

  /**
   * Whether an alignment near this voted offset can overlap enough to pass {@link #containsOne} and
   * {@code minOverlapS}: the overlap of two spans at an offset does not depend on the correlation,
   * and the alignment looks at most {@link #ALIGN_REACH_S} from the vote. A candidate that cannot
   * is not aligned (the same matches, one alignment fewer).
   */
  private boolean canCover(CoarseTrajectory query, CoarseTrajectory stored, double offsetS) {
    double spanNew = query.spanS();
    double spanStored = stored.spanS();
    double needed =
        Math.max(
            minOverlapS(spanNew, spanStored),
            config.wholeCoverage() * Math.min(spanNew, spanStored));
    return maxOverlapS(spanNew, spanStored, offsetS, ALIGN_REACH_S) >= needed - 1e-9;
  }

  /**
   * The shortest overlap a match of two episodes of these coarse spans must confirm: {@code
   * minOverlapS}, or, when the shorter episode is too short to give it ({@code wholeCoverage} of
   * its span is less), that share of its span, but never under {@link #SHORT_TAKE_MIN_OVERLAP_S}.
   */
  double minOverlapS(double spanNew, double spanStored) {
    double shorter = Math.min(spanNew, spanStored);
    return Math.min(
        config.minOverlapS(), Math.max(SHORT_TAKE_MIN_OVERLAP_S, config.wholeCoverage() * shorter));
  }

  /**
   * The floor of {@link #minOverlapS(double, double)} for short episodes (issue 16, ninth round).
   * {@code minOverlapS} (1.2 s) keeps short stretches of similar motion from matching, but a whole
   * episode shorter than it could never be confirmed at all, not even as an untouched copy: round
   * 14's single arm movements of 1.0-1.3 s (27 of its 304 originals under 1.2 s, every copy of each
   * missed). {@link #containsOne} still asks one episode to lie within the other, so a short stored
   * episode is matched only as a whole. 0.8 s keeps eight 10 Hz coarse steps in the overlap; the
   * quality check rejects episodes under 1 s before dedup.
   */
  static final double SHORT_TAKE_MIN_OVERLAP_S = 0.8;

  /** How far from a voted offset {@link AlignedCorrelation#align} looks (0.1 s, then 0.025 s). */
  static final double ALIGN_REACH_S = 0.15;

  /**
   * The largest overlap of a new span [0, spanNew] with a stored one placed at an offset within
   * {@code reachS} of {@code offsetS}. The overlap is concave in the offset, flat at its largest
   * (the shorter span inside the longer) for offsets between 0 and spanStored - spanNew: the
   * largest is there when the reach touches it, else at the end of the reach nearer to it.
   */
  static double maxOverlapS(double spanNew, double spanStored, double offsetS, double reachS) {
    double lo = Math.min(0, spanStored - spanNew);
    double hi = Math.max(0, spanStored - spanNew);
    double nearest = Math.max(lo, Math.min(hi, offsetS));
    double o = Math.max(offsetS - reachS, Math.min(offsetS + reachS, nearest));
    return overlapS(spanNew, spanStored, o);
  }

  /** The overlap of a new span [0, spanNew] with a stored one placed at this offset. */
  static double overlapS(double spanNew, double spanStored, double offsetS) {
    return Math.max(0, Math.min(spanNew, spanStored - offsetS) - Math.max(0, -offsetS));
  }

  private static boolean farFromAll(Candidate c, List<Candidate> chosen) {
    for (Candidate b : chosen) {
      if (b.episode == c.episode && Math.abs(b.offsetS - c.offsetS) < MIN_OFFSET_GAP_S) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stored episodes with the most votes at one offset, at most maxCandidates, most votes first;
   * then up to two other offsets of each of the {@link #OTHER_OFFSET_EPISODES} strongest.
   */
  List<Candidate> candidates(
      TrajectorySketch sketch, LandmarkTriplets.ThreeMoments three, boolean twoMoments) {
    return candidates(sketch, three, twoMoments, config.minVotes());
  }

  /**
   * {@link #candidates(TrajectorySketch, LandmarkTriplets.ThreeMoments, boolean)} at this floor.
   */
  List<Candidate> candidates(
      TrajectorySketch sketch, LandmarkTriplets.ThreeMoments three, boolean twoMoments, int floor) {
    return candidates(sketch, three, twoMoments, floor, true);
  }

  /**
   * The candidates of a stretch of a new episode ({@link StretchLookups}): without the few-joint
   * stretch postings ({@link FewJointStretchPostings}), which a stretch of a concatenation would
   * otherwise probe against every few-joint take's stretches.
   */
  List<Candidate> stretchCandidates(
      TrajectorySketch part, LandmarkTriplets.ThreeMoments three, boolean twoMoments) {
    return candidates(part, three, twoMoments, config.minVotes(), false);
  }

  private List<Candidate> candidates(
      TrajectorySketch sketch,
      LandmarkTriplets.ThreeMoments three,
      boolean twoMoments,
      int floor,
      boolean wholeEpisode) {
    List<Candidate> all = tally(sketch, three, floor, twoMoments, wholeEpisode);
    List<Candidate> best = new ArrayList<>();
    List<Integer> episodes = new ArrayList<>();
    for (Candidate c : all) {
      if (best.size() == config.maxCandidates()) {
        break;
      }
      if (!JointLayout.comparable(layouts[c.episode], sketch.layout())) {
        continue; // another robot: its votes must not crowd out this one's candidates
      }
      if (!episodes.contains(c.episode)) {
        episodes.add(c.episode);
        best.add(c);
      }
    }
    // Other offsets of the strongest episodes, beyond maxCandidates (see MAX_OFFSETS_PER_EPISODE).
    int leaders = Math.min(OTHER_OFFSET_EPISODES, best.size());
    for (int k = 0; k < leaders; k++) {
      Candidate leader = best.get(k);
      int offsets = 1;
      for (Candidate c : all) {
        if (offsets == MAX_OFFSETS_PER_EPISODE) {
          break;
        }
        if (c.episode == leader.episode && farFromAll(c, best)) {
          best.add(c);
          offsets++;
        }
      }
    }
    return best;
  }

  /**
   * The second pass's vote floor: {@code minVotes}, but one vote for a query of at most {@link
   * #SINGLE_VOTE_MAX_TRIPLETS} two-moment triplets (issue 16, round 14). A single 1.0-1.6 s
   * movement is one bell of speed on all joints: its stored original may hold a single posting, and
   * a query of one triplet can give no stored episode two votes at one offset, so the pass could
   * never make a candidate for it, however exact the copy. The one vote only chooses what to align:
   * the confirmation (correlation on every joint, the overlap bars) decides as for any candidate. A
   * query with more triplets keeps the floor, so every lookup of the scale benchmark's 8-16 s takes
   * and of every longer episode is the same as before; nothing stored changes.
   */
  static int twoMomentFloor(int minVotes, int queryTriplets) {
    return queryTriplets <= SINGLE_VOTE_MAX_TRIPLETS ? Math.min(minVotes, 1) : minVotes;
  }

  /**
   * See {@link #twoMomentFloor}. Round 14 (one draw) found 2595 copies with none, 2627 with 1, 2648
   * with 2, 2659 with 3 and with 5, 0 false pairs at each; the scale benchmark's look-ups hold at
   * least 28 two-moment triplets.
   */
  static final int SINGLE_VOTE_MAX_TRIPLETS = 3;

  /** Every (episode, offset bin) with at least {@code floor} votes, most votes first. */
  List<Candidate> tally(TrajectorySketch sketch, int floor, boolean twoMoments) {
    return tally(sketch, LandmarkHashes.threeMoments(sketch), floor, twoMoments);
  }

  List<Candidate> tally(
      TrajectorySketch sketch, LandmarkTriplets.ThreeMoments three, int floor, boolean twoMoments) {
    return tally(sketch, three, floor, twoMoments, true);
  }

  /** As above; a whole episode's three-moment pass also probes {@link FewJointStretchPostings}. */
  private List<Candidate> tally(
      TrajectorySketch sketch,
      LandmarkTriplets.ThreeMoments three,
      int floor,
      boolean twoMoments,
      boolean wholeEpisode) {
    votes.clear();
    queryHashes.clear();
    int least = floor;
    if (twoMoments) {
      least = twoMomentFloor(floor, LandmarkHashes.forQueryCounted(sketch, true, queryHashes));
    } else {
      queryHashes.addAll(three);
      ShortTakeLandmarks.query(sketch, queryHashes);
    }
    double[] anchors = queryHashes.anchors;
    postings.visitAll(
        queryHashes.hashes,
        queryHashes.size,
        (int) Math.min(Integer.MAX_VALUE, (long) config.maxReadsPerQueryHash() * queryHashes.size),
        (q, episode, timeUnits) ->
            votes.vote(episode, timeUnits * PostingStore.TIME_UNIT_S - anchors[q]));
    if (!twoMoments && wholeEpisode) {
      stretchPostings.vote(sketch, config.maxReadsPerQueryHash(), this::storedSpanS, votes::vote);
    }
    List<Candidate> all = new ArrayList<>();
    int minimum = least;
    votes.forEachBin(
        (episode, offsetS, n) -> {
          if (n >= minimum) {
            all.add(new Candidate(episode, offsetS, n));
          }
        });
    all.sort(MOST_VOTES_FIRST);
    return all;
  }

  /** Most votes first, then the lower episode number (a stable sort: then the order of voting). */
  private static final Comparator<Candidate> MOST_VOTES_FIRST =
      (a, b) ->
          a.votes != b.votes
              ? Integer.compare(b.votes, a.votes)
              : Integer.compare(a.episode, b.episode);

  /** Candidates aligned by all lookups so far (the confirmation's work, for tests). */
  long alignments() {
    return aligned;
  }

  /** Stretches of new episodes looked up on their own so far ({@link StretchLookups}, tests). */
  long stretchLookups() {
    return stretches.count();
  }

  /** The configuration this index was built with. */
  NearDuplicateConfig config() {
    return config;
  }

  /** The span of a stored episode's coarse copy, in seconds. */
  double storedSpanS(int episode) {
    return new CoarseTrajectory(coarse[episode]).spanS();
  }

  /** The step of an indexed episode's coarse grid, in seconds. */
  double storedStepS(int episode) {
    return 1 / new CoarseTrajectory(coarse[episode]).rateHz();
  }

  /** Lookups so far that retried at one vote ({@link #oneVoteRetry}, for tests). */
  long oneVoteRetries() {
    return oneVoteRetries;
  }

  /** Lookups so far that tried their two-moment hashes (a second pass, for tests). */
  long twoMomentPasses() {
    return twoMomentPasses;
  }

  /** The number of an indexed episode, or -1 (diagnostics). */
  int episodeNumber(String episodeId) {
    return ids.indexOf(episodeId);
  }

  /** The coarse copy of an indexed episode (diagnostics). */
  CoarseTrajectory coarseOf(int episode) {
    return new CoarseTrajectory(coarse[episode]);
  }

  record Candidate(int episode, double offsetS, int votes) {}

  /** A lookup's hashes and anchor times, reused between lookups. */
  private static final class QueryHashes implements LandmarkHashes.Sink {
    int[] hashes = new int[1024];
    double[] anchors = new double[1024];
    int size;

    void clear() {
      size = 0;
    }

    /** Every query hash of these triplets ({@link LandmarkTriplets.ThreeMoments#forQuery}). */
    void addAll(LandmarkTriplets.ThreeMoments three) {
      int needed = size + three.queryCount();
      if (needed > hashes.length) {
        int capacity = Math.max(needed, 2 * hashes.length);
        hashes = Arrays.copyOf(hashes, capacity);
        anchors = Arrays.copyOf(anchors, capacity);
      }
      size = three.forQuery(hashes, anchors, size);
    }

    @Override
    public void accept(int hash, double anchorTimeS) {
      if (size == hashes.length) {
        hashes = Arrays.copyOf(hashes, size * 2);
        anchors = Arrays.copyOf(anchors, size * 2);
      }
      hashes[size] = hash;
      anchors[size++] = anchorTimeS;
    }
  }
}
