package dev.tributary.catalog.trainingset;

import dev.tributary.catalog.sql.CorpusSql;
import dev.tributary.catalog.sql.SqlException;
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
    String actionNames;
    try {
      actionNames =
          CorpusSql.hasColumn(sql.connection(), "episodes", "action_names")
              ? "e.action_names"
              : "NULL::VARCHAR[]";
    } catch (SQLException e) {
      throw new TrainingSetException(
          "cannot read candidate episodes: " + SqlException.oneLine(e.getMessage()), e);
    }
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
    // A near-duplicate cluster is represented by its latest SUPERSEDES member (a longer take of the
    // same motion), else by its first member; the other accepted members count as duplicates of it.
    // Read from the pinned episodes snapshot itself, so a rebuild chooses the same way.
    String supersededAs =
        " coalesce(e.duplicate_of, CASE WHEN r.representative_id <> e.episode_id"
            + " THEN r.representative_id END)";
    String clusterJoin =
        " LEFT JOIN (SELECT duplicate_cluster AS cluster_id,"
            + " arg_max(episode_id, curated_at) AS representative_id FROM episodes"
            + " WHERE duplicate_kind = 'SUPERSEDES' GROUP BY duplicate_cluster) r"
            + " ON r.cluster_id = coalesce(e.duplicate_cluster, e.episode_id)";
    String query =
        "WITH j AS (SELECT episode_id"
            + jointStats
            + " FROM frames GROUP BY episode_id) "
            + "SELECT e.episode_id, e.site_id, e.robot_type, e.task, e.status, e.reasons,"
            + supersededAs
            + ", e.exact_key, e.quality_score, epoch_us(e.started_at),"
            + " coalesce(e.duration_s, 0), e.sample_count"
            + jointCols
            + ", e.joint_rate_hz, e.joint_names, "
            + actionNames
            + ", e.camera_keys"
            + " FROM episodes e LEFT JOIN j ON j.episode_id = e.episode_id"
            + clusterJoin
            + " ORDER BY e.episode_id";
    List<Candidate> out = new ArrayList<>();
    int layoutAt = 13 + 2 * JOINTS;
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
        Object rate = rs.getObject(layoutAt);
        List<String> state = strings(rs.getArray(layoutAt + 1));
        List<String> action = strings(rs.getArray(layoutAt + 2));
        Candidate.Layout layout =
            new Candidate.Layout(
                rate == null ? null : ((Number) rate).floatValue(),
                rs.getString(3),
                state,
                action.isEmpty() ? state : action,
                strings(rs.getArray(layoutAt + 3)));
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
                features,
                layout));
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
