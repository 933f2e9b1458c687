package dev.tributary.catalog.http;

import dev.tributary.catalog.query.CorpusSnapshot;
import dev.tributary.catalog.query.CorpusTotals;
import dev.tributary.catalog.query.EpisodeSummary;
import dev.tributary.catalog.query.MinuteCount;
import dev.tributary.catalog.query.ReasonCount;
import dev.tributary.catalog.query.SiteActivity;
import java.util.List;

/**
 * The body of {@code GET /api/v1/dashboard} and of the {@code snapshot} server-sent event: the
 * whole page's data from one scan.
 *
 * @param computedAt when the episodes table was scanned (ISO-8601, UTC)
 * @param snapshotId the Iceberg snapshot scanned (0 = none yet); clients redraw when it changes
 * @param timelineMinutes how far back {@code timeline} reaches
 */
public record DashboardReport(
    String computedAt,
    long snapshotId,
    CorpusTotals totals,
    List<SiteRow> sites,
    int timelineMinutes,
    List<MinuteCount> timeline,
    List<EpisodeSummary> recent) {

  /**
   * One line of the per-site table.
   *
   * @param acceptanceRate accepted (with or without flags) / episodes
   * @param diversity mean novelty of accepted episodes, {@code null} until the pipeline scores it
   */
  public record SiteRow(
      String siteId,
      long episodes,
      double hours,
      double acceptedHours,
      long accepted,
      long flagged,
      long rejected,
      long duplicates,
      long frames,
      double acceptanceRate,
      List<ReasonCount> topReasons,
      Double diversity,
      String lastCuratedAt) {}

  static DashboardReport of(String computedAt, CorpusSnapshot snapshot, int timelineMinutes) {
    List<SiteRow> rows =
        snapshot.sites().stream()
            .map(
                s -> {
                  SiteActivity a = snapshot.activity().get(s.siteId());
                  return new SiteRow(
                      s.siteId(),
                      s.episodes(),
                      s.hours(),
                      a == null ? 0.0 : a.acceptedHours(),
                      s.accepted(),
                      s.flagged(),
                      s.rejected(),
                      s.duplicates(),
                      s.frames(),
                      s.acceptanceRate(),
                      a == null ? List.of() : a.topReasons(),
                      a == null ? null : a.diversity(),
                      a == null ? null : a.lastCuratedAt());
                })
            .toList();
    return new DashboardReport(
        computedAt,
        snapshot.snapshotId(),
        CorpusTotals.of(snapshot.sites()),
        rows,
        timelineMinutes,
        snapshot.timeline(),
        snapshot.recent());
  }
}
