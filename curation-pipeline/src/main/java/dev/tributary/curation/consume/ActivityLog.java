package dev.tributary.curation.consume;

import dev.tributary.schema.VerdictStatus;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per interval saying what the consumer thread did since the last one: events read,
 * episodes committed by verdict, commits, the partitions it owns and which of them are paused,
 * incomplete and held episodes. A pipeline that logs nothing else while it works would otherwise
 * look the same as one that is stuck. An idle interval is logged too (every fifth one), so a silent
 * log always means a thread that does not come back to its loop. Plain logic, consumer thread only;
 * time is passed in.
 */
final class ActivityLog {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityLog.class);
  private static final int IDLE_EVERY = 5;

  private final String instanceId;
  private final PipelineMetrics metrics;
  private final long intervalMillis;
  private long since;
  private long events;
  private long commits;
  private final long[] verdicts = new long[VerdictStatus.values().length];
  private int idleIntervals;

  ActivityLog(String instanceId, PipelineMetrics metrics, long intervalMillis, long nowMillis) {
    this.instanceId = instanceId;
    this.metrics = metrics;
    this.intervalMillis = intervalMillis;
    this.since = nowMillis;
    remember();
  }

  /**
   * Logs the interval's line when it is over; returns it (null when not due, or idle and not the
   * fifth idle interval in a row).
   */
  String logIfDue(long nowMillis, Set<Integer> owned, Set<Integer> paused) {
    if (nowMillis - since < intervalMillis) {
      return null;
    }
    long seconds = Math.round((nowMillis - since) / 1000.0);
    long newEvents = metrics.events() - events;
    long newCommits = metrics.commits() - commits;
    StringBuilder decided = new StringBuilder();
    long episodes = 0;
    for (VerdictStatus s : VerdictStatus.values()) {
      long n = metrics.verdicts(s) - verdicts[s.ordinal()];
      if (n > 0) {
        decided.append(decided.length() == 0 ? "" : ", ").append(n).append(' ').append(s.name());
        episodes += n;
      }
    }
    boolean idle = newEvents == 0 && newCommits == 0;
    idleIntervals = idle ? idleIntervals + 1 : 0;
    since = nowMillis;
    remember();
    if (idle && idleIntervals % IDLE_EVERY != 1) {
      return null;
    }
    String line =
        String.format(
            "%s in the last %d s: %d events read, %d episodes committed%s in %d commits; owns"
                + " partitions %s%s; %d incomplete episodes buffered, %d held",
            instanceId,
            seconds,
            newEvents,
            episodes,
            decided.length() == 0 ? "" : " (" + decided + ")",
            newCommits,
            new TreeSet<>(owned),
            paused.isEmpty() ? "" : ", paused " + new TreeSet<>(paused),
            metrics.buffered(),
            metrics.heldEpisodes());
    LOG.info(line);
    return line;
  }

  private void remember() {
    events = metrics.events();
    commits = metrics.commits();
    for (VerdictStatus s : VerdictStatus.values()) {
      verdicts[s.ordinal()] = metrics.verdicts(s);
    }
  }
}
