package dev.tributary.gateway.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per site: {@code ratePerSecond} tokens added per second up to {@code burst};
 * each request takes one (a chunk batch one per chunk). A site that empties its bucket waits; the
 * others are not affected.
 */
public final class SiteRateLimiter {
  private final double ratePerNano;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long updatedNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedNanos = now;
    }
  }

  public SiteRateLimiter(double ratePerSecond, int burst, LongSupplier nanoClock) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /**
   * Takes a token for the site.
   *
   * @return 0 when the request may proceed, else the whole seconds to wait before retrying
   */
  public int tryAcquire(String siteId) {
    return tryAcquire(siteId, 1);
  }

  /**
   * Takes {@code tokens} for the site, all or none.
   *
   * @return 0 when the request may proceed, else the whole seconds to wait before retrying
   */
  public int tryAcquire(String siteId, int tokens) {
    if (tokens <= 0) {
      return 0;
    }
    long now = nanoClock.getAsLong();
    Bucket bucket = buckets.computeIfAbsent(siteId, id -> new Bucket(burst, now));
    synchronized (bucket) {
      double refill = (now - bucket.updatedNanos) * ratePerNano;
      bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, refill));
      bucket.updatedNanos = now;
      if (bucket.tokens >= tokens) {
        bucket.tokens -= tokens;
        return 0;
      }
      double missing = tokens - bucket.tokens;
      return (int) Math.max(1, Math.ceil(missing / ratePerNano / 1e9));
    }
  }
}
