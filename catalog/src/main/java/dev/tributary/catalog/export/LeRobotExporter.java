package dev.tributary.catalog.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.catalog.sql.CorpusSql;
import dev.tributary.catalog.sql.SqlException;
import dev.tributary.catalog.trainingset.TrainingSet;
import dev.tributary.schema.table.CuratedTables;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Exports a training set to a LeRobotDataset v3.0 folder (joints only, see below) that {@code
 * lerobot} loads without conversion: {@code meta/info.json}, {@code meta/tasks.parquet}, {@code
 * meta/episodes/chunk-000/file-000.parquet}, {@code data/chunk-000/file-000.parquet}, {@code
 * meta/stats.json}, plus {@code meta/tributary.json} (episode index to Tributary episode id, the
 * snapshots). Episode, frame and global indices are contiguous from 0 in set order.
 *
 * <p>Reads the set's pinned snapshots through {@link CorpusSql} and lets DuckDB write the Parquet.
 * Atomic: everything is written to a hidden sibling folder which is renamed to the target only when
 * complete, so a crash never leaves a dataset that looks finished. Videos: see {@link VideoExport}.
 */
public final class LeRobotExporter {
  static final int EPISODES_PER_BATCH = 64;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String DATA_PATH =
      "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet";

  private static final String VIDEO_PATH =
      "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4";

  private final Catalog catalog;
  private final VideoSource videos;
  private final ExportOptions options;

  /** Joints only: no video features, no videos folder. */
  public LeRobotExporter(Catalog catalog) {
    this(catalog, null);
  }

  /** Joints and videos with {@link ExportOptions#defaults()} (AV1, LeRobot's file sizes). */
  public LeRobotExporter(Catalog catalog, VideoSource videos) {
    this(catalog, videos, ExportOptions.defaults());
  }

  /**
   * Joints and videos: each camera's episode MP4s (found through {@code videos}; {@code null}:
   * joints only) end up in {@code videos/observation.images.<camera>/chunk-XXX/file-YYY.mp4}, on
   * the dataset's frame grid, in {@code options.videoCodec()} (see {@link VideoExport}).
   */
  public LeRobotExporter(Catalog catalog, VideoSource videos, ExportOptions options) {
    this.catalog = catalog;
    this.videos = videos;
    this.options = options;
  }

