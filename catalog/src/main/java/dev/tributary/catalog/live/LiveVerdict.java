package dev.tributary.catalog.live;

import dev.tributary.schema.CurationVerdict;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A curation verdict as the dashboard's live feed shows it: the Avro {@link CurationVerdict}
 * converted once, at the consumer, into plain JSON-friendly values.
 *
 * @param decidedAt ISO-8601, UTC
 * @param scores named scores in [0, 1] (e.g. {@code quality}, {@code novelty})
 */
public record LiveVerdict(
    String episodeId,
    String siteId,
    String status,
    List<String> reasons,
    String duplicateOf,
    Map<String, Double> scores,
    String decidedAt) {

  public static LiveVerdict of(CurationVerdict v) {
    return new LiveVerdict(
        v.getEpisodeId(),
        v.getSiteId(),
        v.getStatus().name(),
        List.copyOf(v.getReasons()),
        v.getDuplicateOf(),
        Map.copyOf(v.getScores()),
        Instant.EPOCH.plus(v.getDecidedAtMicros(), ChronoUnit.MICROS).toString());
  }
}
