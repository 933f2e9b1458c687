package dev.tributary.recorder.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.recorder.spool.EpisodeWriter;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolFullException;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointContentHash;
import dev.tributary.schema.JointSpec;
import dev.tributary.schema.TimestampSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;

/**
 * Imports the joint data of a LeRobotDataset v3.0 folder ({@code lerobot-record} output) into the
 * spool: one Tributary episode per LeRobot episode, state and action values bit-identical to the
 * source Parquet, SO-100 {@code main_*} joint names aliased to SO-101 names. LeRobot stores {@code
 * frame_index / fps}, not capture times, so timestamps are marked SYNTHETIC.
 *
 * <p>Videos are not imported yet: episodes are imported joints-only and the report says so (for the
 * published sample the video files are absent anyway). Episode ids derive from the site and the
 * joint content, so importing the same folder twice spools nothing new.
 */
public final class LeRobotV3Importer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SO101 = {
    "shoulder_pan.pos",
    "shoulder_lift.pos",
    "elbow_flex.pos",
    "wrist_flex.pos",
    "wrist_roll.pos",
    "gripper.pos"
  };

  private final String siteId;
  private final String rigId;

  public LeRobotV3Importer(String siteId, String rigId) {
    this.siteId = siteId;
    this.rigId = rigId;
  }

  public ImportReport importInto(Path root, Spool spool)
      throws ImportException, SpoolFullException {
    Path infoFile = root.resolve("meta").resolve("info.json");
    if (!Files.isRegularFile(infoFile)) {
      throw new ImportException(
          root + " is not a LeRobotDataset: meta/info.json is missing (point at the dataset root)");
    }
    JsonNode info;
    try {
      info = JSON.readTree(infoFile.toFile());
    } catch (IOException e) {
      throw new ImportException(infoFile + " is not valid JSON: " + firstLine(e.getMessage()));
    }
    String version = info.path("codebase_version").asText("");
    if (!version.startsWith("v3")) {
      throw new ImportException(
          root
              + " is a LeRobotDataset "
              + (version.isEmpty() ? "of unknown version" : version)
              + "; only v3.0 import is built so far (v2.1 is not)");
    }
    double fps = info.path("fps").asDouble(0);
    if (fps <= 0) {
      throw new ImportException(infoFile + " has no positive 'fps'");
    }
    JsonNode features = info.path("features");
    List<String> jointNames = names(features.path("observation.state"));
    if (jointNames.isEmpty()) {
      throw new ImportException(infoFile + " declares no 'observation.state' feature with names");
    }
    boolean hasAction = features.has("action");
    List<String> cameraKeys = new ArrayList<>();
    for (var feature : features.properties()) {
      if ("video".equals(feature.getValue().path("dtype").asText())) {
        cameraKeys.add(feature.getKey());
      }
    }
    Map<Long, String> tasks = readTasks(root);
    List<Group> episodes = readEpisodes(root);
    List<String> notes = new ArrayList<>();
    if (!cameraKeys.isEmpty()) {
      notes.add(
          videoNote(
              root,
              info.path("video_path")
                  .asText("videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4"),
              cameraKeys));
    }

    Map<String, List<Group>> dataFiles = new HashMap<>();
    List<ImportReport.Imported> imported = new ArrayList<>();
    List<String> already = new ArrayList<>();
    List<ImportReport.Failed> failed = new ArrayList<>();
    String robotType = info.path("robot_type").asText("unknown");
    String dataPattern =
        info.path("data_path").asText("data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet");
    for (Group episode : episodes) {
      long index = ParquetRows.getLong(episode, "episode_index");
      try {
        Path dataFile =
            root.resolve(
                format(
                    dataPattern,
                    ParquetRows.getLong(episode, "data/chunk_index"),
                    ParquetRows.getLong(episode, "data/file_index"),
                    null));
        List<Group> rows = dataFiles.get(dataFile.toString());
        if (rows == null) {
          if (!Files.isRegularFile(dataFile)) {
            throw new ImportException("its data file " + root.relativize(dataFile) + " is missing");
          }
          rows = ParquetRows.readAll(dataFile);
          dataFiles.put(dataFile.toString(), rows);
        }
        List<Group> frames = new ArrayList<>();
        for (Group row : rows) {
          if (ParquetRows.getLong(row, "episode_index") == index) {
            frames.add(row);
          }
        }
        frames.sort(Comparator.comparingLong(r -> ParquetRows.getLong(r, "frame_index")));
        if (frames.isEmpty()) {
          throw new ImportException(
              "no rows with episode_index " + index + " in " + root.relativize(dataFile));
        }
        String task =
            ParquetRows.stringList(episode, "tasks").stream()
                .findFirst()
                .orElse(tasks.getOrDefault(ParquetRows.getLong(frames.get(0), "task_index"), ""));
        long anchor =
            Files.getLastModifiedTime(dataFile).to(java.util.concurrent.TimeUnit.MICROSECONDS);
        Episode built = build(frames, jointNames.size(), hasAction, fps, anchor);
        String episodeId =
            UUID.nameUUIDFromBytes(
                    ("lerobot/" + siteId + "/" + robotType + "/" + built.contentSha256)
                        .getBytes(StandardCharsets.UTF_8))
                .toString();
        if (spool.contains(episodeId)) {
          already.add(episodeId);
          continue;
        }
        EpisodeManifest manifest =
            EpisodeManifest.newBuilder()
                .setEpisodeId(episodeId)
                .setSiteId(siteId)
                .setRigId(rigId)
                .setRobotType(robotType)
                .setJoints(
                    jointNames.stream().map(n -> new JointSpec(canonical(n), unit(n))).toList())
                .setCameras(List.of())
                .setTask(task)
                .setRecorderVersion("tributary-edge-recorder/0.1.0 lerobot-import")
                .setStartedAtMicros(anchor)
                .setTimestampSource(TimestampSource.SYNTHETIC)
                .setJointRateHz((float) fps)
                .setSource("lerobot-v3")
                .build();
        EpisodeWriter writer = spool.startEpisode(manifest);
        int chunkSamples = Math.max(1, (int) Math.round(fps));
        int sequence = 0;
        for (int from = 0; from < built.samples; from += chunkSamples) {
          writer.appendChunk(
              built.chunk(
                  episodeId, sequence++, from, Math.min(built.samples, from + chunkSamples)));
        }
        var commit = writer.finish(anchor + (long) (built.samples / fps * 1e6));
        imported.add(
            new ImportReport.Imported(
                index, episodeId, commit.getSampleCount(), commit.getContentSha256().toString()));
      } catch (ImportException e) {
        failed.add(new ImportReport.Failed(index, e.getMessage()));
      } catch (IOException | RuntimeException e) {
        failed.add(new ImportReport.Failed(index, firstLine(String.valueOf(e.getMessage()))));
      }
    }
    return new ImportReport(imported, already, failed, notes);
  }

  /** Joint columns of one episode, in memory. */
  private static final class Episode {
    final int samples;
    final long[] mono;
    final long[] wall;
    final float[][] state;
    final float[][] action;
    final String contentSha256;

    Episode(long[] mono, long[] wall, float[][] state, float[][] action) {
      this.samples = mono.length;
      this.mono = mono;
      this.wall = wall;
      this.state = state;
      this.action = action;
      this.contentSha256 = JointContentHash.of(List.of(chunk("hash", 0, 0, samples)));
    }

    JointChunk chunk(String episodeId, int sequence, int from, int to) {
      List<Long> m = new ArrayList<>();
      List<Long> w = new ArrayList<>();
      for (int i = from; i < to; i++) {
        m.add(mono[i]);
        w.add(wall[i]);
      }
      return JointChunk.newBuilder()
          .setEpisodeId(episodeId)
          .setSequence(sequence)
          .setFirstSampleIndex(from)
          .setCaptureMonoNanos(m)
          .setCaptureWallMicros(w)
          .setState(columns(state, from, to))
          .setAction(columns(action, from, to))
          .build();
    }

    private static List<List<Float>> columns(float[][] values, int from, int to) {
      List<List<Float>> out = new ArrayList<>();
      for (float[] joint : values) {
        List<Float> column = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
          column.add(joint[i]);
        }
        out.add(column);
      }
      return out;
    }
  }

  private static Episode build(
      List<Group> frames, int joints, boolean hasAction, double fps, long anchor)
      throws ImportException {
    int n = frames.size();
    long[] mono = new long[n];
    long[] wall = new long[n];
    float[][] state = new float[joints][n];
    float[][] action = new float[hasAction ? joints : 0][n];
    for (int i = 0; i < n; i++) {
      Group row = frames.get(i);
      long frameIndex = ParquetRows.getLong(row, "frame_index");
      double t =
          ParquetRows.has(row, "timestamp") ? row.getFloat("timestamp", 0) : frameIndex / fps;
      // timestamp is float32 in LeRobot: derive from frame_index when it does not increase.
      long nanos = Math.round(t * 1e9);
      if (i > 0 && nanos <= mono[i - 1]) {
        nanos = Math.round(frameIndex / fps * 1e9);
      }
      if (i > 0 && nanos <= mono[i - 1]) {
        throw new ImportException("frame_index does not increase at frame " + frameIndex);
      }
      mono[i] = nanos;
      wall[i] = anchor + nanos / 1000;
      float[] s = ParquetRows.floatList(row, "observation.state");
      if (s.length != joints) {
        throw new ImportException(
            "frame " + frameIndex + " has " + s.length + " state values, expected " + joints);
      }
      for (int j = 0; j < joints; j++) {
        state[j][i] = s[j];
      }
      if (hasAction) {
        float[] a = ParquetRows.floatList(row, "action");
        if (a.length != joints) {
          throw new ImportException(
              "frame " + frameIndex + " has " + a.length + " action values, expected " + joints);
        }
        for (int j = 0; j < joints; j++) {
          action[j][i] = a[j];
        }
      }
    }
    return new Episode(mono, wall, state, action);
  }

  private static Map<Long, String> readTasks(Path root) throws ImportException {
    Map<Long, String> tasks = new HashMap<>();
    Path file = root.resolve("meta").resolve("tasks.parquet");
    if (!Files.isRegularFile(file)) {
      return tasks;
    }
    try {
      for (Group row : ParquetRows.readAll(file)) {
        String text =
            ParquetRows.has(row, "task")
                ? row.getString("task", 0)
                : ParquetRows.has(row, "__index_level_0__")
                    ? row.getString("__index_level_0__", 0)
                    : "";
        tasks.put(ParquetRows.getLong(row, "task_index"), text);
      }
    } catch (IOException | RuntimeException e) {
      throw new ImportException("meta/tasks.parquet is unreadable: " + firstLine(e.getMessage()));
    }
    return tasks;
  }

  private static List<Group> readEpisodes(Path root) throws ImportException {
    Path dir = root.resolve("meta").resolve("episodes");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new ImportException(root + " has no meta/episodes/ folder of a LeRobotDataset v3");
    }
    if (files.isEmpty()) {
      throw new ImportException(root + ": meta/episodes/ holds no Parquet files");
    }
    TreeMap<Long, Group> episodes = new TreeMap<>();
    for (Path file : files) {
      try {
        for (Group row : ParquetRows.readAll(file)) {
          episodes.put(ParquetRows.getLong(row, "episode_index"), row);
        }
      } catch (IOException | RuntimeException e) {
        throw new ImportException(
            root.relativize(file) + " is unreadable: " + firstLine(e.getMessage()));
      }
    }
    return new ArrayList<>(episodes.values());
  }

  private static String videoNote(Path root, String pattern, List<String> cameraKeys) {
    List<String> missing = new ArrayList<>();
    for (String key : cameraKeys) {
      Path first = root.resolve(format(pattern, 0, 0, key));
      if (!Files.exists(first)) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      return "video files absent for " + missing + ": episodes imported with joints only";
    }
    return "video import is not built yet: episodes imported with joints only (cameras "
        + cameraKeys
        + " not uploaded)";
  }

  private static List<String> names(JsonNode feature) {
    List<String> out = new ArrayList<>();
    JsonNode names = feature.path("names");
    if (names.isObject() && names.has("motors")) {
      names = names.get("motors");
    }
    if (names.isArray()) {
      names.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  /**
   * SO-100 datasets name joints {@code main_shoulder_pan} etc.; SO-101 uses {@code
   * shoulder_pan.pos}.
   */
  static String canonical(String name) {
    String base = name.startsWith("main_") ? name.substring(5) : name;
    for (String so101 : SO101) {
      if (so101.equals(base) || so101.equals(base + ".pos")) {
        return so101;
      }
    }
    return name;
  }

  private static String unit(String name) {
    return canonical(name).startsWith("gripper") ? "percent" : "deg";
  }

  static String format(String pattern, long chunk, long file, String videoKey) {
    String out =
        pattern
            .replace("{chunk_index:03d}", String.format("%03d", chunk))
            .replace("{file_index:03d}", String.format("%03d", file));
    return videoKey == null ? out : out.replace("{video_key}", videoKey);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
