package dev.tributary.gateway.status;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the gateway can do its job: Kafka and the object store both answer. Probed in the
 * background every {@code interval} (each probe bounded by its own timeout), so {@code
 * /health/ready} answers from a cached value and never blocks the event loop.
 */
public final class Readiness implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

  /** The latest probe results. */
  public record State(boolean kafka, boolean objectStore, boolean draining) {
    public boolean ready() {
      return kafka && objectStore && !draining;
    }
  }

  private final BooleanSupplier kafkaProbe;
  private final BooleanSupplier objectStoreProbe;
  private final ScheduledExecutorService scheduler;
  private volatile State state = new State(false, false, false);

  public Readiness(BooleanSupplier kafkaProbe, BooleanSupplier objectStoreProbe) {
    this.kafkaProbe = kafkaProbe;
    this.objectStoreProbe = objectStoreProbe;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gateway-readiness");
              t.setDaemon(true);
              return t;
            });
  }

  /** Probes once now (blocking), then every {@code interval} in the background. */
  public void start(Duration interval) {
    probe();
    scheduler.scheduleWithFixedDelay(
        this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void probe() {
    boolean kafka = safely(kafkaProbe);
    boolean store = safely(objectStoreProbe);
    State before;
    synchronized (this) {
      // Read and write under the lock so a drain() in between is not lost.
      before = state;
      state = new State(kafka, store, before.draining());
    }
    if (before.kafka() != kafka || before.objectStore() != store) {
      LOG.info("readiness: kafka {}, object store {}", up(kafka), up(store));
    }
  }

  private static String up(boolean ok) {
    return ok ? "answers" : "does NOT answer";
  }

  private static boolean safely(BooleanSupplier probe) {
    try {
      return probe.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Marks the gateway as shutting down: not ready from now on. */
  public synchronized void drain() {
    State s = state;
    state = new State(s.kafka(), s.objectStore(), true);
  }

  public State state() {
    return state;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
