package dev.tributary.curation;

import java.time.Instant;

/**
 * A snapshot of what the pipeline has done since it started.
 *
 * @param eventsConsumed ingest records read (poison and re-delivered ones included)
 * @param episodesWritten rows added to {@code episodes} (every status)
 * @param accepted of those, accepted with or without flags
 * @param duplicates of those, exact duplicates
 * @param rejected of those, rejected
 * @param quarantined episodes quarantined (incomplete in time or evicted)
 * @param deadLettered records sent to the dead-letter topic
 * @param redeliveredEvents events of already-decided episodes, skipped
 * @param bufferedEpisodes incomplete episodes in memory now
 * @param commits Iceberg commit cycles completed
 * @param lastCommitAt end of the last commit cycle, null before the first
 * @param running whether the consumer thread is running
 * @param failure why the consumer thread stopped on its own, null otherwise
 */
public record PipelineStats(
    long eventsConsumed,
    long episodesWritten,
    long accepted,
    long duplicates,
    long rejected,
    long quarantined,
    long deadLettered,
    long redeliveredEvents,
    int bufferedEpisodes,
    long commits,
    Instant lastCommitAt,
    boolean running,
    String failure) {

  /**
   * Why the pipeline's work stopped on its own ("the curation loop stopped: ..."), or null while it
   * runs or after a requested stop: what a process hosting it reports before it exits non-zero.
   */
  public String stoppedOnItsOwn() {
    return running || failure == null ? null : "the curation loop stopped: " + failure;
  }
}
