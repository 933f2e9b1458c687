package dev.tributary.catalog.query;

/**
 * What one site contributed to the curated corpus. Every count covers all rows of {@code
 * tributary.episodes} for the site, whatever their verdict; the status counts split them.
 *
 * @param siteId the site
 * @param episodes curated episode rows (all statuses)
 * @param hours sum of {@code duration_s} over those rows, in hours
 * @param accepted rows with status {@code ACCEPTED}
 * @param flagged rows with status {@code ACCEPTED_WITH_FLAGS}
 * @param rejected rows with status {@code REJECTED}
 * @param duplicates rows with status {@code DUPLICATE}
 * @param frames sum of {@code sample_count} (joint samples) over those rows
 */
public record SiteStats(
    String siteId,
    long episodes,
    double hours,
    long accepted,
    long flagged,
    long rejected,
    long duplicates,
    long frames) {

  /**
   * Accepted episodes (with or without flags) as a share of all episodes, 0 when there are none.
   */
  public double acceptanceRate() {
    return episodes == 0 ? 0.0 : (double) (accepted + flagged) / episodes;
  }
}
