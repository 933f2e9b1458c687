package dev.tributary.catalog.trainingset;

import dev.tributary.catalog.sql.CorpusSql;
import dev.tributary.catalog.sql.SqlException;
import dev.tributary.schema.table.CuratedTables;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads every episode (with the filter columns) and its feature vector from an open {@link
 * CorpusSql}, i.e. at the snapshots it was opened at. The features are what the tables have today:
 * {@code duration_s}, {@code sample_count}, and per joint the mean and population standard
 * deviation of {@code frames.state} over the episode (the first {@link #JOINTS} joints, SO-101 has
 * six; missing values count as 0). One aggregate query over {@code frames}: cheap next to an
 * export. Scene features (DCT of video frames) and task n-grams are not included yet.
 */
final class CandidateLoader {
  private CandidateLoader() {}

  static final int JOINTS = 6;

  static List<Candidate> load(CorpusSql sql) {
    StringBuilder jointStats = new StringBuilder();
    StringBuilder jointCols = new StringBuilder();
    for (int j = 1; j <= JOINTS; j++) {
      jointStats
          .append(", avg(state[")
          .append(j)
          .append("]) AS m")
          .append(j)
          .append(", stddev_pop(state[")
          .append(j)
          .append("]) AS s")
          .append(j);
      jointCols.append(", coalesce(j.m").append(j).append(", 0)");
      jointCols.append(", coalesce(j.s").append(j).append(", 0)");
    }
    // A near-duplicate cluster keeps its representative; the other accepted members (an original
    // a longer take superseded) count as duplicates of it.
    boolean clusters = sql.snapshots().containsKey(CuratedTables.DUPLICATE_CLUSTERS);
    String supersededAs =
        clusters
            ? " coalesce(e.duplicate_of, CASE WHEN d.representative_id <> e.episode_id"
                + " THEN d.representative_id END)"
            : " e.duplicate_of";
    String clusterJoin =
        clusters
            ? " LEFT JOIN (SELECT member, any_value(representative_id) AS representative_id"
                + " FROM (SELECT unnest(member_ids) AS member, representative_id"
                + " FROM duplicate_clusters) GROUP BY member) d ON d.member = e.episode_id"
            : "";
    String query =
        "WITH j AS (SELECT episode_id"
            + jointStats
            + " FROM frames GROUP BY episode_id) "
            + "SELECT e.episode_id, e.site_id, e.robot_type, e.task, e.status, e.reasons,"
            + supersededAs
            + ", e.exact_key, e.quality_score, epoch_us(e.started_at),"
            + " coalesce(e.duration_s, 0), e.sample_count"
            + jointCols
            + " FROM episodes e LEFT JOIN j ON j.episode_id = e.episode_id"
            + clusterJoin
            + " ORDER BY e.episode_id";
    List<Candidate> out = new ArrayList<>();
    try (Statement st = sql.connection().createStatement();
        ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        double[] features = new double[2 + 2 * JOINTS];
        features[0] = rs.getDouble(11);
        features[1] = rs.getDouble(12);
        for (int i = 0; i < 2 * JOINTS; i++) {
          features[2 + i] = rs.getDouble(13 + i);
        }
        Object quality = rs.getObject(9);
        out.add(
            new Candidate(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                strings(rs.getArray(6)),
                rs.getString(7),
                rs.getString(8),
                quality == null ? null : ((Number) quality).doubleValue(),
                Instant.EPOCH.plusNanos(rs.getLong(10) * 1000),
                features));
      }
    } catch (SQLException e) {
      throw new TrainingSetException(
          "cannot read candidate episodes: " + SqlException.oneLine(e.getMessage()), e);
    }
    return out;
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
  }
}
