package dev.tributary.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives a {@link Fleet} against the gateway over loopback HTTP/1.1 with a pool of connections.
 *
 * <p>{@link #open} is an open injection model: calls are due at a fixed arrival rate whatever the
 * gateway does, and each latency is measured from the call's <em>intended</em> send time, so a
 * stalled gateway (or a starved generator) shows up as latency instead of silently lowering the
 * offered load (no coordinated omission). {@link #closed} keeps a fixed number of calls in flight,
 * to find the saturation throughput.
 */
public final class LoadGenerator implements AutoCloseable {
  private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(60);

  /**
   * Calls due while this many are outstanding are not sent but counted as {@code shed}: an open
   * model against a gateway that fell behind would otherwise queue without bound in this JVM.
   */
  private static final long MAX_OUTSTANDING = 8192;

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final String host;
  private final int port;

  public LoadGenerator(URI gateway, int connections) {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setPipelining(false),
            new PoolOptions().setHttp1MaxSize(connections));
    this.host = gateway.getHost();
    this.port = gateway.getPort();
  }

  /** What one load step measured. Rates and byte counts cover only the measured window. */
  public record Result(
      String label,
      double offeredPerSecond,
      double windowSeconds,
      long measuredCalls,
      long acceptedInWindow,
      long acceptedChunksInWindow,
      long acceptedChunkBytesInWindow,
      Map<Integer, Long> statuses,
      long transportErrors,
      long shedByGenerator,
      List<String> sampleErrors,
      Histogram latencyMicros) {

    /** Calls answered 202 per second (manifests, single chunks and batches alike). */
    public double acceptedPerSecond() {
      return acceptedInWindow / windowSeconds;
    }

    /** Joint chunks acknowledged per second: one per chunk call, N per batch of N. */
    public double acceptedChunksPerSecond() {
      return acceptedChunksInWindow / windowSeconds;
    }

    public double chunkMegabytesPerSecond() {
      return acceptedChunkBytesInWindow / windowSeconds / 1_000_000.0;
    }

    public long non202() {
      return statuses.entrySet().stream()
          .filter(e -> e.getKey() != 202)
          .mapToLong(Map.Entry::getValue)
          .sum();
    }

    public long fiveXx() {
      return statuses.entrySet().stream()
          .filter(e -> e.getKey() >= 500)
          .mapToLong(Map.Entry::getValue)
          .sum();
    }

    public double percentileMillis(double p) {
      return latencyMicros.getValueAtPercentile(p) / 1000.0;
    }

    /** Every call answered 202, the rate was kept up, and p99 stayed under a second. */
    public boolean sustained() {
      return non202() == 0
          && transportErrors == 0
          && shedByGenerator == 0
          && acceptedPerSecond() >= 0.97 * offeredPerSecond
          && latencyMicros.getValueAtPercentile(99) < 1_000_000;
    }

    public String summary() {
      return String.format(
          "%s: offered %.0f calls/s, accepted %.0f calls/s = %.0f chunks/s (%.2f MB/s of chunk"
              + " bodies), statuses %s,"
              + " transport errors %d, not sent (generator backlog over %d) %d, latency ms p50 %.1f"
              + " p99 %.1f p99.9 %.1f max %.1f%s",
          label,
          offeredPerSecond,
          acceptedPerSecond(),
          acceptedChunksPerSecond(),
          chunkMegabytesPerSecond(),
          statuses,
          transportErrors,
          MAX_OUTSTANDING,
          shedByGenerator,
          percentileMillis(50),
          percentileMillis(99),
          percentileMillis(99.9),
          latencyMicros.getMaxValue() / 1000.0,
          sampleErrors.isEmpty() ? "" : ", e.g. " + sampleErrors);
    }
  }

  /** Shared bookkeeping of one step. */
  private final class Step {
    final String label;
    final long windowStart;
    final long windowEnd;
    final Recorder latency = new Recorder(3_600_000_000L, 3);
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final LongAdder measuredCalls = new LongAdder();
    final LongAdder acceptedInWindow = new LongAdder();
    final LongAdder acceptedChunksInWindow = new LongAdder();
    final LongAdder acceptedBytesInWindow = new LongAdder();
    final LongAdder transportErrors = new LongAdder();
    final LongAdder shed = new LongAdder();
    final List<String> sampleErrors = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong inFlight = new AtomicLong();

    Step(String label, long windowStart, long windowEnd) {
      this.label = label;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
    }

    /** Sends one call; {@code startNanos} is its intended (open) or actual (closed) start. */
    Future<Integer> send(Fleet.Call call, long startNanos) {
      boolean measured = startNanos >= windowStart && startNanos < windowEnd;
      inFlight.incrementAndGet();
      RequestOptions options =
          new RequestOptions()
              .setMethod(HttpMethod.valueOf(call.method()))
              .setHost(host)
              .setPort(port)
              .setURI(call.path())
              .putHeader("Content-Type", call.contentType())
              .putHeader("Authorization", "Bearer " + call.token());
      return client
          .request(options)
          .compose(
              request ->
                  request
                      .send(Buffer.buffer(call.body()))
                      .compose(
                          response ->
                              response
                                  .body()
                                  .map(
                                      body -> {
                                        int status = response.statusCode();
                                        if (status != 202 && sampleErrors.size() < 3) {
                                          sampleErrors.add(status + " " + body);
                                        }
                                        return status;
                                      })))
          .andThen(
              done -> {
                long now = System.nanoTime();
                inFlight.decrementAndGet();
                if (done.succeeded() && done.result() == 202 && "chunk".equals(call.kind())) {
                  if (now >= windowStart && now < windowEnd) {
                    acceptedInWindow.increment();
                    acceptedChunksInWindow.add(call.chunks());
                    acceptedBytesInWindow.add(call.body().length);
                  }
                } else if (done.succeeded() && done.result() == 202) {
                  if (now >= windowStart && now < windowEnd) {
                    acceptedInWindow.increment();
                  }
                }
                if (!measured) {
                  return;
                }
                measuredCalls.increment();
                latency.recordValue(Math.max(0, (now - startNanos) / 1000));
                if (done.succeeded()) {
                  statuses.computeIfAbsent(done.result(), k -> new LongAdder()).increment();
                } else {
                  transportErrors.increment();
                  if (sampleErrors.size() < 3) {
                    sampleErrors.add(done.cause().toString());
                  }
                }
              });
    }

    Result finish(double offeredPerSecond) {
      long deadline = System.nanoTime() + DRAIN_NANOS;
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      Map<Integer, Long> counts = new TreeMap<>();
      statuses.forEach((k, v) -> counts.put(k, v.sum()));
      long unfinished = inFlight.get();
      return new Result(
          label,
          offeredPerSecond,
          (windowEnd - windowStart) / 1e9,
          measuredCalls.sum() + unfinished,
          acceptedInWindow.sum(),
          acceptedChunksInWindow.sum(),
          acceptedBytesInWindow.sum(),
          counts,
          transportErrors.sum() + unfinished,
          shed.sum(),
          List.copyOf(sampleErrors),
          latency.getIntervalHistogram());
    }
  }

  /**
   * Open model: {@code perSecond} calls per second, evenly spaced, for {@code warmup + measure};
   * only calls due in the measured window count.
   */
  public Result open(
      String label, Fleet fleet, double perSecond, Duration warmup, Duration measure) {
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    long windowStart = start + warmup.toNanos();
    long windowEnd = windowStart + measure.toNanos();
    Step step = new Step(label, windowStart, windowEnd);
    double periodNanos = 1e9 / perSecond;
    for (long i = 0; ; i++) {
      long intended = start + (long) (i * periodNanos);
      if (intended >= windowEnd) {
        break;
      }
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      if (step.inFlight.get() >= MAX_OUTSTANDING) {
        if (intended >= windowStart) {
          step.shed.increment();
        }
        continue;
      }
      step.send(fleet.next(), intended);
    }
    return step.finish(perSecond);
  }

  /** Closed model: {@code concurrency} calls always in flight; the throughput it reaches. */
  public Result closed(
      String label, Fleet fleet, int concurrency, Duration warmup, Duration measure) {
    long start = System.nanoTime();
    long windowStart = start + warmup.toNanos();
    long windowEnd = windowStart + measure.toNanos();
    Step step = new Step(label, windowStart, windowEnd);
    for (int i = 0; i < concurrency; i++) {
      loop(step, fleet, windowEnd);
    }
    while (System.nanoTime() < windowEnd) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    Result r = step.finish(0);
    return r;
  }

  private void loop(Step step, Fleet fleet, long windowEnd) {
    long now = System.nanoTime();
    if (now >= windowEnd) {
      return;
    }
    Fleet.Call call;
    synchronized (fleet) {
      call = fleet.next();
    }
    step.send(call, now).onComplete(done -> loop(step, fleet, windowEnd));
  }

  @Override
  public void close() {
    try {
      client.close().await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // closing anyway: the Vert.x instance below takes the client with it
    } finally {
      vertx.close();
    }
  }
}
