package dev.tributary.curation.video;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The video path's one-off costs, paid once per process at start-up on a thread of its own instead
 * of by the first episode with a video on the curation thread: FFmpeg's native libraries loaded
 * (0.15-0.16 s of CPU measured in a fresh JVM; what the first {@code FrameSampler} call would do)
 * and a first request to the video store ({@link S3VideoSource#probe()}: the SDK's request
 * pipeline, signer and HTTP client initialised; it also tells at start-up whether the store
 * answers). The curation thread waits for it (at most {@link #MAX_WAIT}) before its first poll.
 * What it cost is logged and kept ({@link #cpuNanos()}); nothing is skipped: the same work,
 * earlier, elsewhere.
 */
public final class VideoWarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(VideoWarmUp.class);

  /** The curation thread does not wait longer (e.g. for a store that does not answer). */
  public static final Duration MAX_WAIT = Duration.ofSeconds(10);

  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long cpuNanos = -1;

  private VideoWarmUp() {}

  /** Nothing to warm up (joints only): done, no CPU. */
  public static VideoWarmUp none() {
    VideoWarmUp w = new VideoWarmUp();
    w.cpuNanos = 0;
    w.done.countDown();
    return w;
  }

  /** Starts the warm-up on a daemon thread {@code curation-<instance>-warm-up}. */
  public static VideoWarmUp start(S3VideoSource store, String instanceId) {
    VideoWarmUp w = new VideoWarmUp();
    Thread t = new Thread(() -> w.run(store, instanceId), "curation-" + instanceId + "-warm-up");
    t.setDaemon(true);
    t.start();
    return w;
  }

  private void run(S3VideoSource store, String instanceId) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long cpu0 = mx.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    try {
      Loader.load(avutil.class);
      Loader.load(avcodec.class);
      Loader.load(avformat.class);
      Loader.load(swscale.class);
      long libraries = mx.getCurrentThreadCpuTime() - cpu0;
      String store1 = store.probe();
      cpuNanos = mx.getCurrentThreadCpuTime() - cpu0;
      LOG.info(
          "{}: video path warmed up in {} ms of CPU ({} ms wall): FFmpeg's libraries loaded ({} ms"
              + " of CPU), {}",
          instanceId,
          cpuNanos / 1_000_000,
          (System.nanoTime() - wall0) / 1_000_000,
          libraries / 1_000_000,
          store1);
    } catch (RuntimeException | LinkageError e) {
      cpuNanos = mx.getCurrentThreadCpuTime() - cpu0;
      // The first episode with a video meets the same problem and reports it where it matters.
      LOG.warn("{}: warming up the video path failed: {}", instanceId, e.toString());
    } finally {
      done.countDown();
    }
  }

  /** Blocks until the warm-up is done, at most {@link #MAX_WAIT}. */
  public void await() {
    try {
      if (!done.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("video warm-up not done after {} s; curating without waiting", MAX_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The warm-up thread's CPU time in nanoseconds; -1 while it runs. */
  public long cpuNanos() {
    return cpuNanos;
  }
}