  /**
   * @param target a folder that must not exist yet; its parent is created if needed
   * @throws ExportException one line: target exists or is not writable, data missing, ...
   */
  public ExportReport export(TrainingSet set, Path target, ExportProgress progress) {
    long started = System.nanoTime();
    Path dest = target.toAbsolutePath().normalize();
    Path parent = prepareParent(dest);
    Path tmp = parent.resolve("." + dest.getFileName() + ".partial-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp.resolve("meta/episodes/chunk-000"));
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new ExportException("export target " + dest + " is not writable: " + e, e);
    }
    try {
      Written written = write(set, tmp, progress);
      progress.update("commit", 0, 1);
      commit(tmp, dest);
      progress.update("commit", 1, 1);
      return new ExportReport(
          dest,
          written.episodes,
          written.frames,
          written.tasks,
          written.fps,
          sizeOf(dest),
          Duration.ofNanos(System.nanoTime() - started),
          written.notes);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  private static Path prepareParent(Path dest) {
    if (Files.exists(dest)) {
      throw new ExportException(
          "export target "
              + dest
              + " already exists; exports never overwrite, choose a new folder");
    }
    Path parent = dest.getParent();
    if (parent == null) {
      throw new ExportException("export target " + dest + " has no parent folder");
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new ExportException(
          "export target " + dest + " is not writable: cannot create " + parent + " (" + e + ")");
    }
    if (!Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw new ExportException(
          "export target " + dest + " is not writable: " + parent + " is not a writable folder");
    }
    return parent;
  }

  private record Written(int episodes, long frames, int tasks, double fps, List<String> notes) {}

  private Written write(TrainingSet set, Path tmp, ExportProgress progress) {
    Map<TableIdentifier, Long> pinned = new HashMap<>();
    pinned.put(CuratedTables.EPISODES, set.episodesSnapshotId());
    if (set.framesSnapshotId() != null) {
      pinned.put(CuratedTables.FRAMES, set.framesSnapshotId());
    }
    int total = set.members().size();
    progress.update("plan", 0, total);
    try (CorpusSql sql = CorpusSql.open(catalog, pinned, CorpusSql.Access.TRUSTED)) {
      Connection db = sql.connection();
      ExportPlan plan = ExportPlan.read(db, set);
      progress.update("plan", total, total);
      writeFrames(db, plan, progress);
      long frames = writeData(db, plan, tmp);
      List<String> notes = new ArrayList<>();
      List<VideoExport.Camera> cameras = List.of();
      if (videos == null) {
        notes.add("videos not exported (joints only): no video source given");
      } else if (plan.cameraKeys().isEmpty()) {
        notes.add("videos not exported: the episodes have no cameras");
      } else {
        VideoExport.Result result = VideoExport.write(plan, videos, tmp, options, progress);
        cameras = result.cameras();
        notes.addAll(result.notes());
      }
      List<String> vectors = List.of("action", "observation.state");
      EpisodeStats.compute(db, vectors);
      EpisodesMetadataWriter.write(db, plan, tmp, cameras, options);
      writeTasks(db, plan, tmp);
      writeStats(db, tmp, vectors, cameras);
      writeInfo(plan, tmp, frames, cameras);
      writeProvenance(set, plan, tmp);
      deleteQuietly(tmp.resolve(".work"));
      progress.update("write", 1, 1);
      return new Written(total, frames, plan.tasks().size(), plan.fps(), notes);
    } catch (SqlException e) {
      throw new ExportException("cannot export training set " + set.name() + ": " + e.getMessage());
    } catch (SQLException e) {
      throw new ExportException(
          "cannot export training set " + set.name() + ": " + SqlException.oneLine(e.getMessage()),
          e);
    } catch (IOException e) {
      throw new ExportException("cannot write the export: " + e, e);
    }
  }

  /** Copies each episode's joint samples into a staging table, in batches, reporting progress. */
  private static void writeFrames(Connection db, ExportPlan plan, ExportProgress progress)
      throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute(
          "CREATE TEMP TABLE staged (\"observation.state\" FLOAT[], action FLOAT[],"
              + " frame_index BIGINT, episode_index BIGINT, task_index BIGINT)");
    }
    int total = plan.episodes().size();
    try (Statement st = db.createStatement()) {
      // One pass over the planned frame files; the batches below then read memory only.
      st.execute(
          "CREATE TEMP TABLE picked AS SELECT f.state, f.action, f.sample_index, s.episode_index,"
              + " s.task_index FROM frames f JOIN sel s USING (episode_id)");
    }
    String insert =
        "INSERT INTO staged SELECT state, coalesce(action, state),"
            + " row_number() OVER (PARTITION BY episode_index ORDER BY sample_index) - 1,"
            + " episode_index, task_index FROM picked"
            + " WHERE episode_index BETWEEN ? AND ?";
    try (PreparedStatement ps = db.prepareStatement(insert)) {
      for (int from = 0; from < total; from += EPISODES_PER_BATCH) {
        int to = Math.min(total, from + EPISODES_PER_BATCH) - 1;
        ps.setLong(1, from);
        ps.setLong(2, to);
        ps.executeUpdate();
        progress.update("frames", to + 1L, total);
      }
    }
    try (Statement st = db.createStatement()) {
      st.execute("DROP TABLE picked");
    }
    JointResampler.resampleStaged(db, plan);
    int joints = plan.jointNames().size();
    int actions = plan.actionNames().size();
    try (Statement st = db.createStatement();
        var rs =
            st.executeQuery(
                "SELECT min(episode_index) FROM staged WHERE len(\"observation.state\") <> "
                    + joints
                    + " OR len(action) <> "
                    + actions)) {
      rs.next();
      long bad = rs.getLong(1);
      if (!rs.wasNull()) {
        throw new ExportException(
            "episode "
                + plan.episodes().get((int) bad).episodeId()
                + " has state vectors that are not "
                + joints
                + " long (joint_names "
                + plan.jointNames()
                + ") or action vectors that are not "
                + actions
                + " long (action names "
                + plan.actionNames()
                + "); export episodes of one robot type and joint layout");
      }
    }
  }

