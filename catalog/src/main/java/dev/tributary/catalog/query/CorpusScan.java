package dev.tributary.catalog.query;

import dev.tributary.schema.table.CuratedTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;

/**
 * One pass over {@code tributary.episodes} at its current snapshot that yields everything the
 * dashboard shows ({@link CorpusSnapshot}). The tables are the state: a restarted service scans
 * them and shows the same page. Remembers the last result and skips the scan while no new snapshot
 * was committed. Not thread-safe; callers that share one instance serialise {@link #run()}.
 */
public final class CorpusScan {

  /** How far back the episodes-per-minute chart reaches. */
  public static final int TIMELINE_MINUTES = 120;

  /** How many of the newest episodes (over all sites) the live feed starts from. */
  public static final int RECENT_EPISODES = 30;

  static final int TOP_REASONS = 5;

  static final List<String> COLUMNS =
      List.of(
          "episode_id",
          "site_id",
          "rig_id",
          "task",
          "status",
          "reasons",
          "duplicate_of",
          "quality_score",
          "novelty_score",
          "duration_s",
          "sample_count",
          "started_at",
          "curated_at");

  private final Catalog catalog;
  private final Clock clock;
  private Table episodes;
  private CorpusSnapshot last;

  public CorpusScan(Catalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * Scans the latest snapshot of the episodes table.
   *
   * @return {@link CorpusSnapshot#EMPTY} while the pipeline has not created the table or committed
   *     to it; the previous result (the same instance) while no new snapshot was committed
   */
  public CorpusSnapshot run() {
    Table table = currentEpisodesTable();
    Snapshot snapshot = table == null ? null : table.currentSnapshot();
    if (snapshot == null) {
      return CorpusSnapshot.EMPTY;
    }
    if (last != null && snapshot.snapshotId() == last.snapshotId()) {
      return last; // nothing committed since the last scan
    }
    Instant timelineStart =
        clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(TIMELINE_MINUTES, ChronoUnit.MINUTES);
    Map<String, SiteAccumulator> bySite = new HashMap<>();
    TreeMap<Instant, long[]> minutes = new TreeMap<>();
    PriorityQueue<Record> newest =
        new PriorityQueue<>(RECENT_EPISODES + 1, RecentEpisodesQuery.BY_CURATED_AT);
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId()).select(COLUMNS).build()) {
      for (Record row : rows) {
        String site = (String) row.getField("site_id");
        bySite.computeIfAbsent(site, SiteAccumulator::new).add(row);
        OffsetDateTime curatedAt = (OffsetDateTime) row.getField("curated_at");
        Instant minute = curatedAt.toInstant().truncatedTo(ChronoUnit.MINUTES);
        int bucket = statusBucket((String) row.getField("status"));
        if (!minute.isBefore(timelineStart) && bucket >= 0) {
          minutes.computeIfAbsent(minute, m -> new long[4])[bucket]++;
        }
        newest.add(row.copy());
        if (newest.size() > RECENT_EPISODES) {
          newest.poll();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("closing the scan of " + CuratedTables.EPISODES, e);
    }
    List<SiteStats> sites = new ArrayList<>(bySite.size());
    Map<String, SiteActivity> activity = new LinkedHashMap<>();
    bySite.values().forEach(acc -> sites.add(acc.toStats()));
    sites.sort(
        Comparator.comparingLong(SiteStats::episodes).reversed().thenComparing(SiteStats::siteId));
    sites.forEach(s -> activity.put(s.siteId(), bySite.get(s.siteId()).toActivity()));
    List<MinuteCount> timeline = new ArrayList<>(minutes.size());
    minutes.forEach(
        (minute, c) -> timeline.add(new MinuteCount(minute.toString(), c[0], c[1], c[2], c[3])));
    List<Record> recent = new ArrayList<>(newest);
    recent.sort(RecentEpisodesQuery.BY_CURATED_AT.reversed());
    last =
        new CorpusSnapshot(
            snapshot.snapshotId(),
            List.copyOf(sites),
            Map.copyOf(activity),
            List.copyOf(timeline),
            recent.stream().map(RecentEpisodesQuery::summary).toList());
    return last;
  }

  /** The episodes table at its newest committed metadata, or null when it does not exist. */
  private Table currentEpisodesTable() {
    if (episodes != null) {
      try {
        episodes.refresh();
        return episodes;
      } catch (NoSuchTableException e) {
        episodes = null; // dropped since the last run; look it up afresh below
      }
    }
    try {
      episodes = catalog.loadTable(CuratedTables.EPISODES);
      return episodes;
    } catch (NoSuchTableException e) {
      return null;
    }
  }

  /** 0 accepted, 1 flagged, 2 rejected, 3 duplicate, -1 a status this reader does not know. */
  private static int statusBucket(String status) {
    return switch (status == null ? "" : status) {
      case "ACCEPTED" -> 0;
      case "ACCEPTED_WITH_FLAGS" -> 1;
      case "REJECTED" -> 2;
      case "DUPLICATE" -> 3;
      default -> -1;
    };
  }

  private static final class SiteAccumulator {
    private final String siteId;
    private long episodes;
    private double seconds;
    private double acceptedSeconds;
    private final long[] byStatus = new long[4];
    private long frames;
    private final Map<String, Long> reasons = new HashMap<>();
    private double noveltySum;
    private long noveltyCount;
    private OffsetDateTime lastCuratedAt;

    SiteAccumulator(String siteId) {
      this.siteId = siteId;
    }

    @SuppressWarnings("unchecked")
    void add(Record row) {
      episodes++;
      Double duration = (Double) row.getField("duration_s");
      double d = duration != null && Double.isFinite(duration) ? duration : 0.0;
      seconds += d;
      Integer samples = (Integer) row.getField("sample_count");
      if (samples != null) {
        frames += samples;
      }
      int bucket = statusBucket((String) row.getField("status"));
      if (bucket >= 0) {
        byStatus[bucket]++; // a status added after this reader was built counts in episodes only
      }
      if (bucket == 0 || bucket == 1) {
        acceptedSeconds += d;
        Double novelty = (Double) row.getField("novelty_score");
        if (novelty != null && Double.isFinite(novelty)) {
          noveltySum += novelty;
          noveltyCount++;
        }
      }
      List<String> rowReasons = (List<String>) row.getField("reasons");
      if (rowReasons != null) {
        rowReasons.forEach(r -> reasons.merge(r, 1L, Long::sum));
      }
      OffsetDateTime curatedAt = (OffsetDateTime) row.getField("curated_at");
      if (lastCuratedAt == null || curatedAt.isAfter(lastCuratedAt)) {
        lastCuratedAt = curatedAt;
      }
    }

    SiteStats toStats() {
      return new SiteStats(
          siteId,
          episodes,
          seconds / 3600.0,
          byStatus[0],
          byStatus[1],
          byStatus[2],
          byStatus[3],
          frames);
    }

    SiteActivity toActivity() {
      List<ReasonCount> top =
          reasons.entrySet().stream()
              .sorted(
                  Map.Entry.<String, Long>comparingByValue()
                      .reversed()
                      .thenComparing(Map.Entry.comparingByKey()))
              .limit(TOP_REASONS)
              .map(e -> new ReasonCount(e.getKey(), e.getValue()))
              .toList();
      return new SiteActivity(
          siteId,
          acceptedSeconds / 3600.0,
          top,
          noveltyCount == 0 ? null : noveltySum / noveltyCount,
          lastCuratedAt == null ? null : lastCuratedAt.toString());
    }
  }
}
