package dev.tributary.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SiteRateLimiterTest {
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final SiteRateLimiter limiter = new SiteRateLimiter(2, 3, nanos::get);

  @Test
  void aSiteMaySendItsBurstThenMustWait() {
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isEqualTo(1);
  }

  @Test
  void tokensComeBackAtTheConfiguredRate() {
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("a");
    }
    nanos.addAndGet(500_000_000L);
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isPositive();
  }

  @Test
  void aBatchTakesOneTokenPerChunkAllOrNone() {
    assertThat(limiter.tryAcquire("a", 2)).isZero();
    assertThat(limiter.tryAcquire("a", 2)).isPositive(); // one token left: nothing taken
    assertThat(limiter.tryAcquire("a", 1)).isZero();
    assertThat(limiter.tryAcquire("a", 1)).isPositive();
    assertThat(limiter.tryAcquire("a", 0)).isZero();
  }

  @Test
  void oneSiteDoesNotSpendAnotherSitesBudget() {
    for (int i = 0; i < 5; i++) {
      limiter.tryAcquire("a");
    }
    assertThat(limiter.tryAcquire("b")).isZero();
  }

  @Test
  void theByteBudgetRefusesWhatDoesNotFitButNeverStarvesOneLargeRequest() {
    ByteBudget budget = new ByteBudget(100);
    assertThat(budget.tryAcquire(500)).isTrue();
    assertThat(budget.tryAcquire(1)).isFalse();
    budget.release(500);
    assertThat(budget.tryAcquire(60)).isTrue();
    assertThat(budget.tryAcquire(60)).isFalse();
    assertThat(budget.tryAcquire(40)).isTrue();
  }
}
