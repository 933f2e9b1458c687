package dev.tributary.curation.consume;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.assembly.QuarantinedEpisode;
import dev.tributary.curation.verdict.Decision;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The arithmetic of a checkpoint (module README, "Exactly once: the protocol"), as pure functions
 * of what the tables recorded and what is still in flight, so every rule is unit-tested on plain
 * numbers. NEXT: every event below it is decided for that table. SAFE: a restart reads from here.
 */
final class ProgressMath {
  private ProgressMath() {}

  /**
   * NEXT of both tables and SAFE of one partition for the next checkpoint.
   *
   * @param recorded what the tables hold, and the partition's read position
   * @param held the episode held while the video store is down, if any: it is not decided, so its
   *     completing event must stay at or above NEXT, and its first event at or above SAFE
   * @param lowestPending the first offset of the oldest incomplete episode in the assembler
   * @param lowestInBatch the first offset of the oldest episode decided but not yet committed
   */
  static TableCommitter.Progress next(
      PartitionProgress recorded,
      Optional<AssembledEpisode> held,
      OptionalLong lowestPending,
      OptionalLong lowestInBatch) {
    long decidedBefore = recorded.position;
    long safe = recorded.position;
    if (held.isPresent()) {
      decidedBefore = Math.min(decidedBefore, held.get().completingOffset());
      safe = Math.min(safe, held.get().firstOffset());
    }
    // Each table keeps its own NEXT: while a replay is below a table's NEXT, that table's episodes
    // are still being skipped, so its NEXT must not move to the other table's.
    long nextEpisodes = Math.max(decidedBefore, recorded.nextEpisodes);
    long nextFrames = Math.max(decidedBefore, recorded.nextFrames);
    if (lowestPending.isPresent()) {
      safe = Math.min(safe, lowestPending.getAsLong());
    }
    if (lowestInBatch.isPresent()) {
      safe = Math.min(safe, lowestInBatch.getAsLong());
    }
    boolean changed =
        nextEpisodes != recorded.nextEpisodes
            || nextFrames != recorded.nextFrames
            || safe != recorded.safe;
    return new TableCommitter.Progress(recorded.partition, nextEpisodes, nextFrames, safe, changed);
  }

  /** Per partition, the first offset of the oldest episode waiting for the next commit. */
  static Map<Integer, Long> lowestInBatch(
      List<PendingEpisode> batch, List<QuarantinedEpisode> quarantined) {
    Map<Integer, Long> out = new HashMap<>();
    for (PendingEpisode pe : batch) {
      out.merge(pe.episode().partition(), pe.episode().firstOffset(), Math::min);
    }
    for (QuarantinedEpisode q : quarantined) {
      out.merge(q.partition(), q.firstOffset(), Math::min);
    }
    return out;
  }

  /**
   * What a decided episode still has to write (replay rule): its row unless {@code episodes}
   * recorded its completing offset as decided, its frames (if it keeps any) unless {@code frames}
   * did; empty when both tables already have it.
   */
  static Optional<PendingEpisode> pending(
      PartitionProgress recorded, AssembledEpisode e, Decision d) {
    boolean toEpisodes = e.completingOffset() >= recorded.nextEpisodes;
    boolean toFrames = d.keepsFrames() && e.completingOffset() >= recorded.nextFrames;
    if (!toEpisodes && !toFrames) {
      return Optional.empty();
    }
    return Optional.of(new PendingEpisode(e, d, toEpisodes, toFrames));
  }

  /**
   * Where a newly assigned partition is read from: the lower SAFE of the two tables; empty (read
   * from the beginning) unless both tables recorded one.
   */
  static OptionalLong resumeFrom(OptionalLong safeEpisodes, OptionalLong safeFrames) {
    if (safeEpisodes.isPresent() && safeFrames.isPresent()) {
      return OptionalLong.of(Math.min(safeEpisodes.getAsLong(), safeFrames.getAsLong()));
    }
    return OptionalLong.empty();
  }

  /**
   * Whether a cycle commits: always when something was decided; when only offsets moved, on demand
   * (close, rebalance) or when the tables have not been written for {@code idleMillis}, so an idle
   * pipeline does not add a snapshot every interval.
   */
  static boolean commitDue(
      boolean anythingDecided,
      boolean offsetsMoved,
      boolean forced,
      long millisSinceTableCommit,
      long idleMillis) {
    return anythingDecided || (offsetsMoved && (forced || millisSinceTableCommit >= idleMillis));
  }

  /** How long offsets alone may wait for a table commit: max(30 s, 10 commit intervals). */
  static long idleCommitMillis(long commitIntervalMillis) {
    return Math.max(30_000, 10 * commitIntervalMillis);
  }
}
