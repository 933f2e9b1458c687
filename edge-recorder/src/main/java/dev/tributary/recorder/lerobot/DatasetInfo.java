package dev.tributary.recorder.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code meta/info.json} says about a LeRobotDataset, version-independent: layout version,
 * fps, robot type, the state and action columns with their names, cameras and the path templates.
 *
 * @param action the action columns, or null when the dataset records none
 * @param cameraKeys features of dtype {@code video}, in declaration order
 * @param totalFrames {@code total_frames} as declared, -1 when absent
 * @param notes what could not be used as declared (and what was done instead)
 */
record DatasetInfo(
    Path root,
    String codebaseVersion,
    Layout layout,
    double fps,
    String robotType,
    JointColumns state,
    JointColumns action,
    List<String> cameraKeys,
    String dataPath,
    String videoPath,
    long chunksSize,
    long totalEpisodes,
    long totalFrames,
    List<String> notes) {

  /** The on-disk layouts this importer reads. */
  enum Layout {
    /** v2.0 / v2.1: one parquet and one MP4 per episode, jsonl metadata. */
    V2,
    /** v3.0: episodes concatenated in parquet and MP4 files, parquet metadata. */
    V3
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  static Path infoFile(Path root) {
    return root.resolve("meta").resolve("info.json");
  }

  static DatasetInfo read(Path root) throws ImportException {
    return read(root, FeatureKeys.AUTO);
  }

  static DatasetInfo read(Path root, FeatureKeys keys) throws ImportException {
    Path infoFile = infoFile(root);
    if (!Files.isRegularFile(infoFile)) {
      throw new ImportException(
          root + " is not a LeRobotDataset: meta/info.json is missing (point at the dataset root)");
    }
    JsonNode info;
    try {
      info = JSON.readTree(infoFile.toFile());
    } catch (IOException e) {
      throw new ImportException(infoFile + " is not valid JSON: " + e.getMessage());
    }
    if (info == null || !info.isObject()) {
      throw new ImportException(infoFile + " is not a JSON object");
    }
    String version = info.path("codebase_version").asText("");
    Layout layout;
    if (version.startsWith("v3.")) {
      layout = Layout.V3;
    } else if (version.equals("v2.0") || version.equals("v2.1")) {
      layout = Layout.V2;
    } else {
      throw new ImportException(
          root
              + " is a LeRobotDataset "
              + (version.isEmpty() ? "of unknown codebase_version" : version)
              + "; supported: v3.0 and v2.1 (convert older sets with lerobot first)");
    }
    double fps = info.path("fps").asDouble(0);
    if (fps <= 0) {
      throw new ImportException(infoFile + " has no positive 'fps'");
    }
    JsonNode features = info.path("features");
    List<String> notes = new ArrayList<>();
    String stateKey = pick(features, keys.state(), FeatureKeys.STATE_KEYS, "observation.state");
    if (stateKey == null) {
      throw new ImportException(
          infoFile
              + " declares no state feature (looked for "
              + FeatureKeys.STATE_KEYS
              + "; features: "
              + featureNames(features)
              + "): name it with --map-feature observation.state=KEY");
    }
    JointColumns state = JointColumns.of(stateKey, features.get(stateKey), "joint", notes);
    String actionKey = pick(features, keys.action(), FeatureKeys.ACTION_KEYS, "action");
    JointColumns action = null;
    if (actionKey != null) {
      action = JointColumns.of(actionKey, features.get(actionKey), "action", notes);
      if (action.generated() && action.size() == state.size()) {
        // Unnamed action of the state's length: LeRobot's convention is one target per joint.
        action = new JointColumns(actionKey, state.names(), state.generated());
      }
    }
    List<String> cameraKeys = new ArrayList<>();
    for (var feature : features.properties()) {
      if ("video".equals(feature.getValue().path("dtype").asText())) {
        cameraKeys.add(feature.getKey());
      }
    }
    String dataPath =
        info.path("data_path")
            .asText(
                layout == Layout.V3
                    ? "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet"
                    : "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet");
    String videoPath =
        info.path("video_path").isTextual()
            ? info.path("video_path").asText()
            : layout == Layout.V3
                ? "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4"
                : "videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4";
    return new DatasetInfo(
        root,
        version,
        layout,
        fps,
        info.path("robot_type").asText("unknown"),
        state,
        action,
        cameraKeys,
        dataPath,
        videoPath,
        Math.max(1, info.path("chunks_size").asLong(1000)),
        info.path("total_episodes").asLong(-1),
        info.path("total_frames").asLong(-1),
        List.copyOf(notes));
  }

  /**
   * The feature to read: the user's key (which must exist), else the first of the usual keys
   * present; null when none is.
   */
  private static String pick(JsonNode features, String mapped, List<String> usual, String what)
      throws ImportException {
    if (mapped != null) {
      if (mapped.isEmpty()) {
        return null;
      }
      if (!features.has(mapped)) {
        throw new ImportException(
            "--map-feature "
                + what
                + "="
                + mapped
                + ": meta/info.json has no feature '"
                + mapped
                + "' (features: "
                + featureNames(features)
                + ")");
      }
      return mapped;
    }
    for (String key : usual) {
      if (features.has(key) && !"video".equals(features.get(key).path("dtype").asText())) {
        return key;
      }
    }
    return null;
  }

  private static List<String> featureNames(JsonNode features) {
    List<String> out = new ArrayList<>();
    features.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** Fills a LeRobot path template ({@code {chunk_index:03d}}, {@code {video_key}}, ...). */
  static String format(String pattern, Map<String, Object> values) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      int open = pattern.indexOf('{', i);
      int close = open < 0 ? -1 : pattern.indexOf('}', open);
      if (open < 0 || close < 0) {
        out.append(pattern, i, pattern.length());
        break;
      }
      out.append(pattern, i, open);
      String field = pattern.substring(open + 1, close);
      String spec = "";
      int colon = field.indexOf(':');
      if (colon >= 0) {
        spec = field.substring(colon + 1);
        field = field.substring(0, colon);
      }
      Object value = values.get(field);
      if (value == null) {
        out.append(pattern, open, close + 1);
      } else if (spec.endsWith("d") && value instanceof Number n) {
        out.append(String.format("%" + spec, n.longValue()));
      } else {
        out.append(value);
      }
      i = close + 1;
    }
    return out.toString();
  }
}
