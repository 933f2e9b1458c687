package dev.tributary.recorder.upload;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * the n-th consecutive failure waits a uniform random time in {@code [0, min(cap, base * 2^n))}. A
 * server's {@code Retry-After} is a lower bound (plus up to 10% jitter so a fleet told "retry in 5
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

  /**
   * How long to wait after the {@code failures}-th consecutive failure (1-based): the jittered
   * exponential delay, but never less than the server's {@code Retry-After} (a "Retry-After: 0"
   * therefore does not turn retries into a busy loop).
   */
  public Duration delay(int failures, Duration retryAfter) {
    int exponent = Math.min(Math.max(failures - 1, 0), 30);
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << exponent);
    if (ceiling <= 0) {
      ceiling = cap.toMillis();
    }
    long jittered = (long) (random.nextDouble() * ceiling);
    if (retryAfter == null) {
      return Duration.ofMillis(jittered);
    }
    long asked = retryAfter.toMillis();
    long spread = (long) (random.nextDouble() * asked * 0.1);
    return Duration.ofMillis(Math.max(jittered, asked + spread));
  }

  public Duration cap() {
    return cap;
  }
}
