package dev.tributary.curation.consume;

/**
 * Hears each stage of a commit cycle on the consumer thread. Throwing stops the pipeline on the
 * spot, as a crash would, which is how tests exercise every crash window.
 */
@FunctionalInterface
public interface CommitStageListener {
  void reached(CommitStage stage);

  static CommitStageListener none() {
    return stage -> {};
  }
}
