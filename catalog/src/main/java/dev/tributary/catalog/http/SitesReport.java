package dev.tributary.catalog.http;

import dev.tributary.catalog.query.CorpusTotals;
import dev.tributary.catalog.query.SiteStats;
import java.util.List;

/**
 * The body of {@code GET /api/v1/sites}.
 *
 * @param computedAt when the episodes table was scanned (ISO-8601, UTC)
 * @param totals the sums over all sites
 * @param sites one entry per site, most episodes first
 */
public record SitesReport(String computedAt, CorpusTotals totals, List<SiteStats> sites) {}
