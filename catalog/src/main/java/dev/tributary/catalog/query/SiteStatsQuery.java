package dev.tributary.catalog.query;

import java.time.Clock;
import java.util.List;

/**
 * Episodes, hours, verdicts and joint samples per site, read from {@code tributary.episodes} at its
 * current snapshot: the per-site part of a {@link CorpusScan}. Plain Iceberg, no framework:
 * callable from the CLI, the HTTP service and tests. Skips the scan while no new snapshot was
 * committed. Not thread-safe; callers that share one instance serialise {@link #run()}.
 */
public final class SiteStatsQuery {

  private final CorpusScan scan;

  public SiteStatsQuery(org.apache.iceberg.catalog.Catalog catalog) {
    this.scan = new CorpusScan(catalog, Clock.systemUTC());
  }

  /**
   * Scans the latest snapshot of the episodes table.
   *
   * @return one row per site, most episodes first (ties by site id); empty while the pipeline has
   *     not created the table yet
   */
  public List<SiteStats> run() {
    return scan.run().sites();
  }
}
