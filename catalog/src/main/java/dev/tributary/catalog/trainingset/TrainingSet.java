package dev.tributary.catalog.trainingset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named, reproducible list of episodes: the members, the snapshots of {@code tributary.episodes}
 * and {@code tributary.frames} they were selected from, and the parameters.
 *
 * @param framesSnapshotId {@code null} if the frames table had no snapshot when built
 * @param excluded episodes that passed the quality gate but not the fps / camera filters, per
 *     reason (reported when the set is built; not stored)
 */
public record TrainingSet(
    TrainingSetSpec spec,
    Instant createdAt,
    long episodesSnapshotId,
    Long framesSnapshotId,
    List<Member> members,
    Map<String, Integer> excluded) {

  public TrainingSet {
    members = List.copyOf(members);
    excluded = excluded == null ? Map.of() : new TreeMap<>(excluded);
  }

  public TrainingSet(
      TrainingSetSpec spec,
      Instant createdAt,
      long episodesSnapshotId,
      Long framesSnapshotId,
      List<Member> members) {
    this(spec, createdAt, episodesSnapshotId, framesSnapshotId, members, Map.of());
  }

  public String name() {
    return spec.name();
  }

  /** Episode ids in set order. */
  public List<String> episodeIds() {
    return members.stream().map(Member::episodeId).toList();
  }

  /** Members per site, sorted by site. */
  public Map<String, Long> perSite() {
    Map<String, Long> out = new TreeMap<>();
    members.forEach(m -> out.merge(m.siteId(), 1L, Long::sum));
    return out;
  }

  /** Members per (site / task) group, sorted. */
  public Map<String, Long> perGroup() {
    Map<String, Long> out = new TreeMap<>();
    members.forEach(m -> out.merge(m.group(), 1L, Long::sum));
    return out;
  }

  /** A short human summary: header, per-site and per-group counts. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("training set ")
        .append(name())
        .append(": ")
        .append(members.size())
        .append(" of ")
        .append(spec.targetSize())
        .append(" episodes wanted; episodes snapshot ")
        .append(episodesSnapshotId)
        .append(", frames snapshot ")
        .append(framesSnapshotId)
        .append(", created ")
        .append(createdAt)
        .append('\n');
    if (spec.resampleFps() != null) {
      out.append("  exported at ")
          .append(spec.resampleFps())
          .append(" fps: joints resampled, videos re-timed (--resample-fps)\n");
    }
    excluded.forEach(
        (why, n) ->
            out.append("  excluded ").append(n).append(" episodes: ").append(why).append('\n'));
    perSite()
        .forEach((s, n) -> out.append("  site ").append(s).append(": ").append(n).append('\n'));
    perGroup()
        .forEach((g, n) -> out.append("  group ").append(g).append(": ").append(n).append('\n'));
    return out.toString();
  }
}
