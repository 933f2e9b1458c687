package dev.tributary.recorder.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket shared by all uploads of one recorder: at most {@code bytesPerSecond} on average,
 * with bursts up to one second's worth. So a site on a shared link can keep some bandwidth for
 * everyone else.
 */
public final class BandwidthLimiter {
  private final long bytesPerSecond;
  private double tokens;
  private long lastRefillNanos = System.nanoTime();

  public BandwidthLimiter(long bytesPerSecond) {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("bandwidth cap must be positive, got " + bytesPerSecond);
    }
    this.bytesPerSecond = bytesPerSecond;
    this.tokens = 0;
  }

  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  /** Blocks until {@code bytes} may be sent. */
  public void acquire(int bytes) throws InterruptedException {
    long waitNanos;
    synchronized (this) {
      refill();
      tokens -= bytes;
      waitNanos = tokens >= 0 ? 0 : (long) (-tokens / bytesPerSecond * 1e9);
    }
    long deadline = System.nanoTime() + waitNanos;
    while (waitNanos > 0) {
      LockSupport.parkNanos(waitNanos);
      if (Thread.interrupted()) {
        throw new InterruptedException("upload cancelled while throttled");
      }
      waitNanos = deadline - System.nanoTime();
    }
  }

  private void refill() {
    long now = System.nanoTime();
    tokens = Math.min(bytesPerSecond, tokens + (now - lastRefillNanos) / 1e9 * bytesPerSecond);
    lastRefillNanos = now;
  }

  /** Wraps a stream so reading from it is paced by this limiter. */
  public InputStream throttle(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        pace(1);
        return super.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, Math.min(len, 64 * 1024));
        if (n > 0) {
          pace(n);
        }
        return n;
      }

      private void pace(int n) throws IOException {
        try {
          acquire(n);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException(e.getMessage());
        }
      }
    };
  }
}
