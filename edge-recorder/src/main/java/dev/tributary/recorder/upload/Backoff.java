package dev.tributary.recorder.upload;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * the n-th consecutive failure waits a uniform random time in {@code [0, min(cap, base * 2^n))}. A
 * server's {@code Retry-After} takes precedence (plus up to 10% jitter so a fleet told "retry in 5
 * s" does not come back in lockstep).
 */
public final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final RandomGenerator random;

  public Backoff(Duration base, Duration cap, RandomGenerator random) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < base <= cap, got base " + base + " cap " + cap);
    }
    this.base = base;
    this.cap = cap;
    this.random = random;
  }

  /** How long to wait after the {@code failures}-th consecutive failure (1-based). */
  public Duration delay(int failures, Duration retryAfter) {
    if (retryAfter != null) {
      long millis = retryAfter.toMillis();
      return Duration.ofMillis(millis + (long) (random.nextDouble() * millis * 0.1));
    }
    int exponent = Math.min(Math.max(failures - 1, 0), 30);
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << exponent);
    if (ceiling <= 0) {
      ceiling = cap.toMillis();
    }
    return Duration.ofMillis((long) (random.nextDouble() * ceiling));
  }

  public Duration cap() {
    return cap;
  }
}
