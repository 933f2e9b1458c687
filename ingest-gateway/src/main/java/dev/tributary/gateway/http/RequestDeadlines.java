package dev.tributary.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers {@code 503 request_timeout} (through the router's failure handler) for requests still
 * unanswered after their route's timeout, like Vert.x Web's {@code TimeoutHandler}, but without one
 * timer per request: each event loop keeps its requests in flight in an intrusive linked list (O(1)
 * to add and to remove when the request ends) and one periodic timer per event loop sweeps it. A
 * request is answered at most one sweep period after its deadline.
 *
 * <p>Thread confinement: a request, its end handler and the sweep of its event loop all run on the
 * same event-loop thread (the context of the HTTP server instance that accepted the connection), so
 * each list is touched by one thread only and needs no lock. Lists are per thread ({@link
 * ThreadLocal}), not per server instance, so this also holds when instances share a loop.
 */
final class RequestDeadlines {
  private final long periodMs;
  private final ThreadLocal<Loop> loops = new ThreadLocal<>();
  private final java.util.Set<Loop> allLoops = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * @param shortestTimeoutMs the shortest timeout any route uses; the sweep period is a tenth of
   *     it, between 5 ms and 1 s
   */
  RequestDeadlines(long shortestTimeoutMs) {
    this.periodMs = Math.max(5, Math.min(1000, shortestTimeoutMs / 10));
  }

  long periodMs() {
    return periodMs;
  }

  /** Requests being watched, over all event loops (a racy sum, for tests and diagnostics). */
  int watched() {
    int n = 0;
    for (Loop loop : allLoops) {
      n += loop.size();
    }
    return n;
  }

  /** Event loops that have served a request so far. */
  int loops() {
    return allLoops.size();
  }

  /** A route handler: the request fails with 503 when it is not answered within {@code ms}. */
  Handler<RoutingContext> handler(long timeoutMs) {
    long timeoutNanos = timeoutMs * 1_000_000L;
    return ctx -> {
      Loop loop = loops.get();
      if (loop == null) {
        loop = new Loop();
        loops.set(loop);
        allLoops.add(loop);
        Loop started = loop;
        // Called on the event loop, so the timer runs on this context, i.e. on this thread.
        ctx.vertx().setPeriodic(periodMs, periodMs, id -> started.sweep(System.nanoTime()));
      }
      Entry entry = loop.add(ctx, System.nanoTime() + timeoutNanos);
      Loop owner = loop;
      ctx.addEndHandler(done -> owner.remove(entry));
      ctx.next();
    };
  }

  /** One request in flight. */
  static final class Entry {
    final RoutingContext ctx;
    final long deadlineNanos;
    Entry prev;
    Entry next;
    boolean linked;

    Entry(RoutingContext ctx, long deadlineNanos) {
      this.ctx = ctx;
      this.deadlineNanos = deadlineNanos;
    }
  }

  /** The requests in flight on one event-loop thread, oldest first. Confined to that thread. */
  static final class Loop {
    private Entry head;
    private Entry tail;
    private volatile int size; // written by the owning thread only; read by watched()

    Entry add(RoutingContext ctx, long deadlineNanos) {
      Entry e = new Entry(ctx, deadlineNanos);
      e.prev = tail;
      if (tail == null) {
        head = e;
      } else {
        tail.next = e;
      }
      tail = e;
      e.linked = true;
      size++;
      return e;
    }

    void remove(Entry e) {
      if (!e.linked) {
        return;
      }
      if (e.prev == null) {
        head = e.next;
      } else {
        e.prev.next = e.next;
      }
      if (e.next == null) {
        tail = e.prev;
      } else {
        e.next.prev = e.prev;
      }
      e.prev = null;
      e.next = null;
      e.linked = false;
      size--;
    }

    int size() {
      return size;
    }

    /**
     * Fails every request past its deadline. Deadlines of different routes differ, so the whole
     * list is walked (it holds at most the requests in flight on this loop).
     */
    void sweep(long nowNanos) {
      Entry e = head;
      while (e != null) {
        Entry next = e.next;
        if (nowNanos - e.deadlineNanos >= 0) {
          remove(e);
          if (!e.ctx.response().ended() && !e.ctx.response().closed() && !e.ctx.failed()) {
            e.ctx.fail(503);
          }
        }
        e = next;
      }
    }
  }
}
