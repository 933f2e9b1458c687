package dev.tributary.curation.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.schema.VerdictStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActivityLogTest {
  private final PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
  private final ActivityLog log = new ActivityLog("curation-1", metrics, 60_000, 0);

  @Test
  void saysWhatTheIntervalDidOnceItIsOver() {
    for (int i = 0; i < 7; i++) {
      metrics.eventConsumed();
    }
    metrics.decided(VerdictStatus.ACCEPTED);
    metrics.decided(VerdictStatus.ACCEPTED);
    metrics.decided(VerdictStatus.REJECTED);
    metrics.committed(Duration.ofMillis(5));
    metrics.buffered(2);

    assertThat(log.logIfDue(59_999, Set.of(0, 1), Set.of())).isNull();
    assertThat(log.logIfDue(60_000, Set.of(2, 0, 1), Set.of(1)))
        .isEqualTo(
            "curation-1 in the last 60 s: 7 events read, 3 episodes committed (2 ACCEPTED, 1"
                + " REJECTED) in 1 commits; owns partitions [0, 1, 2], paused [1]; 2 incomplete"
                + " episodes buffered, 0 held");
    // the next interval counts from there
    metrics.eventConsumed();
    assertThat(log.logIfDue(120_000, Set.of(0), Set.of()))
        .startsWith(
            "curation-1 in the last 60 s: 1 events read, 0 episodes committed in 0 commits");
  }

  @Test
  void anIdleStretchIsLoggedAtItsStartAndThenEveryFifthInterval() {
    int logged = 0;
    for (int i = 1; i <= 11; i++) {
      String line = log.logIfDue(i * 60_000L, Set.of(3), Set.of());
      if (line != null) {
        logged++;
        assertThat(line).contains("0 events read").contains("owns partitions [3]");
      }
    }
    assertThat(logged).as("intervals 1, 6 and 11 of an idle stretch").isEqualTo(3);
  }
}
