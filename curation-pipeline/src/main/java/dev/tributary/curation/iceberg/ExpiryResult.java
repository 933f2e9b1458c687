package dev.tributary.curation.iceberg;

import java.util.Set;

/**
 * What one {@link TableMaintenance#expireSnapshots} call did.
 *
 * @param outcome what happened
 * @param expiredSnapshotIds snapshots removed from the table metadata
 * @param cutoffMillis the {@code expireOlderThan} actually used (may be lower than asked, to keep
 *     the snapshots that hold the latest offsets)
 * @param detail why nothing was expired, for the log; empty otherwise
 */
public record ExpiryResult(
    Outcome outcome, Set<Long> expiredSnapshotIds, long cutoffMillis, String detail) {

  public enum Outcome {
    /**
     * Expiry ran (it may have found nothing old enough). Iceberg deleted the files that no retained
     * snapshot references any more.
     */
    EXPIRED,
    /**
     * Nothing was expired on purpose: the pinned snapshots could not be read or protected. Try
     * again at the next round.
     */
    SKIPPED
  }

  public ExpiryResult {
    expiredSnapshotIds = Set.copyOf(expiredSnapshotIds);
  }

  static ExpiryResult skipped(String detail) {
    return new ExpiryResult(Outcome.SKIPPED, Set.of(), Long.MIN_VALUE, detail);
  }
}
