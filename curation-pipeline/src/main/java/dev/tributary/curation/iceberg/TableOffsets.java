package dev.tributary.curation.iceberg;

import dev.tributary.schema.table.CuratedTables;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The Kafka progress recorded in one table's snapshot summaries, per partition of one topic.
 *
 * <ul>
 *   <li>{@code tributary.offsets.<topic>.<partition>} = NEXT: every event below it has been decided
 *       for this table (its episode is in the table, or needs no row here).
 *   <li>{@code tributary.restart-offsets.<topic>.<partition>} = SAFE: a restart must re-read from
 *       here, because the events of episodes that were still incomplete (or whose verdicts were not
 *       yet published) start here.
 * </ul>
 *
 * Each instance writes only the partitions it owns, so the latest value of a partition may be in an
 * older snapshot: restore walks the history back until every partition is found.
 */
public final class TableOffsets {
  /** Summary key prefix of the SAFE (restart) offsets; NEXT uses {@link #NEXT_PREFIX}. */
  public static final String SAFE_PREFIX = "tributary.restart-offsets.";

  public static final String NEXT_PREFIX = CuratedTables.OFFSETS_SUMMARY_PREFIX;

  private final Map<Integer, Long> next;
  private final Map<Integer, Long> safe;

  private TableOffsets(Map<Integer, Long> next, Map<Integer, Long> safe) {
    this.next = next;
    this.safe = safe;
  }

  /**
   * Reads the latest NEXT and SAFE of every partition of {@code topic} from the table's current
   * snapshot and its ancestors.
   *
   * @param partitions the partitions of interest; the walk stops once all are found
   */
  public static TableOffsets restore(Table table, String topic, Set<Integer> partitions) {
    table.refresh();
    Map<Integer, Long> next = new HashMap<>();
    Map<Integer, Long> safe = new HashMap<>();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return new TableOffsets(next, safe);
    }
    String nextPrefix = NEXT_PREFIX + topic + ".";
    String safePrefix = SAFE_PREFIX + topic + ".";
    for (Snapshot s : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      Map<String, String> summary = s.summary();
      if (summary == null) {
        continue;
      }
      for (Map.Entry<String, String> e : summary.entrySet()) {
        collect(e, nextPrefix, next);
        collect(e, safePrefix, safe);
      }
      if (next.keySet().containsAll(partitions) && safe.keySet().containsAll(partitions)) {
        break;
      }
    }
    return new TableOffsets(next, safe);
  }

  private static void collect(Map.Entry<String, String> e, String prefix, Map<Integer, Long> out) {
    String key = e.getKey();
    if (!key.startsWith(prefix)) {
      return;
    }
    try {
      int partition = Integer.parseInt(key.substring(prefix.length()));
      out.putIfAbsent(partition, Long.parseLong(e.getValue()));
    } catch (NumberFormatException ignored) {
      // not ours (e.g. another topic whose name extends this one); skip
    }
  }

  public OptionalLong next(int partition) {
    Long v = next.get(partition);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /** SAFE, or NEXT when a writer recorded only NEXT. */
  public OptionalLong safe(int partition) {
    Long v = safe.get(partition);
    return v == null ? next(partition) : OptionalLong.of(v);
  }

  /** Summary entries recording this progress of one partition. */
  public static Map<String, String> summary(String topic, int partition, long next, long safe) {
    return Map.of(
        NEXT_PREFIX + topic + "." + partition,
        Long.toString(next),
        SAFE_PREFIX + topic + "." + partition,
        Long.toString(safe));
  }
}
