package dev.tributary.catalog.query;

import java.util.List;

/** The per-site statistics summed over every site: the headline numbers of the dashboard. */
public record CorpusTotals(
    int sites,
    long episodes,
    double hours,
    long accepted,
    long flagged,
    long rejected,
    long duplicates,
    long frames) {

  public static CorpusTotals of(List<SiteStats> rows) {
    long episodes = 0;
    double hours = 0;
    long accepted = 0;
    long flagged = 0;
    long rejected = 0;
    long duplicates = 0;
    long frames = 0;
    for (SiteStats row : rows) {
      episodes += row.episodes();
      hours += row.hours();
      accepted += row.accepted();
      flagged += row.flagged();
      rejected += row.rejected();
      duplicates += row.duplicates();
      frames += row.frames();
    }
    return new CorpusTotals(
        rows.size(), episodes, hours, accepted, flagged, rejected, duplicates, frames);
  }
}
