package dev.tributary.catalog.query;

import dev.tributary.schema.table.CuratedTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The most recently curated episodes of one site, with verdicts and reasons: the per-site
 * drill-down. Keeps only {@code limit} rows in memory while scanning. Thread-safe (loads the table
 * per call).
 */
public final class RecentEpisodesQuery {

  public static final int MAX_LIMIT = 500;

  private static final List<String> COLUMNS =
      List.of(
          "episode_id",
          "site_id",
          "rig_id",
          "task",
          "status",
          "reasons",
          "duplicate_of",
          "quality_score",
          "duration_s",
          "sample_count",
          "started_at",
          "curated_at");

  static final Comparator<Record> BY_CURATED_AT =
      Comparator.comparing((Record r) -> (OffsetDateTime) r.getField("curated_at"))
          .thenComparing(r -> (String) r.getField("episode_id"));

  private final Catalog catalog;

  public RecentEpisodesQuery(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * @param siteId the site to list
   * @param limit how many episodes at most, 1 to {@value #MAX_LIMIT}
   * @return newest curated first; empty when the site or the table does not exist
   */
  public List<EpisodeSummary> run(String siteId, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    Table table;
    try {
      table = catalog.loadTable(CuratedTables.EPISODES);
    } catch (NoSuchTableException e) {
      return List.of();
    }
    if (table.currentSnapshot() == null) {
      return List.of();
    }
    // Min-heap on curated_at: the oldest of the kept rows is evicted first.
    PriorityQueue<Record> newest = new PriorityQueue<>(limit + 1, BY_CURATED_AT);
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table)
            .select(COLUMNS)
            .where(Expressions.equal("site_id", siteId))
            .build()) {
      for (Record row : rows) {
        // Residual filtering is not guaranteed by the generic reader: check again.
        if (!siteId.equals(row.getField("site_id"))) {
          continue;
        }
        newest.add(row.copy());
        if (newest.size() > limit) {
          newest.poll();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("closing the scan of " + CuratedTables.EPISODES, e);
    }
    List<Record> sorted = new ArrayList<>(newest);
    sorted.sort(BY_CURATED_AT.reversed());
    return sorted.stream().map(RecentEpisodesQuery::summary).toList();
  }

  @SuppressWarnings("unchecked")
  static EpisodeSummary summary(Record r) {
    List<String> reasons = (List<String>) r.getField("reasons");
    return new EpisodeSummary(
        (String) r.getField("episode_id"),
        (String) r.getField("site_id"),
        (String) r.getField("rig_id"),
        (String) r.getField("task"),
        (String) r.getField("status"),
        reasons == null ? List.of() : List.copyOf(reasons),
        (String) r.getField("duplicate_of"),
        (Double) r.getField("quality_score"),
        (Double) r.getField("duration_s"),
        (Integer) r.getField("sample_count"),
        String.valueOf(r.getField("started_at")),
        String.valueOf(r.getField("curated_at")));
  }
}
