package dev.tributary.curation.consume;

/** Progress of one owned partition: what the tables recorded and what has been read. */
final class PartitionProgress {
  final int partition;

  /** NEXT recorded in {@code episodes}: completions below it are already written there. */
  long nextEpisodes;

  /** NEXT recorded in {@code frames}. */
  long nextFrames;

  /** SAFE last recorded (both tables record the same value). */
  long safe;

  /** Next offset to read: one past the last record handled. */
  long position;

  PartitionProgress(int partition, long nextEpisodes, long nextFrames, long safe, long position) {
    this.partition = partition;
    this.nextEpisodes = nextEpisodes;
    this.nextFrames = nextFrames;
    this.safe = safe;
    this.position = position;
  }

  /** Below this offset every record was handled before the last checkpoint of any table. */
  long handledBefore() {
    return Math.max(nextEpisodes, nextFrames);
  }
}
