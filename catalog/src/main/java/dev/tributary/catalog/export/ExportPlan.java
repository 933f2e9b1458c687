package dev.tributary.catalog.export;

import dev.tributary.catalog.sql.CorpusSql;
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

    /** The episode's joint rate; the dataset's {@link #fps()} unless the set resamples. */
    final double sourceRate;

    long length;
    long fromIndex;
    long toIndex;
    int dataChunk;
    int dataFile;

    Episode(
        long index,
        String episodeId,
        String siteId,
        String task,
        long taskIndex,
        List<String> cameraKeys,
        List<String> videoKeys,
        double sourceRate) {
      this.cameraKeys = cameraKeys;
      this.sourceRate = sourceRate;
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

    /** Whether its joints (and video) are converted from another rate to {@code fps}. */
    boolean resampledTo(double fps) {
      return Math.abs(sourceRate - fps) > 1e-3;
    }
  }

  private final List<Episode> episodes;
  private final List<String> tasks;
  private final double fps;
  private final String robotType;
  private final List<String> jointNames;
  private final List<String> actionNames;
  private final List<String> cameraKeys;

  private ExportPlan(
      List<Episode> episodes,
      List<String> tasks,
      double fps,
      String robotType,
      List<String> jointNames,
      List<String> actionNames,
      List<String> cameraKeys) {
    this.episodes = episodes;
    this.tasks = tasks;
    this.fps = fps;
    this.robotType = robotType;
    this.jointNames = jointNames;
    this.actionNames = actionNames;
    this.cameraKeys = cameraKeys;
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

  /** Names of {@code observation.state}, in order. */
  List<String> jointNames() {
    return jointNames;
  }

  /** Names of {@code action}: its own ({@code episodes.action_names}) or the state's. */
  List<String> actionNames() {
    return actionNames;
  }

  /** The cameras every episode has, in {@code camera_keys} order. */
  List<String> cameraKeys() {
    return cameraKeys;
  }

  /** LeRobot's {@code fps} is an int; a set at a fractional rate cannot be exported. */
  int integerFps() {
    long rounded = Math.round(fps);
    if (Math.abs(fps - rounded) > 1e-3 || rounded < 1) {
      throw new ExportException(
          "the set's joint rate is "
              + fps
              + " Hz; LeRobot datasets have an integer fps: build the set from episodes at an"
              + " integer rate");
    }
    return (int) rounded;
  }

  private record Row(
      String siteId,
      String robotType,
      String task,
      Float rateHz,
      List<String> jointNames,
      List<String> actionNames,
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
    String actionColumn =
        CorpusSql.hasColumn(db, "episodes", "action_names") ? "e.action_names" : "NULL::VARCHAR[]";
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT e.episode_id, e.site_id, e.robot_type, e.task, e.joint_rate_hz,"
                    + " e.joint_names, e.camera_keys, e.video_keys, "
                    + actionColumn
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
                strings(rs.getArray(9)),
                strings(rs.getArray(7)),
                strings(rs.getArray(8))));
      }
    }
    List<Episode> episodes = new ArrayList<>();
    Map<String, Long> taskIndex = new LinkedHashMap<>();
    Map<String, Integer> rates = new LinkedHashMap<>();
    Map<String, Integer> robots = new LinkedHashMap<>();
    Map<String, Integer> stateLayouts = new LinkedHashMap<>();
    Map<String, Integer> actionLayouts = new LinkedHashMap<>();
    Map<String, Integer> cameraSets = new LinkedHashMap<>();
    Row firstRow = null;
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
      row = onlyCameras(row, set.spec().cameras(), id);
      if (firstRow == null) {
        firstRow = row;
      }
      Integer resample = set.spec().resampleFps();
      if (resample != null && row.rateHz() == null) {
        throw new ExportException(
            "episode "
                + id
                + " has no joint rate, so it cannot be resampled to "
                + resample
                + " fps; leave it out of the set");
      }
      episodes.add(
          new Episode(
              i,
              id,
              row.siteId(),
              row.task(),
              task,
              row.cameraKeys(),
              row.videoKeys(),
              row.rateHz() == null ? 30.0 : row.rateHz()));
      rates.merge(row.rateHz() == null ? "unknown" : row.rateHz() + " Hz", 1, Integer::sum);
      robots.merge(row.robotType() == null ? "unknown" : row.robotType(), 1, Integer::sum);
      stateLayouts.merge(row.jointNames().toString(), 1, Integer::sum);
      actionLayouts.merge(actionOf(row).toString(), 1, Integer::sum);
      cameraSets.merge(row.cameraKeys().toString(), 1, Integer::sum);
      if (row.videoKeys().size() != row.cameraKeys().size()) {
        throw new ExportException(
            "episode "
                + id
                + " has "
                + row.cameraKeys().size()
                + " cameras but "
                + row.videoKeys().size()
                + " video keys; its row is inconsistent, leave it out of the set");
      }
    }
    if (set.spec().resampleFps() == null) {
      refuseMixed(set, "joint rates", rates, "--fps, or convert them with --resample-fps N");
    }
    refuseMixed(set, "robot types", robots, "--robot-type");
    refuseMixed(set, "state joint layouts", stateLayouts, "--robot-type");
    refuseMixed(set, "action layouts", actionLayouts, "--robot-type");
    refuseMixed(set, "camera sets", cameraSets, "--cameras");
    double fps =
        set.spec().resampleFps() != null
            ? set.spec().resampleFps()
            : firstRow.rateHz() == null ? 30.0 : firstRow.rateHz();
    String robotType = firstRow.robotType() == null ? "unknown" : firstRow.robotType();
    List<String> jointNames = firstRow.jointNames();
    List<String> actionNames = actionOf(firstRow);
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
    if (jointNames.isEmpty()) {
      throw new ExportException(
          "the episodes of training set " + set.name() + " have no joint_names; cannot export");
    }
    return new ExportPlan(
        episodes,
        new ArrayList<>(taskIndex.keySet()),
        fps,
        robotType,
        List.copyOf(jointNames),
        List.copyOf(actionNames),
        List.copyOf(firstRow.cameraKeys()));
  }

  /** The row with only the cameras the set asks for ({@code --cameras}), in that order. */
  private static Row onlyCameras(Row row, List<String> wanted, String id) {
    if (wanted.isEmpty()) {
      return row;
    }
    List<String> videos = new ArrayList<>();
    for (String camera : wanted) {
      int at = row.cameraKeys().indexOf(camera);
      if (at < 0 || at >= row.videoKeys().size()) {
        throw new ExportException(
            "episode " + id + " has cameras " + row.cameraKeys() + ", the set asks for " + wanted);
      }
      videos.add(row.videoKeys().get(at));
    }
    return new Row(
        row.siteId(),
        row.robotType(),
        row.task(),
        row.rateHz(),
        row.jointNames(),
        row.actionNames(),
        wanted,
        videos);
  }

  private static List<String> actionOf(Row row) {
    return row.actionNames().isEmpty() ? row.jointNames() : row.actionNames();
  }

  /**
   * A LeRobot dataset has one fps, robot type, state and action layout and camera set; a set that
   * mixes them was built before the build-time check existed (or by hand): say what it mixes.
   */
  private static void refuseMixed(
      TrainingSet set, String what, Map<String, Integer> counts, String option) {
    if (counts.size() > 1) {
      throw new ExportException(
          "training set "
              + set.name()
              + " mixes "
              + what
              + " (episodes per value: "
              + counts
              + "); a LeRobot dataset has one: rebuild the set with "
              + option);
    }
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
  }
}
