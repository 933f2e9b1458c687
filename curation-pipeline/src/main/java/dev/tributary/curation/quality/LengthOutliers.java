package dev.tributary.curation.quality;

import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flags episodes whose duration is far from what the same site records for the same task: a
 * recording left running or cut short. Keeps, per (site, task), the running mean and variance of
 * log(duration) (Welford), so memory grows with sites x tasks, not with episodes; durations are
 * compared on a log scale because they are positive and skewed. Single-threaded.
 */
public final class LengthOutliers {
  /** Episodes of a (site, task) seen before anything is flagged. */
  public static final int MIN_EPISODES = 20;

  /** Standard deviations of log(duration) beyond which an episode is an outlier. */
  public static final double MAX_DEVIATIONS = 3.5;

  private final Map<String, Running> groups = new HashMap<>();

  /** Whether this duration is an outlier for its site and task (does not record it). */
  public boolean isOutlier(String siteId, String task, double durationSeconds) {
    Running r = groups.get(key(siteId, task));
    if (r == null || r.n < MIN_EPISODES || durationSeconds <= 0) {
      return false;
    }
    double sd = Math.sqrt(r.m2 / (r.n - 1));
    // below ~5 % spread every take is the same length (scripted); do not flag rounding
    return Math.abs(Math.log(durationSeconds) - r.mean) > MAX_DEVIATIONS * Math.max(sd, 0.05);
  }

  /** Records an accepted episode's duration. */
  public void record(String siteId, String task, double durationSeconds) {
    if (durationSeconds <= 0) {
      return;
    }
    Running r = groups.computeIfAbsent(key(siteId, task), k -> new Running());
    double x = Math.log(durationSeconds);
    r.n++;
    double delta = x - r.mean;
    r.mean += delta / r.n;
    r.m2 += delta * (x - r.mean);
  }

  private static final int STATE_TAG = 0x4C454E47; // "LENG"
  private static final int STATE_VERSION = 1;

  /** Saves every group's count, mean and M2 exactly (no re-summing on load). */
  public void writeTo(StateWriter out) {
    out.begin(STATE_TAG, STATE_VERSION);
    out.writeInt(groups.size());
    for (Map.Entry<String, Running> e : new TreeMap<>(groups).entrySet()) {
      out.writeString(e.getKey());
      out.writeLong(e.getValue().n);
      out.writeDouble(e.getValue().mean);
      out.writeDouble(e.getValue().m2);
    }
  }

  public static LengthOutliers readFrom(StateReader in) {
    in.begin(STATE_TAG, "length statistics", STATE_VERSION);
    LengthOutliers lengths = new LengthOutliers();
    int n = in.length(in.readInt(), 28);
    for (int i = 0; i < n; i++) {
      String key = in.readString();
      Running r = new Running();
      r.n = in.readLong();
      r.mean = in.readDouble();
      r.m2 = in.readDouble();
      if (key == null || r.n < 1) {
        throw in.invalid("group " + key + " with " + r.n + " episodes");
      }
      lengths.groups.put(key, r);
    }
    return lengths;
  }

  private static String key(String siteId, String task) {
    return siteId + "|" + (task == null ? "" : task.trim().toLowerCase(Locale.ROOT));
  }

  private static final class Running {
    long n;
    double mean;
    double m2;
  }
}
