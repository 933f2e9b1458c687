package dev.tributary.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bound on bytes in flight (handed to the producer, not yet acknowledged). When it is spent the
 * caller answers 503 instead of queueing without bound.
 */
public final class ByteBudget {
  private final long limit;
  private final AtomicLong used = new AtomicLong();

  public ByteBudget(long limit) {
    this.limit = limit;
  }

  /**
   * Takes {@code bytes} if they fit. A single request larger than the whole budget is let through
   * when nothing else is in flight, so a large valid chunk is never refused forever.
   */
  public boolean tryAcquire(long bytes) {
    while (true) {
      long now = used.get();
      long next = now + bytes;
      if (next > limit && now > 0) {
        return false;
      }
      if (used.compareAndSet(now, next)) {
        return true;
      }
    }
  }

  public void release(long bytes) {
    used.addAndGet(-bytes);
  }

  public long used() {
    return used.get();
  }

  public long limit() {
    return limit;
  }
}
