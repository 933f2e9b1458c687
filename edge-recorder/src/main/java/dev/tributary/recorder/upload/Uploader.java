package dev.tributary.recorder.upload;

import dev.tributary.recorder.spool.EpisodeLedger;
import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads every complete episode of a spool, oldest first, a bounded number at once, resuming each
 * from its ledger. Retries forever (backoff with full jitter, {@code Retry-After} honoured); a
 * permanently rejected episode is marked FAILED with the gateway's reason and not retried.
 */
public final class Uploader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);

  private final Spool spool;
  private final GatewayClient client;
  private final UploaderConfig config;
  private final Backoff backoff;
  private final LinkedHashSet<String> queue = new LinkedHashSet<>();
  private final Map<String, Activity> active = new ConcurrentHashMap<>();
  private final List<Consumer<EpisodeLedger>> listeners = new CopyOnWriteArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final String name;
  // Video parts of all episodes in flight: partConcurrency per episode worker.
  private final ExecutorService partPool;

  /** What a worker is doing with an episode right now. */
  public record Activity(boolean retrying, String lastError) {}

  public Uploader(Spool spool, GatewayClient client, UploaderConfig config, String name) {
    this.spool = spool;
    this.client = client;
    this.config = config;
    this.name = name;
    this.backoff = new Backoff(config.backoffBase(), config.backoffCap(), new Random());
    AtomicInteger partThreads = new AtomicInteger();
    this.partPool =
        Executors.newFixedThreadPool(
            config.concurrency() * config.partConcurrency(),
            r -> {
              Thread t = new Thread(r, name + "-part-" + partThreads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Called after each episode whose commit the gateway acknowledged. */
  public void onAcknowledged(Consumer<EpisodeLedger> listener) {
    listeners.add(listener);
  }

  /** Starts the workers; picks up every pending episode and every one completed later. */
  public synchronized Uploader start() {
    spool.onEpisodeComplete(this::enqueue);
    spool.pendingUploads().forEach(this::enqueue);
    for (int i = 0; i < config.concurrency(); i++) {
      Thread worker = new Thread(this::work, name + "-upload-" + i);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    return this;
  }

  public void enqueue(String episodeId) {
    synchronized (queue) {
      if (!active.containsKey(episodeId)) {
        queue.add(episodeId);
        queue.notifyAll();
      }
    }
  }

  /** Episodes being uploaded right now, with whether they are waiting to retry. */
  public Map<String, Activity> activity() {
    return Map.copyOf(active);
  }

  public GatewayClient client() {
    return client;
  }

  private void work() {
    while (closed.getCount() > 0) {
      String episodeId;
      try {
        episodeId = take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        EpisodeLedger result =
            new EpisodeUpload(
                    spool, client, config, backoff, this::pause, new Tracker(), partPool, episodeId)
                .run();
        if (result != null && result.state() == EpisodeState.ACKNOWLEDGED) {
          listeners.forEach(l -> l.accept(result));
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        // The spool itself failed (disk error): keep the episode queued, try again later.
        LOG.error(
            "episode {}: upload interrupted by a local error ({}); retrying in {} s",
            episodeId,
            e.toString(),
            backoff.cap().toSeconds());
        try {
          pause(backoff.cap());
        } catch (InterruptedException interrupted) {
          return;
        }
        enqueueLater(episodeId);
      } finally {
        active.remove(episodeId);
      }
    }
  }

  private void enqueueLater(String episodeId) {
    EpisodeLedger ledger = spool.ledger(episodeId);
    if (ledger != null && !ledger.state().isFinal()) {
      synchronized (queue) {
        queue.add(episodeId);
        queue.notifyAll();
      }
    }
  }

  private String take() throws InterruptedException {
    synchronized (queue) {
      while (queue.isEmpty()) {
        if (closed.getCount() == 0) {
          throw new InterruptedException("closed");
        }
        queue.wait(1000);
      }
      var it = queue.iterator();
      String id = it.next();
      it.remove();
      active.put(id, new Activity(false, null));
      return id;
    }
  }

  void pause(Duration delay) throws InterruptedException {
    if (closed.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new InterruptedException("uploader closed");
    }
  }

  /** Stops promptly; in-flight steps are abandoned and resumed from the ledger next time. */
  @Override
  public void close() {
    closed.countDown();
    synchronized (queue) {
      queue.notifyAll();
    }
    workers.forEach(Thread::interrupt);
    partPool.shutdownNow();
    for (Thread worker : workers) {
      try {
        worker.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Lets an episode upload wait for a retry, waking at once when the uploader closes. */
  @FunctionalInterface
  interface Pauser {
    void pause(Duration delay) throws InterruptedException;
  }

  /** Records what each worker is doing, for status. */
  final class Tracker {
    void uploading(String episodeId) {
      active.put(episodeId, new Activity(false, null));
    }

    void retrying(String episodeId, String reason) {
      active.put(episodeId, new Activity(true, reason));
    }
  }
}