  /**
   * Writes {@code data/chunk-XXX/file-YYY.parquet}, rolled over as LeRobot's writer does (rule 33):
   * an episode starts a new file when the current file plus the episode (at the bytes per frame
   * measured on the whole data) would reach {@code data_files_size_in_mb}; an episode is never
   * split. Fills each episode's length, index range and data file.
   */
  private long writeData(Connection db, ExportPlan plan, Path tmp)
      throws SQLException, IOException {
    Path work = Files.createDirectories(tmp.resolve(".work"));
    Path all = work.resolve("data.parquet");
    try (Statement st = db.createStatement()) {
      st.execute(
          "CREATE TEMP TABLE final AS SELECT action, \"observation.state\","
              + " CAST(frame_index / "
              + plan.fps()
              + " AS FLOAT) AS timestamp, frame_index, episode_index,"
              + " row_number() OVER (ORDER BY episode_index, frame_index) - 1 AS index,"
              + " task_index FROM staged");
      st.execute("DROP TABLE staged");
      st.execute(
          "COPY (SELECT * FROM final ORDER BY index) TO "
              + literal(all)
              + " (FORMAT parquet, COMPRESSION snappy)");
    }
    long frames = 0;
    try (Statement st = db.createStatement();
        var rs =
            st.executeQuery(
                "SELECT episode_index, count(*), min(index), max(index) FROM final"
                    + " GROUP BY episode_index ORDER BY episode_index")) {
      int expected = 0;
      while (rs.next()) {
        int index = rs.getInt(1);
        if (index != expected) {
          break;
        }
        ExportPlan.Episode episode = plan.episodes().get(index);
        episode.length = rs.getLong(2);
        episode.fromIndex = rs.getLong(3);
        episode.toIndex = rs.getLong(4) + 1;
        frames += episode.length;
        expected++;
      }
      if (expected != plan.episodes().size()) {
        throw new ExportException(
            "episode "
                + plan.episodes().get(expected).episodeId()
                + " has no joint samples in tributary.frames at the pinned snapshot");
      }
    }
    double bytesPerFrame = Files.size(all) / (double) Math.max(1, frames);
    int chunk = 0;
    int file = 0;
    long inFile = 0;
    List<long[]> files = new ArrayList<>(); // chunk, file, first episode, last episode
    for (ExportPlan.Episode e : plan.episodes()) {
      if (inFile > 0 && (inFile + e.length) * bytesPerFrame >= options.dataFileBytes()) {
        int[] next = options.next(chunk, file);
        chunk = next[0];
        file = next[1];
        inFile = 0;
      }
      if (inFile == 0) {
        files.add(new long[] {chunk, file, e.index, e.index});
      }
      files.get(files.size() - 1)[3] = e.index;
      e.dataChunk = chunk;
      e.dataFile = file;
      inFile += e.length;
    }
    for (long[] f : files) {
      Path target = tmp.resolve(String.format("data/chunk-%03d/file-%03d.parquet", f[0], f[1]));
      Files.createDirectories(target.getParent());
      if (files.size() == 1) {
        Files.move(all, target);
      } else {
        try (Statement st = db.createStatement()) {
          st.execute(
              "COPY (SELECT * FROM final WHERE episode_index BETWEEN "
                  + f[2]
                  + " AND "
                  + f[3]
                  + " ORDER BY index) TO "
                  + literal(target)
                  + " (FORMAT parquet, COMPRESSION snappy)");
        }
      }
    }
    Files.deleteIfExists(all);
    return frames;
  }

