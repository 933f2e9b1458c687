package dev.tributary.recorder.spool;

/** Where an episode stands in the spool. Stored in its ledger by name. */
public enum EpisodeState {
  /** Being recorded; not complete, never uploaded. */
  RECORDING,
  /** Complete and durable on disk; nothing acknowledged by the gateway yet. */
  SPOOLED,
  /** Some steps acknowledged by the gateway, the commit not yet. */
  UPLOADING,
  /** The gateway acknowledged the commit (202); the data files are deleted, the ledger stays. */
  ACKNOWLEDGED,
  /** The gateway rejected the episode permanently; data kept on disk with the reason. */
  FAILED,
  /** Interrupted before anything worth delivering was durable; nothing to upload. */
  DISCARDED;

  public boolean isFinal() {
    return this == ACKNOWLEDGED || this == FAILED || this == DISCARDED;
  }
}
