package dev.tributary.recorder.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new Random(1));

  @Test
  void delaysStayBelowAnExponentiallyGrowingCeilingCappedAtTheMaximum() {
    for (int failures = 1; failures < 40; failures++) {
      long ceiling = Math.min(10_000, 100L << Math.min(failures - 1, 30));
      for (int i = 0; i < 50; i++) {
        assertThat(backoff.delay(failures, null).toMillis()).isBetween(0L, ceiling);
      }
    }
  }

  @Test
  void fullJitterSpreadsRetriesOverTheWholeWindow() {
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 500; i++) {
      long d = backoff.delay(8, null).toMillis();
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).isLessThan(1_000);
    assertThat(max).isGreaterThan(9_000);
  }

  @Test
  void retryAfterIsALowerBoundWithAtMostTenPercentExtra() {
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.delay(1, Duration.ofSeconds(5)).toMillis()).isBetween(5_000L, 5_500L);
    }
  }

  @Test
  void retryAfterZeroDoesNotTurnRetriesIntoABusyLoop() {
    long total = 0;
    for (int i = 0; i < 100; i++) {
      total += backoff.delay(6, Duration.ZERO).toMillis();
    }
    assertThat(total / 100).isGreaterThan(500);
  }
}
