package dev.tributary.curation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelineStatsTest {
  private static PipelineStats stats(boolean running, String failure) {
    return new PipelineStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, running, failure);
  }

  @Test
  void aLoopThatDiedOnItsOwnSaysWhy() {
    assertThat(stats(false, "KafkaException: commit refused").stoppedOnItsOwn())
        .isEqualTo("the curation loop stopped: KafkaException: commit refused");
  }

  @Test
  void aRunningLoopOrARequestedStopIsNoFailure() {
    assertThat(stats(true, null).stoppedOnItsOwn()).isNull();
    assertThat(stats(false, null).stoppedOnItsOwn()).as("stopped when asked").isNull();
  }
}
