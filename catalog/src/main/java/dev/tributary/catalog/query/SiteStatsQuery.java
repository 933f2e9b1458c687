package dev.tributary.catalog.query;

import dev.tributary.schema.table.CuratedTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Episodes, hours, verdicts and joint samples per site, read from {@code tributary.episodes} at its
 * current snapshot. Plain Iceberg, no framework: callable from the CLI, the HTTP service and tests.
 * Remembers the last result and skips the scan while no new snapshot was committed. Not
 * thread-safe; callers that share one instance serialise {@link #run()}.
 */
public final class SiteStatsQuery {

  static final List<String> COLUMNS = List.of("site_id", "status", "duration_s", "sample_count");

  private final Catalog catalog;
  private Table episodes;
  private long lastSnapshotId;
  private List<SiteStats> lastResult;

  public SiteStatsQuery(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Scans the latest snapshot of the episodes table.
   *
   * @return one row per site, most episodes first (ties by site id); empty while the pipeline has
   *     not created the table yet
   */
  public List<SiteStats> run() {
    Table table = currentEpisodesTable();
    Snapshot snapshot = table == null ? null : table.currentSnapshot();
    if (snapshot == null) {
      return List.of();
    }
    if (lastResult != null && snapshot.snapshotId() == lastSnapshotId) {
      return lastResult; // nothing committed since the last scan
    }
    Map<String, Accumulator> bySite = new HashMap<>();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId()).select(COLUMNS).build()) {
      for (Record row : rows) {
        String site = (String) row.getField("site_id");
        bySite.computeIfAbsent(site, Accumulator::new).add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("closing the scan of " + CuratedTables.EPISODES, e);
    }
    List<SiteStats> result = new ArrayList<>(bySite.size());
    bySite.values().forEach(acc -> result.add(acc.toStats()));
    result.sort(
        Comparator.comparingLong(SiteStats::episodes).reversed().thenComparing(SiteStats::siteId));
    lastSnapshotId = snapshot.snapshotId();
    lastResult = List.copyOf(result);
    return lastResult;
  }

  /** The episodes table at its newest committed metadata, or null when it does not exist. */
  private Table currentEpisodesTable() {
    if (episodes != null) {
      try {
        episodes.refresh();
        return episodes;
      } catch (NoSuchTableException e) {
        episodes = null; // dropped since the last run; look it up afresh below
      }
    }
    try {
      episodes = catalog.loadTable(CuratedTables.EPISODES);
      return episodes;
    } catch (NoSuchTableException e) {
      return null;
    }
  }

  private static final class Accumulator {
    private final String siteId;
    private long episodes;
    private double seconds;
    private long accepted;
    private long flagged;
    private long rejected;
    private long duplicates;
    private long frames;

    Accumulator(String siteId) {
      this.siteId = siteId;
    }

    void add(Record row) {
      episodes++;
      Double duration = (Double) row.getField("duration_s");
      if (duration != null && Double.isFinite(duration)) {
        seconds += duration;
      }
      Integer samples = (Integer) row.getField("sample_count");
      if (samples != null) {
        frames += samples;
      }
      String status = (String) row.getField("status");
      switch (status == null ? "" : status) {
        case "ACCEPTED" -> accepted++;
        case "ACCEPTED_WITH_FLAGS" -> flagged++;
        case "REJECTED" -> rejected++;
        case "DUPLICATE" -> duplicates++;
        default -> {
          // A status added after this reader was built: counted in episodes, in no bucket.
        }
      }
    }

    SiteStats toStats() {
      return new SiteStats(
          siteId, episodes, seconds / 3600.0, accepted, flagged, rejected, duplicates, frames);
    }
  }
}
