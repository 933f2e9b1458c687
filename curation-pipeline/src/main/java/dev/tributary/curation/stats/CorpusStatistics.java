package dev.tributary.curation.stats;

import dev.tributary.curation.diversity.VendiScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds {@code episodes} rows into per-site statistics, corpus diversity and duplicate clusters.
 * Memory is bounded by sites, coverage cells and duplicates, not by the number of episodes: each
 * row is folded in and dropped. Single-threaded.
 */
public final class CorpusStatistics {
  private final Map<String, Site> sites = new TreeMap<>();
  // cell -> the one site that covers it, or MANY
  private final Map<Integer, String> cellOwner = new HashMap<>();
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private VendiScore corpusVendi;
  private long episodes;
  private long accepted;
  private double acceptedHours;

  private static final String MANY = "\u0000many";

  public void add(EpisodeFacts f) {
    episodes++;
    Site s = sites.computeIfAbsent(f.siteId(), Site::new);
    s.episodes++;
    double hours = f.durationSeconds() / 3600.0;
    s.hours += hours;
    switch (f.status()) {
      case "ACCEPTED", "ACCEPTED_WITH_FLAGS" -> {
        s.accepted++;
        accepted++;
        acceptedHours += hours;
        s.acceptedHours += hours;
        if (f.status().equals("ACCEPTED_WITH_FLAGS")) {
          s.flagged++;
        }
        if (f.quality() != null) {
          s.qualitySum += f.quality();
          s.qualityCount++;
        }
        if (f.novelty() != null) {
          s.noveltySum += f.novelty();
          s.noveltyCount++;
        }
        if (f.cell() != null) {
          s.cells.add(f.cell());
          cellOwner.merge(f.cell(), f.siteId(), (a, b) -> a.equals(b) ? a : MANY);
        }
        if (f.features() != null) {
          if (corpusVendi == null) {
            corpusVendi = new VendiScore(f.features().length);
          }
          corpusVendi.add(f.features());
          if (s.vendi == null) {
            s.vendi = new VendiScore(f.features().length);
          }
          s.vendi.add(f.features());
        }
      }
      case "DUPLICATE" -> s.duplicates++;
      case "QUARANTINED" -> s.quarantined++;
      default -> s.rejected++;
    }
    if (f.duplicateCluster() != null) {
      Cluster c = clusters.computeIfAbsent(f.duplicateCluster(), Cluster::new);
      c.members.add(f.episodeId());
      if ("SUPERSEDES".equals(f.duplicateKind()) && f.curatedAtMicros() >= c.representativeAt) {
        c.representative = f.episodeId();
        c.representativeAt = f.curatedAtMicros();
      }
    }
  }

  public List<SiteStats> sites() {
    List<SiteStats> out = new ArrayList<>(sites.size());
    for (Site s : sites.values()) {
      int unique = 0;
      for (int cell : s.cells) {
        if (s.id.equals(cellOwner.get(cell))) {
          unique++;
        }
      }
      out.add(
          new SiteStats(
              s.id,
              s.episodes,
              s.accepted,
              s.flagged,
              s.rejected,
              s.duplicates,
              s.quarantined,
              s.hours,
              s.acceptedHours,
              s.qualityCount == 0 ? null : s.qualitySum / s.qualityCount,
              s.noveltyCount == 0 ? null : s.noveltySum / s.noveltyCount,
              s.cells.size(),
              unique,
              s.cells.isEmpty() ? null : unique / (double) s.cells.size(),
              s.vendi == null ? null : s.vendi.score()));
    }
    return out;
  }

  public CorpusSummary corpus() {
    return new CorpusSummary(
        episodes,
        accepted,
        sites.size(),
        acceptedHours,
        cellOwner.size(),
        corpusVendi == null ? null : corpusVendi.score());
  }

  /** Clusters ordered by id; each lists its first member (the cluster id) and every duplicate. */
  public List<DuplicateCluster> clusters() {
    return clusters.values().stream()
        .sorted(Comparator.comparing(c -> c.id))
        .map(
            c -> {
              List<String> members = new ArrayList<>();
              members.add(c.id);
              members.addAll(c.members);
              return new DuplicateCluster(c.id, c.representative, members);
            })
        .toList();
  }

  private static final class Site {
    final String id;
    long episodes;
    long accepted;
    long flagged;
    long rejected;
    long duplicates;
    long quarantined;
    double hours;
    double acceptedHours;
    double qualitySum;
    long qualityCount;
    double noveltySum;
    long noveltyCount;
    final Set<Integer> cells = new HashSet<>();
    VendiScore vendi;

    Site(String id) {
      this.id = id;
    }
  }

  private static final class Cluster {
    final String id;
    final List<String> members = new ArrayList<>();
    String representative;
    long representativeAt = Long.MIN_VALUE;

    Cluster(String id) {
      this.id = id;
      this.representative = id;
    }
  }
}
