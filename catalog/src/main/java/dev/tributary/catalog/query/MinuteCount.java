package dev.tributary.catalog.query;

/**
 * Episodes curated within one UTC minute, by verdict: one point of the dashboard's chart.
 *
 * @param minute the start of the minute (ISO-8601, UTC)
 */
public record MinuteCount(
    String minute, long accepted, long flagged, long rejected, long duplicates) {

  public long total() {
    return accepted + flagged + rejected + duplicates;
  }
}
