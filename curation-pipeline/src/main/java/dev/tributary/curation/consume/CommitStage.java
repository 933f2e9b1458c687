package dev.tributary.curation.consume;

/** Points of a commit cycle, in order; a {@link CommitStageListener} hears each one. */
public enum CommitStage {
  /** A cycle with work to commit began; nothing of it is in the tables yet. */
  CYCLE_STARTED,
  /** The {@code frames} table commit succeeded (or had nothing to write). */
  FRAMES_COMMITTED,
  /** The {@code episodes} table commit succeeded (or had nothing to write). */
  EPISODES_COMMITTED,
  /** The verdicts of the cycle are durable in Kafka. */
  VERDICTS_PUBLISHED
}
