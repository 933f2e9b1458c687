package dev.tributary.curation.dedup;

import java.util.function.Consumer;

/**
 * Thresholds of near-duplicate detection. Defaults were tuned by the dedup benchmark on one set of
 * simulated seeds and verified on another (curation-pipeline/README.md, "Near duplicates"). Issue
 * 16, second round: {@code minCorrelationOtherUnits} 0.9998 is set by hand from the tune split of
 * five motion families (every false pair there, different wipes matched through a per-joint slope
 * and offset, correlated 0.9995-0.9997; true unit-converted copies 1.0, trimmed and resampled ones
 * mostly above 0.9998), and {@code minCorrelation} 0.9985 is what the benchmark's rule then tunes
 * on them (before: 0.9995 and 0.999; with 0.999 the rule lands at 0.99975). Fourth round: the
 * alignment finds its peak between the 12.5 ms grid's points, which raised true and false pairs
 * alike; re-derived by the same rule on the tune split of the six synthetic tuning families (the
 * highest other-units false pair, a new wipe matched to another site's wipe, now 0.99981): {@code
 * minCorrelationOtherUnits} 0.99982, a margin of 0.00001 over that one pair. Sixth round: the
 * sketch smooths each joint over the source's own samples, so coarse copies carry less noise and
 * true and false pairs both correlate higher; by the same rule (two new wipes matched to other
 * sites' wipes at 0.99983 and 0.99985): 0.99986, which costs 1-2 trimmed + resampled + converted
 * copies per family on the tune split, every family still above the fifth round's recall.
 *
 * @param minVotes landmark hashes that must agree on one offset (+-0.1 s) to make a candidate
 * @param maxCandidates candidates confirmed per lookup, strongest first (bounds the lookup cost)
 * @param maxPostingsPerHash a hash held by more postings than this (1-254) is a stop word: lookups
 *     skip it entirely, so they read at most this many postings per hash (fixed when the index is
 *     built)
 * @param minEvidence votes at the offset over the votes an exact copy of the overlap would get,
 *     estimated from the stored episode's share of kept triplets (0: not used; the benchmark found
 *     it does not separate copies from new takes)
 * @param minCorrelation lowest per-joint correlation of a confirmed match
 * @param minOverlapS shortest confirmed overlap, in seconds
 * @param wholeCoverage fraction of an episode inside the overlap for it to count as covered
 * @param rateTolerance relative difference of nominal sample rates still called the same rate
 * @param maxReadsPerQueryHash postings a lookup reads at most, per hash it probes: when the bucket
 *     counts of its hashes add up to more, it walks only the rarest hashes whose whole lists fit
 *     and skips the others (a per-lookup stop-word threshold; rare hashes carry the votes that
 *     single out an episode), so the work of a lookup depends on the new episode, not on the corpus
 *     size
 * @param minCorrelationOtherUnits lowest per-joint correlation of a match whose joints do not map
 *     by the identity (a unit change, a normalisation: or a new take of the same motion, which the
 *     free per-joint slope and offset let correlate almost as well as a copy); the stricter of this
 *     and {@code minCorrelation} applies
 */
public record NearDuplicateConfig(
    int minVotes,
    int maxCandidates,
    int maxPostingsPerHash,
    double minEvidence,
    double minCorrelation,
    double minOverlapS,
    double wholeCoverage,
    double rateTolerance,
    int maxReadsPerQueryHash,
    double minCorrelationOtherUnits) {

  public NearDuplicateConfig {
    if (minVotes < 1 || maxCandidates < 1 || maxPostingsPerHash < 1 || maxReadsPerQueryHash < 1) {
      throw new IllegalArgumentException(
          "minVotes, maxCandidates, maxPostingsPerHash and maxReadsPerQueryHash must be at least 1");
    }
    if (maxPostingsPerHash > 254) {
      throw new IllegalArgumentException(
          "maxPostingsPerHash must be at most 254 (bucket counts saturate at 255), got "
              + maxPostingsPerHash);
    }
    if (!(minCorrelation > -1 && minCorrelation < 1)) {
      throw new IllegalArgumentException(
          "minCorrelation must be in (-1, 1), got " + minCorrelation);
    }
    if (!(minCorrelationOtherUnits > -1 && minCorrelationOtherUnits < 1)) {
      throw new IllegalArgumentException(
          "minCorrelationOtherUnits must be in (-1, 1), got " + minCorrelationOtherUnits);
    }
    if (!(wholeCoverage > 0 && wholeCoverage <= 1)) {
      throw new IllegalArgumentException("wholeCoverage must be in (0, 1], got " + wholeCoverage);
    }
  }

  public static NearDuplicateConfig defaults() {
    return new NearDuplicateConfig(2, 8, 40, 0.0, 0.9985, 1.2, 0.9, 0.02, 2, 0.99986);
  }

  /** The correlation a match must reach: its joints map by the identity, or not. */
  public double requiredCorrelation(boolean sameUnits) {
    return requiredCorrelation(sameUnits, false);
  }

  /**
   * The correlation a match must reach: {@code minCorrelation} when its joints map by the identity
   * or it is a conversion of units on many joints ({@code unitChange}: every one of at least 8
   * compared joints rescaled, see {@link NearDuplicateMatch#unitChange}), else the stricter of it
   * and {@code minCorrelationOtherUnits}.
   */
  public double requiredCorrelation(boolean sameUnits, boolean unitChange) {
    return sameUnits || unitChange
        ? minCorrelation
        : Math.max(minCorrelation, minCorrelationOtherUnits);
  }

  /** {@link #requiredCorrelation(boolean, boolean)} of a match. */
  public double requiredCorrelation(NearDuplicateMatch m) {
    return requiredCorrelation(m.sameUnits(), m.unitChange());
  }

  public NearDuplicateConfig withMinCorrelation(double value) {
    return with(f -> f.minCorrelation = value);
  }

  public NearDuplicateConfig withMinCorrelationOtherUnits(double value) {
    return with(f -> f.minCorrelationOtherUnits = value);
  }

  public NearDuplicateConfig withMaxPostingsPerHash(int value) {
    return with(f -> f.maxPostingsPerHash = value);
  }

  public NearDuplicateConfig withMaxReadsPerQueryHash(int value) {
    return with(f -> f.maxReadsPerQueryHash = value);
  }

  private NearDuplicateConfig with(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new NearDuplicateConfig(
        f.minVotes,
        f.maxCandidates,
        f.maxPostingsPerHash,
        f.minEvidence,
        f.minCorrelation,
        f.minOverlapS,
        f.wholeCoverage,
        f.rateTolerance,
        f.maxReadsPerQueryHash,
        f.minCorrelationOtherUnits);
  }

  /** A mutable copy for the withers (validation runs in the record's constructor). */
  private static final class Fields {
    int minVotes;
    int maxCandidates;
    int maxPostingsPerHash;
    double minEvidence;
    double minCorrelation;
    double minOverlapS;
    double wholeCoverage;
    double rateTolerance;
    int maxReadsPerQueryHash;
    double minCorrelationOtherUnits;

    Fields(NearDuplicateConfig c) {
      minVotes = c.minVotes;
      maxCandidates = c.maxCandidates;
      maxPostingsPerHash = c.maxPostingsPerHash;
      minEvidence = c.minEvidence;
      minCorrelation = c.minCorrelation;
      minOverlapS = c.minOverlapS;
      wholeCoverage = c.wholeCoverage;
      rateTolerance = c.rateTolerance;
      maxReadsPerQueryHash = c.maxReadsPerQueryHash;
      minCorrelationOtherUnits = c.minCorrelationOtherUnits;
    }
  }
}