  /**
   * {@code meta/tasks.parquet} as pandas writes it (rule 25): columns {@code task_index} and {@code
   * task}, with pandas metadata naming {@code task} as the index, so {@code pd.read_parquet} gives
   * a frame indexed by the task text, which LeRobot's {@code tasks.iloc[i].name} returns.
   */
  private static void writeTasks(Connection db, ExportPlan plan, Path tmp)
      throws SQLException, IOException {
    try (Statement st = db.createStatement()) {
      st.execute("CREATE TEMP TABLE task_meta (task_index BIGINT, task VARCHAR)");
    }
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO task_meta VALUES (?, ?)")) {
      for (int i = 0; i < plan.tasks().size(); i++) {
        ps.setLong(1, i);
        ps.setString(2, plan.tasks().get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    String pandas =
        "{\"index_columns\": [\"task\"], \"column_indexes\": [{\"name\": null,"
            + " \"field_name\": null, \"pandas_type\": \"unicode\", \"numpy_type\": \"object\","
            + " \"metadata\": {\"encoding\": \"UTF-8\"}}], \"columns\": ["
            + "{\"name\": \"task_index\", \"field_name\": \"task_index\", \"pandas_type\": \"int64\","
            + " \"numpy_type\": \"int64\", \"metadata\": null},"
            + " {\"name\": \"task\", \"field_name\": \"task\", \"pandas_type\":"
            + " \"unicode\", \"numpy_type\": \"object\", \"metadata\": null}],"
            + " \"creator\": {\"library\": \"tributary\", \"version\": \"0.1.0\"},"
            + " \"pandas_version\": \"2.2.3\"}";
    try (Statement st = db.createStatement()) {
      st.execute(
          "COPY (SELECT task_index, task FROM task_meta ORDER BY task_index) TO "
              + literal(tmp.resolve("meta/tasks.parquet"))
              + " (FORMAT parquet, COMPRESSION snappy, KV_METADATA {pandas: "
              + "'"
              + pandas.replace("'", "''")
              + "'})");
    }
  }

  private static void writeStats(
      Connection db, Path tmp, List<String> vectors, List<VideoExport.Camera> cameras)
      throws SQLException, IOException {
    ObjectNode stats = JSON.createObjectNode();
    EpisodeStats.aggregate(db, vectors, stats);
    Map<String, List<ImageStats.Episode>> images = new java.util.LinkedHashMap<>();
    cameras.forEach(c -> images.put(c.featureKey(), c.stats()));
    EpisodeStats.aggregateImages(images, stats);
    EpisodeStats.aggregate(db, EpisodeStats.SCALARS, stats);
    JSON.writeValue(tmp.resolve("meta/stats.json").toFile(), stats);
  }

  private void writeInfo(ExportPlan plan, Path tmp, long frames, List<VideoExport.Camera> cameras)
      throws IOException {
    ObjectNode info = JSON.createObjectNode();
    int episodes = plan.episodes().size();
    info.put("codebase_version", "v3.0");
    info.put("robot_type", plan.robotType());
    info.put("total_episodes", episodes);
    info.put("total_frames", frames);
    info.put("total_tasks", plan.tasks().size());
    info.put("chunks_size", options.chunksSize());
    number(info, "data_files_size_in_mb", options.dataFilesSizeInMb());
    number(info, "video_files_size_in_mb", options.videoFilesSizeInMb());
    info.put("fps", plan.integerFps());
    info.putObject("splits").put("train", "0:" + episodes);
    info.put("data_path", DATA_PATH);
    if (cameras.isEmpty()) {
      info.putNull("video_path");
    } else {
      info.put("video_path", VIDEO_PATH);
    }
    ObjectNode features = info.putObject("features");
    vector(features, "action", plan.actionNames());
    vector(features, "observation.state", plan.jointNames());
    for (VideoExport.Camera camera : cameras) {
      VideoExport.VideoInfo v = camera.info();
      ObjectNode f = features.putObject(camera.featureKey());
      f.put("dtype", "video");
      f.putArray("shape").add(v.height()).add(v.width()).add(3);
      f.putArray("names").add("height").add("width").add("channels");
      ObjectNode i = f.putObject("info");
      i.put("video.height", v.height());
      i.put("video.width", v.width());
      i.put("video.codec", v.codec());
      i.put("video.pix_fmt", v.pixFmt());
      i.put("video.is_depth_map", false);
      i.put("video.fps", v.fps());
      i.put("video.channels", 3);
      i.put("has_audio", false);
    }
    scalar(features, "timestamp", "float32");
    for (String column : List.of("frame_index", "episode_index", "index", "task_index")) {
      scalar(features, column, "int64");
    }
    JSON.writeValue(tmp.resolve("meta/info.json").toFile(), info);
  }

  private static void number(ObjectNode node, String key, double value) {
    if (value == Math.rint(value)) {
      node.put(key, (long) value);
    } else {
      node.put(key, value);
    }
  }

  private static void vector(ObjectNode features, String name, List<String> names) {
    ObjectNode f = features.putObject(name);
    f.put("dtype", "float32");
    f.putArray("shape").add(names.size());
    ArrayNode array = f.putArray("names");
    names.forEach(array::add);
  }

  private static void scalar(ObjectNode features, String name, String dtype) {
    ObjectNode f = features.putObject(name);
    f.put("dtype", dtype);
    f.putArray("shape").add(1);
    f.putNull("names");
  }

  private static void writeProvenance(TrainingSet set, ExportPlan plan, Path tmp)
      throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("training_set", set.name());
    doc.put("episodes_snapshot_id", set.episodesSnapshotId());
    if (set.framesSnapshotId() == null) {
      doc.putNull("frames_snapshot_id");
    } else {
      doc.put("frames_snapshot_id", set.framesSnapshotId());
    }
    doc.put("timestamps", "frame_index / fps (LeRobot convention), not capture times");
    ArrayNode episodes = doc.putArray("episodes");
    for (ExportPlan.Episode e : plan.episodes()) {
      ObjectNode node =
          episodes
              .addObject()
              .put("episode_index", e.index)
              .put("episode_id", e.episodeId())
              .put("site_id", e.siteId);
      if (e.resampledTo(plan.fps())) {
        node.put("resampled_from_hz", e.sourceRate);
      }
    }
    JSON.writeValue(tmp.resolve("meta/tributary.json").toFile(), doc);
  }

  private static void commit(Path tmp, Path dest) {
    try {
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      throw new ExportException(
          "export target " + dest + " appeared while exporting; nothing was overwritten");
    } catch (AtomicMoveNotSupportedException e) {
      throw new ExportException("cannot rename the finished export into place: " + e, e);
    } catch (IOException e) {
      if (Files.exists(dest)) {
        throw new ExportException(
            "export target " + dest + " appeared while exporting; nothing was overwritten");
      }
      throw new ExportException("cannot rename the finished export into place: " + e, e);
    }
  }

  private static long sizeOf(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(files.toList());
      all.sort(Comparator.reverseOrder());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a hidden .partial folder stays behind; it never looks like a finished dataset
    }
  }

  static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
