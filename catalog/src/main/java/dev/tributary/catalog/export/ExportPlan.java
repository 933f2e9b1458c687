package dev.tributary.catalog.export;

import dev.tributary.catalog.trainingset.Member;
import dev.tributary.catalog.trainingset.TrainingSet;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dataset-level facts of an export, read from {@code episodes} at the pinned snapshot: episode
 * and task indices in set order, fps, robot type, joint names. Leaves the DuckDB table {@code sel
 * (episode_id, episode_index, task_index)} behind for the frame copy.
 */
final class ExportPlan {

  /** One exported episode; length and index range are filled in once its frames are written. */
  static final class Episode {
    final long index;
    final String episodeId;
    final String siteId;
    final String task;
    final long taskIndex;
    final List<String> cameraKeys;
    final List<String> videoKeys;
    long length;
    long fromIndex;
    long toIndex;

    Episode(
        long index,
        String episodeId,
        String siteId,
        String task,
        long taskIndex,
        List<String> cameraKeys,
        List<String> videoKeys) {
      this.cameraKeys = cameraKeys;
      this.videoKeys = videoKeys;
      this.index = index;
      this.episodeId = episodeId;
      this.siteId = siteId;
      this.task = task;
      this.taskIndex = taskIndex;
    }

    String episodeId() {
      return episodeId;
    }
  }

  private final List<Episode> episodes;
  private final List<String> tasks;
  private final double fps;
  private final String robotType;
  private final List<String> jointNames;

  private ExportPlan(
      List<Episode> episodes,
      List<String> tasks,
      double fps,
      String robotType,
      List<String> jointNames) {
    this.episodes = episodes;
    this.tasks = tasks;
    this.fps = fps;
    this.robotType = robotType;
    this.jointNames = jointNames;
  }

  List<Episode> episodes() {
    return episodes;
  }

  List<String> tasks() {
    return tasks;
  }

  double fps() {
    return fps;
  }

  String robotType() {
    return robotType;
  }

  List<String> jointNames() {
    return jointNames;
  }

  private record Row(
      String siteId,
      String robotType,
      String task,
      Float rateHz,
      List<String> jointNames,
      List<String> cameraKeys,
      List<String> videoKeys) {}

  static ExportPlan read(Connection db, TrainingSet set) throws SQLException {
    List<Member> members = set.members();
    try (Statement st = db.createStatement()) {
      st.execute("CREATE TEMP TABLE wanted (episode_id VARCHAR, episode_index BIGINT)");
    }
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO wanted VALUES (?, ?)")) {
      for (int i = 0; i < members.size(); i++) {
        ps.setString(1, members.get(i).episodeId());
        ps.setLong(2, i);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    Map<String, Row> rows = new HashMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT e.episode_id, e.site_id, e.robot_type, e.task, e.joint_rate_hz,"
                    + " e.joint_names, e.camera_keys, e.video_keys"
                    + " FROM episodes e JOIN wanted w USING (episode_id)")) {
      while (rs.next()) {
        Object rate = rs.getObject(5);
        rows.put(
            rs.getString(1),
            new Row(
                rs.getString(2),
                rs.getString(3),
                rs.getString(4) == null ? "" : rs.getString(4),
                rate == null ? null : ((Number) rate).floatValue(),
                strings(rs.getArray(6)),
                strings(rs.getArray(7)),
                strings(rs.getArray(8))));
      }
    }
    List<Episode> episodes = new ArrayList<>();
    Map<String, Long> taskIndex = new LinkedHashMap<>();
    Map<Float, Integer> rates = new HashMap<>();
    Map<String, Integer> robots = new HashMap<>();
    List<String> jointNames = null;
    for (int i = 0; i < members.size(); i++) {
      String id = members.get(i).episodeId();
      Row row = rows.get(id);
      if (row == null) {
        throw new ExportException(
            "episode "
                + id
                + " of training set "
                + set.name()
                + " is not in tributary.episodes at snapshot "
                + set.episodesSnapshotId());
      }
      long task = taskIndex.computeIfAbsent(row.task(), t -> (long) taskIndex.size());
      episodes.add(
          new Episode(i, id, row.siteId(), row.task(), task, row.cameraKeys(), row.videoKeys()));
      if (row.rateHz() != null) {
        rates.merge(row.rateHz(), 1, Integer::sum);
      }
      robots.merge(row.robotType() == null ? "unknown" : row.robotType(), 1, Integer::sum);
      if (jointNames == null && !row.jointNames().isEmpty()) {
        jointNames = row.jointNames();
      } else if (jointNames != null
          && !row.jointNames().isEmpty()
          && !jointNames.equals(row.jointNames())) {
        throw new ExportException(
            "episode "
                + id
                + " has joints "
                + row.jointNames()
                + ", others "
                + jointNames
                + "; a LeRobot dataset has one joint layout: build the set with one robot type");
      }
    }
    if (rates.size() > 1) {
      throw new ExportException(
          "training set "
              + set.name()
              + " mixes joint rates "
              + rates.keySet()
              + " Hz; a LeRobot dataset has one fps: build the set from one rate");
    }
    double fps = rates.isEmpty() ? 30.0 : rates.keySet().iterator().next();
    String robotType =
        robots.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).get();
    try (Statement st = db.createStatement()) {
      st.execute(
          "CREATE TEMP TABLE sel (episode_id VARCHAR, episode_index BIGINT, task_index BIGINT)");
    }
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO sel VALUES (?, ?, ?)")) {
      for (Episode e : episodes) {
        ps.setString(1, e.episodeId);
        ps.setLong(2, e.index);
        ps.setLong(3, e.taskIndex);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    if (jointNames == null) {
      jointNames = new ArrayList<>();
      for (int j = 0; j < 6; j++) {
        jointNames.add("joint_" + j);
      }
    }
    return new ExportPlan(
        episodes, new ArrayList<>(taskIndex.keySet()), fps, robotType, List.copyOf(jointNames));
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
  }
}
