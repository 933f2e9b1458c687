package dev.tributary.catalog.query;

import java.util.List;

/**
 * What the dashboard shows about a site beyond its counts.
 *
 * @param siteId the site
 * @param acceptedHours hours of episodes accepted with or without flags: the leaderboard's measure
 * @param topReasons the most frequent rejection and flag reasons over all the site's episodes, most
 *     frequent first
 * @param diversity mean {@code novelty_score} over the site's accepted episodes; {@code null} while
 *     the pipeline writes no novelty scores
 * @param lastCuratedAt when the site's newest episode was curated (ISO-8601)
 */
public record SiteActivity(
    String siteId,
    double acceptedHours,
    List<ReasonCount> topReasons,
    Double diversity,
    String lastCuratedAt) {}
