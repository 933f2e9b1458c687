package dev.tributary.curation.iceberg;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot expiry for {@link TableMaintenance}: tags pinned snapshots, lowers the cutoff so that
 * the latest offsets (and any chain a reader resumes from) stay reachable, then lets Iceberg expire
 * and delete what nothing references any more.
 */
final class SnapshotExpirer {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotExpirer.class);
  private static final int TAG_COMMIT_ATTEMPTS = 3;

  private final Clock clock;

  SnapshotExpirer(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param keepChainTo snapshots whose whole chain up to the current one must stay (an incremental
   *     reader resumes from them)
   */
  ExpiryResult expire(
      Table table, Duration olderThan, int retainLast, Set<Long> pinned, Set<Long> keepChainTo) {
    Optional<String> tagProblem = tagPinned(table, pinned);
    if (tagProblem.isPresent()) {
      LOG.warn(
          "expiring snapshots of {} skipped this round: {}; retrying at the next round",
          table.name(),
          tagProblem.get());
      return ExpiryResult.skipped(tagProblem.get());
    }
    table.refresh();
    Snapshot current = table.currentSnapshot();
    long cutoff = clock.millis() - olderThan.toMillis();
    if (current == null) {
      return new ExpiryResult(ExpiryResult.Outcome.EXPIRED, Set.of(), cutoff, "");
    }
    LatestOffsets offsets = LatestOffsets.of(ancestors(table, current));
    long keepOffsets = offsets.retainFromMillis();
    if (keepOffsets < cutoff) {
      LOG.info(
          "expiring snapshots of {}: keeping everything since snapshot {} because it holds the"
              + " latest offsets of a partition (a compaction copies them forward)",
          table.name(),
          offsets.oldestSourceSnapshotId());
      cutoff = keepOffsets;
    }
    for (long id : keepChainTo) {
      long keepChain = chainMinTimestamp(table, current, id);
      if (keepChain < cutoff) {
        LOG.info(
            "expiring snapshots of {}: keeping everything since snapshot {}, which a reader"
                + " resumes from",
            table.name(),
            id);
        cutoff = keepChain;
      }
    }
    Set<Long> before = snapshotIds(table);
    table.expireSnapshots().expireOlderThan(cutoff).retainLast(retainLast).commit();
    table.refresh();
    Set<Long> expired = new TreeSet<>(before);
    expired.removeAll(snapshotIds(table));
    if (!expired.isEmpty()) {
      LOG.info(
          "expired {} snapshots of {} older than {} (retaining the last {} and {} pinned)",
          expired.size(),
          table.name(),
          Instant.ofEpochMilli(cutoff),
          retainLast,
          pinned.size());
    }
    return new ExpiryResult(ExpiryResult.Outcome.EXPIRED, expired, cutoff, "");
  }

  /**
   * Makes the {@value TableMaintenance#PIN_TAG_PREFIX} tags match {@code pinned}.
   *
   * @return the problem when the tags could not be committed
   */
  private Optional<String> tagPinned(Table table, Set<Long> pinned) {
    String problem = "";
    for (int attempt = 1; attempt <= TAG_COMMIT_ATTEMPTS; attempt++) {
      table.refresh();
      Set<Long> wanted = new TreeSet<>();
      for (long id : pinned) {
        if (table.snapshot(id) != null) {
          wanted.add(id);
        } else if (attempt == 1) {
          LOG.warn(
              "snapshot {} of {} is pinned by a training set but no longer exists; that set"
                  + " cannot be rebuilt from this table",
              id,
              table.name());
        }
      }
      try {
        // another instance may change the same tags concurrently: Iceberg then rejects the ref
        // update (already exists / does not exist / stale metadata) and the next attempt re-reads
        updateTags(table, wanted);
        return Optional.empty();
      } catch (CommitFailedException | IllegalArgumentException e) {
        problem = "tagging the pinned snapshots failed: " + e.getMessage();
      }
    }
    return Optional.of(problem);
  }

  /**
   * Commits the tag changes that make the {@value TableMaintenance#PIN_TAG_PREFIX} tags equal
   * {@code wanted}.
   */
  private static void updateTags(Table table, Set<Long> wanted) {
    ManageSnapshots manage = table.manageSnapshots();
    boolean changed = false;
    Set<String> present = new HashSet<>();
    for (Map.Entry<String, SnapshotRef> ref : table.refs().entrySet()) {
      String name = ref.getKey();
      if (!name.startsWith(TableMaintenance.PIN_TAG_PREFIX) || !ref.getValue().isTag()) {
        continue;
      }
      long id = ref.getValue().snapshotId();
      if (wanted.contains(id) && name.equals(TableMaintenance.PIN_TAG_PREFIX + id)) {
        present.add(name);
      } else {
        manage.removeTag(name);
        changed = true;
      }
    }
    for (long id : wanted) {
      String name = TableMaintenance.PIN_TAG_PREFIX + id;
      if (!present.contains(name)) {
        manage.createTag(name, id).setMaxRefAgeMs(name, Long.MAX_VALUE);
        changed = true;
      }
    }
    if (changed) {
      manage.commit();
    }
  }

  /**
   * The smallest timestamp from {@code current} back to {@code ancestorId}; expiring below it keeps
   * the whole chain (an incremental scan from that snapshot needs every one). {@link
   * Long#MAX_VALUE} when it is not an ancestor.
   */
  private static long chainMinTimestamp(Table table, Snapshot current, long ancestorId) {
    long min = Long.MAX_VALUE;
    for (Snapshot s : ancestors(table, current)) {
      min = Math.min(min, s.timestampMillis());
      if (s.snapshotId() == ancestorId) {
        return min;
      }
    }
    return Long.MAX_VALUE;
  }

  private static Iterable<Snapshot> ancestors(Table table, Snapshot from) {
    return SnapshotUtil.ancestorsOf(from.snapshotId(), table::snapshot);
  }

  private static Set<Long> snapshotIds(Table table) {
    Set<Long> ids = new HashSet<>();
    table.snapshots().forEach(s -> ids.add(s.snapshotId()));
    return ids;
  }
}
