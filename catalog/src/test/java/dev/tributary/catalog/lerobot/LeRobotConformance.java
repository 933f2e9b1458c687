package dev.tributary.catalog.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks a LeRobotDataset v3.0 folder against the rules LeRobot's loader and writer enforce, as
 * written down in {@code docs/lerobot-format-rules.md} (rule numbers in the messages). Independent
 * of the exporter: files are read back with parquet-mr and Jackson, videos decoded with FFmpeg.
 * Returns every violation found (an empty list: the folder conforms).
 */
public final class LeRobotConformance {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final double TOLERANCE_S = 1e-4;
  private static final List<String> DEFAULTS =
      List.of("timestamp", "frame_index", "episode_index", "index", "task_index");

  /** LeRobot's {@code metadata_buffer_size}: episode rows written to a file per flush. */
  private static final int METADATA_BUFFER = 10;

  private static final List<String> STATS =
      List.of("min", "max", "mean", "std", "count", "q01", "q10", "q50", "q90", "q99");

  private final Path root;
  private final List<String> violations = new ArrayList<>();

  private LeRobotConformance(Path root) {
    this.root = root;
  }

  /** Every violation, one line each. */
  public static List<String> check(Path root) throws IOException {
    LeRobotConformance c = new LeRobotConformance(root);
    c.run();
    return c.violations;
  }

  /** Throws an AssertionError listing the violations (at most 20) when there is any. */
  public static void assertConforms(Path root) throws IOException {
    List<String> found = check(root);
    if (!found.isEmpty()) {
      throw new AssertionError(
          root
              + " breaks "
              + found.size()
              + " LeRobot rules:\n  "
              + String.join("\n  ", found.subList(0, Math.min(20, found.size()))));
    }
  }

  private void fail(String rule, String message) {
    violations.add("rule " + rule + ": " + message);
  }

  private void run() throws IOException {
    JsonNode info = JSON.readTree(root.resolve("meta/info.json").toFile());
    if (!info.path("codebase_version").asText().equals("v3.0")) {
      fail("7", "codebase_version is " + info.path("codebase_version"));
    }
    int fps = info.path("fps").asInt();
    if (!info.path("fps").isIntegralNumber() || fps <= 0) {
      fail("5/6", "fps " + info.path("fps") + " is not a positive int");
      return;
    }
    for (String key : List.of("chunks_size", "data_files_size_in_mb", "video_files_size_in_mb")) {
      if (!(info.path(key).asDouble() > 0)) {
        fail("6", key + " is " + info.path(key));
      }
    }
    JsonNode features = info.path("features");
    Map<String, JsonNode> columns = new LinkedHashMap<>();
    List<String> videoKeys = new ArrayList<>();
    features
        .fields()
        .forEachRemaining(
            f -> {
              checkFeature(f.getKey(), f.getValue());
              if (f.getValue().path("dtype").asText().equals("video")) {
                videoKeys.add(f.getKey());
              } else {
                columns.put(f.getKey(), f.getValue());
              }
            });
    for (String d : DEFAULTS) {
      String dtype = d.equals("timestamp") ? "float32" : "int64";
      if (!features.path(d).path("dtype").asText().equals(dtype)
          || features.path(d).path("shape").size() != 1
          || features.path(d).path("shape").get(0).asInt() != 1) {
        fail("10", "default feature " + d + " is not " + dtype + " (1,)");
      }
    }
    if (videoKeys.isEmpty() != info.path("video_path").isNull()) {
      fail("5", "video_path " + info.path("video_path") + " with video features " + videoKeys);
    }
    int totalEpisodes = info.path("total_episodes").asInt();
    if (!info.path("splits").path("train").asText().equals("0:" + totalEpisodes)) {
      fail("8", "splits " + info.path("splits") + " for " + totalEpisodes + " episodes");
    }
    double dataLimit = info.path("data_files_size_in_mb").asDouble() * 1024 * 1024;
    double videoLimit = info.path("video_files_size_in_mb").asDouble() * 1024 * 1024;

    // data
    List<Path> dataFiles = nested(root.resolve("data"));
    if (dataFiles.isEmpty()) {
      fail("3", "no data/*/*.parquet");
      return;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<Long, String> fileOfEpisode = new HashMap<>();
    for (Path file : dataFiles) {
      checkTemplate(
          "2", root.relativize(file).toString(), "data/chunk-\\d{3}/file-\\d{3}\\.parquet");
      ParquetTable t = ParquetTable.read(file);
      if (!t.types().keySet().equals(columns.keySet())) {
        fail(
            "16",
            file.getFileName()
                + " has columns "
                + t.types().keySet()
                + ", info.json "
                + columns.keySet());
        return;
      }
      for (var c : columns.entrySet()) {
        String want = physical(c.getValue());
        if (!t.types().get(c.getKey()).equals(want)) {
          fail(
              "15/17",
              c.getKey() + " is " + t.types().get(c.getKey()) + ", info.json says " + want);
        }
      }
      Set<Long> here = new HashSet<>();
      for (Map<String, Object> row : t.rows()) {
        long ep = (Long) row.get("episode_index");
        here.add(ep);
        String previous = fileOfEpisode.putIfAbsent(ep, root.relativize(file).toString());
        if (previous != null && !previous.equals(root.relativize(file).toString())) {
          fail("33", "episode " + ep + " is split across " + previous + " and " + file);
        }
      }
      rows.addAll(t.rows());
      if (here.size() > 1 && Files.size(file) > dataLimit * 1.1) {
        fail(
            "33",
            file
                + " holds "
                + here.size()
                + " episodes and "
                + Files.size(file)
                + " bytes, over data_files_size_in_mb");
      }
    }
    Map<Long, long[]> episodeRange = new TreeMap<>(); // from, to (exclusive), length
    long previousEpisode = -1;
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = rows.get(i);
      long index = (Long) row.get("index");
      long ep = (Long) row.get("episode_index");
      long frameIndex = (Long) row.get("frame_index");
      float ts = (Float) row.get("timestamp");
      if (index != i) {
        fail("19", "row " + i + " has index " + index);
        break;
      }
      if (ep < previousEpisode || (ep != previousEpisode && episodeRange.containsKey(ep))) {
        fail("20", "episode " + ep + " at row " + i + " is out of order or not contiguous");
        break;
      }
      previousEpisode = ep;
      long[] r = episodeRange.computeIfAbsent(ep, k -> new long[] {index, index, 0});
      if (frameIndex != r[2]) {
        fail(
            "18",
            "episode "
                + ep
                + " row "
                + i
                + " has frame_index "
                + frameIndex
                + ", expected "
                + r[2]);
        break;
      }
      r[1] = index + 1;
      r[2]++;
      if (Math.abs(ts - frameIndex / (double) fps) > TOLERANCE_S) {
        fail(
            "18/29",
            "episode "
                + ep
                + " frame "
                + frameIndex
                + " has timestamp "
                + ts
                + ", not frame_index/fps");
        break;
      }
      for (var c : columns.entrySet()) {
        int n = c.getValue().path("shape").get(0).asInt();
        if (c.getValue().path("shape").size() == 1 && n > 1) {
          Object v = row.get(c.getKey());
          if (!(v instanceof List<?> list) || list.size() != n) {
            fail("16", c.getKey() + " at row " + i + " is not " + n + " long");
            return;
          }
        }
      }
      long taskIndex = (Long) row.get("task_index");
      if (taskIndex < 0 || taskIndex >= info.path("total_tasks").asLong()) {
        fail("25", "row " + i + " has task_index " + taskIndex);
        break;
      }
    }
    if (!episodeRange.keySet().equals(range(totalEpisodes))) {
      fail(
          "20/27",
          "episode indices in data "
              + summary(episodeRange.keySet())
              + ", total_episodes "
              + totalEpisodes);
    }
    if (rows.size() != info.path("total_frames").asLong()) {
      fail("8", "total_frames " + info.path("total_frames") + ", data rows " + rows.size());
    }

    // tasks
    ParquetTable tasks = ParquetTable.read(root.resolve("meta/tasks.parquet"));
    String pandas = tasks.metadata().getOrDefault("pandas", "");
    if (!tasks.types().containsKey("task") || !tasks.types().containsKey("task_index")) {
      fail("25", "meta/tasks.parquet has columns " + tasks.types().keySet());
    } else if (!JSON.readTree(pandas.isEmpty() ? "{}" : pandas)
        .path("index_columns")
        .toString()
        .equals("[\"task\"]")) {
      fail("25", "meta/tasks.parquet pandas metadata does not make 'task' the index: " + pandas);
    }
    List<String> taskTexts = new ArrayList<>();
    for (int i = 0; i < tasks.rows().size(); i++) {
      if (!Long.valueOf(i).equals(tasks.rows().get(i).get("task_index"))) {
        fail("25", "tasks row " + i + " has task_index " + tasks.rows().get(i).get("task_index"));
      }
      taskTexts.add(String.valueOf(tasks.rows().get(i).get("task")));
    }
    if (new HashSet<>(taskTexts).size() != taskTexts.size()
        || taskTexts.size() != info.path("total_tasks").asInt()) {
      fail("25/8", "tasks " + taskTexts + " for total_tasks " + info.path("total_tasks"));
    }

    // episodes metadata
    List<Map<String, Object>> episodes = new ArrayList<>();
    List<Path> metaFiles = nested(root.resolve("meta/episodes"));
    for (int k = 0; k < metaFiles.size(); k++) {
      Path file = metaFiles.get(k);
      checkTemplate(
          "2",
          root.relativize(file).toString(),
          "meta/episodes/chunk-\\d{3}/file-\\d{3}\\.parquet");
      List<Map<String, Object>> here = ParquetTable.read(file).rows();
      checkEpisodesFile(
          k, file, here, metaFiles.size(), info.path("chunks_size").asInt(), dataLimit);
      episodes.addAll(here);
    }
    if (episodes.size() != totalEpisodes) {
      fail("22", episodes.size() + " episode rows for total_episodes " + totalEpisodes);
    }
    Map<String, Long> imageCounts = new HashMap<>();
    Map<String, DecodedVideo> decoded = new HashMap<>();
    Map<String, Set<String>> codecs = new HashMap<>();
    Map<String, Map<String, Integer>> episodesPerFile = new HashMap<>();
    for (int i = 0; i < episodes.size(); i++) {
      Map<String, Object> e = episodes.get(i);
      if (!Long.valueOf(i).equals(e.get("episode_index"))) {
        fail("22", "episodes row " + i + " is episode " + e.get("episode_index"));
        continue;
      }
      long[] r = episodeRange.get((long) i);
      if (r == null) {
        continue;
      }
      if (!Long.valueOf(r[0]).equals(e.get("dataset_from_index"))
          || !Long.valueOf(r[1]).equals(e.get("dataset_to_index"))
          || !Long.valueOf(r[2]).equals(e.get("length"))) {
        fail(
            "23",
            "episode "
                + i
                + " from/to/length "
                + e.get("dataset_from_index")
                + "/"
                + e.get("dataset_to_index")
                + "/"
                + e.get("length")
                + ", data "
                + r[0]
                + "/"
                + r[1]
                + "/"
                + r[2]);
      }
      String dataFile =
          String.format(
              "data/chunk-%03d/file-%03d.parquet",
              e.get("data/chunk_index"), e.get("data/file_index"));
      if (!dataFile.equals(fileOfEpisode.get((long) i))) {
        fail(
            "23",
            "episode "
                + i
                + " points at "
                + dataFile
                + ", its rows are in "
                + fileOfEpisode.get((long) i));
      }
      Object taskList = e.get("tasks");
      long taskIndex = (Long) rows.get((int) r[0]).get("task_index");
      if (!(taskList instanceof List<?> l)
          || taskIndex >= taskTexts.size()
          || !l.contains(taskTexts.get((int) taskIndex))) {
        fail("21", "episode " + i + " tasks " + taskList + " lack its task " + taskIndex);
      }
      checkEpisodeStats(i, e, columns, rows.subList((int) r[0], (int) r[1]));
      for (String key : videoKeys) {
        imageCounts.merge(key, checkImageStats(i, e, key, r[2]), Long::sum);
      }
      for (String key : videoKeys) {
        String p = "videos/" + key + "/";
        if (!(e.get(p + "from_timestamp") instanceof Double from)
            || e.get(p + "chunk_index") == null) {
          fail("21/23", "episode " + i + " lacks the " + p + "* columns");
          continue;
        }
        String file =
            info.path("video_path")
                .asText()
                .replace("{video_key}", key)
                .replace("{chunk_index:03d}", String.format("%03d", e.get(p + "chunk_index")))
                .replace("{file_index:03d}", String.format("%03d", e.get(p + "file_index")));
        Path video = root.resolve(file);
        if (!Files.isRegularFile(video)) {
          fail("27", "episode " + i + " video " + file + " is missing");
          continue;
        }
        episodesPerFile.computeIfAbsent(key, k -> new TreeMap<>()).merge(file, 1, Integer::sum);
        DecodedVideo v = decoded.get(file);
        if (v == null) {
          v = DecodedVideo.decode(video);
          decoded.put(file, v);
          codecs.computeIfAbsent(key, k -> new HashSet<>()).add(v.codec());
          checkGrid(file, v, fps);
          JsonNode shape = features.path(key).path("shape");
          if (shape.get(0).asInt() != v.height() || shape.get(1).asInt() != v.width()) {
            fail("12", file + " is " + v.width() + "x" + v.height() + ", info.json shape " + shape);
          }
        }
        int misses = 0;
        String first = null;
        for (Map<String, Object> row : rows.subList((int) r[0], (int) r[1])) {
          double query = from + (Float) row.get("timestamp");
          if (v.distanceToNearestFrame(query) > TOLERANCE_S) {
            misses++;
            if (first == null) {
              first = "frame " + row.get("frame_index") + " at " + query + " s";
            }
          }
        }
        if (misses > 0) {
          fail(
              "28",
              "episode "
                  + i
                  + " "
                  + key
                  + ": "
                  + misses
                  + " of "
                  + r[2]
                  + " rows have no decoded frame within 1e-4 s (first: "
                  + first
                  + ")");
        }
      }
    }
    for (String key : videoKeys) {
      Set<String> c = codecs.getOrDefault(key, Set.of());
      String declared = features.path(key).path("info").path("video.codec").asText();
      if (c.size() > 1 || (c.size() == 1 && !c.contains(declared))) {
        fail("13", key + " files use codecs " + c + ", info.json says " + declared);
      }
      for (var f : episodesPerFile.getOrDefault(key, Map.of()).entrySet()) {
        long size = Files.size(root.resolve(f.getKey()));
        if (f.getValue() > 1 && size > videoLimit * 1.1) {
          fail(
              "34",
              f.getKey()
                  + " holds "
                  + f.getValue()
                  + " episodes and "
                  + size
                  + " bytes, over video_files_size_in_mb");
        }
      }
    }
    checkDatasetStats(columns, rows, imageCounts);
  }

  /**
   * One {@code meta/episodes} file (rules 21 and 35): every row names this file in {@code
   * meta/episodes/chunk_index|file_index}, files are numbered as {@code update_chunk_file_indices}
   * counts, a file that is not the last holds at least one metadata buffer (10 rows: LeRobot's
   * writer cannot roll over before its first flush), and a file is at most about {@code
   * data_files_size_in_mb} plus one buffer.
   */
  private void checkEpisodesFile(
      int k, Path file, List<Map<String, Object>> rows, int files, int chunksSize, double limit)
      throws IOException {
    String name = root.relativize(file).toString();
    String expected =
        String.format("meta/episodes/chunk-%03d/file-%03d.parquet", k / chunksSize, k % chunksSize);
    if (!name.equals(expected)) {
      fail("35", name + " is the " + (k + 1) + "th episodes file, expected " + expected);
    }
    for (Map<String, Object> row : rows) {
      if (!Long.valueOf(k / chunksSize).equals(row.get("meta/episodes/chunk_index"))
          || !Long.valueOf(k % chunksSize).equals(row.get("meta/episodes/file_index"))) {
        fail(
            "21",
            name
                + " row of episode "
                + row.get("episode_index")
                + " says it is in chunk "
                + row.get("meta/episodes/chunk_index")
                + " file "
                + row.get("meta/episodes/file_index"));
        return;
      }
    }
    if (k < files - 1 && rows.size() < METADATA_BUFFER) {
      fail(
          "35",
          name
              + " holds "
              + rows.size()
              + " episodes and is not the last file: LeRobot flushes "
              + METADATA_BUFFER
              + " before it can roll over");
    }
    long size = Files.size(file);
    double perRow = size / (double) Math.max(1, rows.size());
    if (rows.size() > METADATA_BUFFER && size > limit + METADATA_BUFFER * perRow) {
      fail(
          "35",
          name
              + " holds "
              + rows.size()
              + " episodes and "
              + size
              + " bytes, over data_files_size_in_mb");
    }
  }

  /**
   * {@code stats/<video key>/<stat>} of one episode (rules 21 and 31): (3,1,1) values in [0, 1]
   * with min <= q01 <= ... <= max and min <= mean <= max, std >= 0, and {@code count} the number of
   * frames {@code estimate_num_samples} samples from the episode.
   *
   * @return the episode's count (0 when missing)
   */
  private long checkImageStats(int episode, Map<String, Object> e, String key, long length) {
    double[][] values = new double[STATS.size()][];
    for (int s = 0; s < STATS.size(); s++) {
      String stat = STATS.get(s);
      Object value = e.get("stats/" + key + "/" + stat);
      if (stat.equals("count")) {
        long want =
            Math.max(Math.min(100, length), Math.min((long) Math.pow(length, 0.75), 10_000));
        if (!(value instanceof List<?> l)
            || l.size() != 1
            || ((Number) l.get(0)).longValue() != want) {
          fail(
              "31",
              "episode "
                  + episode
                  + " stats/"
                  + key
                  + "/count is "
                  + value
                  + ", want ["
                  + want
                  + "] sampled frames");
          return 0;
        }
        continue;
      }
      values[s] = channels(value);
      if (values[s] == null) {
        fail(
            "21/31",
            "episode "
                + episode
                + " stats/"
                + key
                + "/"
                + stat
                + " is "
                + value
                + ", not shape (3,1,1)");
        return 0;
      }
    }
    checkImageOrder("31", "episode " + episode + " stats/" + key, values);
    return length == 0
        ? 0
        : ((Number) ((List<?>) e.get("stats/" + key + "/count")).get(0)).longValue();
  }

  /** Values of a (3,1,1) nested list, or null when it has another shape. */
  private static double[] channels(Object value) {
    if (value instanceof JsonNode node) {
      List<Object> list = new ArrayList<>();
      node.forEach(c -> list.add(c.isArray() ? nestedJson(c) : c.asDouble()));
      value = list;
    }
    if (!(value instanceof List<?> outer) || outer.size() != 3) {
      return null;
    }
    double[] out = new double[3];
    for (int c = 0; c < 3; c++) {
      if (!(outer.get(c) instanceof List<?> mid)
          || mid.size() != 1
          || !(mid.get(0) instanceof List<?> inner)
          || inner.size() != 1
          || !(inner.get(0) instanceof Number n)) {
        return null;
      }
      out[c] = n.doubleValue();
    }
    return out;
  }

  private static Object nestedJson(JsonNode node) {
    List<Object> list = new ArrayList<>();
    node.forEach(c -> list.add(c.isArray() ? nestedJson(c) : c.asDouble()));
    return list;
  }

  /** min <= q01 <= q10 <= q50 <= q90 <= q99 <= max, min <= mean <= max, std >= 0, all in [0, 1]. */
  private void checkImageOrder(String rule, String what, double[][] values) {
    String[] order = {"min", "q01", "q10", "q50", "q90", "q99", "max"};
    for (int c = 0; c < 3; c++) {
      double previous = -1e-9;
      for (String stat : order) {
        double v = values[STATS.indexOf(stat)][c];
        if (v < previous - 1e-9 || v < -1e-9 || v > 1 + 1e-9) {
          fail(
              rule,
              what
                  + "/"
                  + stat
                  + " channel "
                  + c
                  + " = "
                  + v
                  + " is out of order or outside [0, 1]");
          return;
        }
        previous = v;
      }
      double mean = values[STATS.indexOf("mean")][c];
      double std = values[STATS.indexOf("std")][c];
      if (mean < values[0][c] - 1e-9 || mean > values[1][c] + 1e-9 || std < 0) {
        fail(
            rule,
            what + " channel " + c + " mean " + mean + " / std " + std + " do not fit min/max");
        return;
      }
    }
  }

  private void checkFeature(String name, JsonNode f) {
    if (name.contains("/")) {
      fail("11", "feature name " + name + " contains '/'");
    }
    JsonNode shape = f.path("shape");
    if (!f.has("names") || !shape.isArray() || shape.isEmpty()) {
      fail("10/12", "feature " + name + " lacks names or a shape");
      return;
    }
    if (f.path("dtype").asText().equals("video")) {
      if (shape.size() != 3
          || !f.path("names").toString().equals("[\"height\",\"width\",\"channels\"]")) {
        fail("12", "video feature " + name + " shape " + shape + " names " + f.path("names"));
      }
    } else if (shape.size() == 1 && shape.get(0).asInt() > 1) {
      if (f.path("names").size() != shape.get(0).asInt()) {
        fail(
            "12",
            "feature " + name + " has " + f.path("names").size() + " names for shape " + shape);
      }
    }
  }

  private static String physical(JsonNode feature) {
    String dtype = feature.path("dtype").asText();
    String scalar =
        switch (dtype) {
          case "float32" -> "float";
          case "float64" -> "double";
          case "int64" -> "int64";
          case "int32" -> "int32";
          case "bool" -> "bool";
          case "string" -> "string";
          default -> dtype;
        };
    int dims = feature.path("shape").size();
    int n = feature.path("shape").get(0).asInt();
    return dims == 1 && n == 1 ? scalar : "list<" + scalar + ">";
  }

  private void checkGrid(String file, DecodedVideo v, int fps) {
    double[] t = v.frameSeconds();
    for (int k = 0; k < t.length; k++) {
      if (Math.abs(t[k] - k / (double) fps) > TOLERANCE_S) {
        fail(
            "28",
            file
                + " frame "
                + k
                + " is at "
                + t[k]
                + " s, not "
                + k
                + "/"
                + fps
                + " (not constant-rate from 0)");
        return;
      }
    }
  }

  private void checkEpisodeStats(
      int episode,
      Map<String, Object> e,
      Map<String, JsonNode> columns,
      List<Map<String, Object>> rows) {
    for (var c : columns.entrySet()) {
      int n = c.getValue().path("shape").get(0).asInt();
      double[][] minMax = minMax(c.getKey(), n, rows);
      for (String stat : STATS) {
        Object value = e.get("stats/" + c.getKey() + "/" + stat);
        int want = stat.equals("count") ? 1 : n;
        if (!(value instanceof List<?> list) || list.size() != want) {
          fail(
              "21/30",
              "episode "
                  + episode
                  + " stats/"
                  + c.getKey()
                  + "/"
                  + stat
                  + " is "
                  + value
                  + ", want "
                  + want
                  + " values");
          continue;
        }
        if (stat.equals("count") && ((Number) list.get(0)).longValue() != rows.size()) {
          fail(
              "30",
              "episode "
                  + episode
                  + " stats/"
                  + c.getKey()
                  + "/count "
                  + list
                  + " for "
                  + rows.size()
                  + " frames");
        }
        for (int j = 0; j < list.size() && !stat.equals("count"); j++) {
          double x = ((Number) list.get(j)).doubleValue();
          boolean ok =
              switch (stat) {
                case "min" -> x == minMax[0][j];
                case "max" -> x == minMax[1][j];
                case "std" -> x >= 0;
                default -> x >= minMax[0][j] - 1e-6 && x <= minMax[1][j] + 1e-6;
              };
          if (!ok) {
            fail(
                "30",
                "episode "
                    + episode
                    + " stats/"
                    + c.getKey()
                    + "/"
                    + stat
                    + "["
                    + j
                    + "] = "
                    + x
                    + " does not fit the data ["
                    + minMax[0][j]
                    + ", "
                    + minMax[1][j]
                    + "]");
            break;
          }
        }
      }
    }
  }

  private void checkDatasetStats(
      Map<String, JsonNode> columns, List<Map<String, Object>> rows, Map<String, Long> imageCounts)
      throws IOException {
    Path file = root.resolve("meta/stats.json");
    if (!Files.exists(file)) {
      return; // optional (rule 26)
    }
    JsonNode stats = JSON.readTree(file.toFile());
    for (var image : imageCounts.entrySet()) {
      JsonNode s = stats.path(image.getKey());
      double[][] values = new double[STATS.size()][];
      for (int i = 0; i < STATS.size(); i++) {
        String stat = STATS.get(i);
        if (stat.equals("count")) {
          if (s.path("count").size() != 1 || s.path("count").path(0).asLong() != image.getValue()) {
            fail(
                "32",
                "stats.json "
                    + image.getKey()
                    + ".count "
                    + s.path("count")
                    + ", episodes sampled "
                    + image.getValue()
                    + " frames");
          }
          continue;
        }
        values[i] = channels(s.path(stat));
        if (values[i] == null) {
          fail(
              "31/32",
              "stats.json "
                  + image.getKey()
                  + "."
                  + stat
                  + " is "
                  + s.path(stat)
                  + ", not shape (3,1,1)");
          return;
        }
      }
      checkImageOrder("32", "stats.json " + image.getKey(), values);
    }
    for (var c : columns.entrySet()) {
      int n = c.getValue().path("shape").get(0).asInt();
      double[][] minMax = minMax(c.getKey(), n, rows);
      double[] mean = new double[n];
      for (Map<String, Object> row : rows) {
        double[] v = values(row.get(c.getKey()), n);
        for (int j = 0; j < n; j++) {
          mean[j] += v[j] / rows.size();
        }
      }
      JsonNode s = stats.path(c.getKey());
      for (String stat : STATS) {
        int want = stat.equals("count") ? 1 : n;
        if (s.path(stat).size() != want) {
          fail(
              "26/30",
              "stats.json "
                  + c.getKey()
                  + "."
                  + stat
                  + " has "
                  + s.path(stat).size()
                  + " values, want "
                  + want);
        }
      }
      if (s.path("count").path(0).asLong() != rows.size()) {
        fail(
            "32",
            "stats.json "
                + c.getKey()
                + ".count "
                + s.path("count")
                + " for "
                + rows.size()
                + " frames");
      }
      for (int j = 0; j < n; j++) {
        if (s.path("min").path(j).asDouble() != minMax[0][j]
            || s.path("max").path(j).asDouble() != minMax[1][j]
            || Math.abs(s.path("mean").path(j).asDouble() - mean[j])
                > 1e-6 * Math.max(1, Math.abs(mean[j]))) {
          fail(
              "32",
              "stats.json "
                  + c.getKey()
                  + "["
                  + j
                  + "] min/max/mean "
                  + s.path("min").path(j)
                  + "/"
                  + s.path("max").path(j)
                  + "/"
                  + s.path("mean").path(j)
                  + ", data "
                  + minMax[0][j]
                  + "/"
                  + minMax[1][j]
                  + "/"
                  + mean[j]);
          break;
        }
      }
    }
  }

  private static double[][] minMax(String column, int n, List<Map<String, Object>> rows) {
    double[][] out = new double[2][n];
    java.util.Arrays.fill(out[0], Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(out[1], Double.NEGATIVE_INFINITY);
    for (Map<String, Object> row : rows) {
      double[] v = values(row.get(column), n);
      for (int j = 0; j < n; j++) {
        out[0][j] = Math.min(out[0][j], v[j]);
        out[1][j] = Math.max(out[1][j], v[j]);
      }
    }
    return out;
  }

  private static double[] values(Object value, int n) {
    double[] out = new double[n];
    if (value instanceof List<?> list) {
      for (int j = 0; j < n; j++) {
        out[j] = ((Number) list.get(j)).doubleValue();
      }
    } else {
      out[0] = ((Number) value).doubleValue();
    }
    return out;
  }

  private void checkTemplate(String rule, String relative, String regex) {
    if (!relative.matches(regex)) {
      fail(rule, relative + " does not follow the path template");
    }
  }

  /** LeRobot's {@code sorted(dir.glob("*}{@code /*.parquet"))} (rule 3). */
  private static List<Path> nested(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir, 2)) {
      return s.filter(p -> p.getNameCount() == dir.getNameCount() + 2)
          .filter(p -> p.toString().endsWith(".parquet"))
          .sorted()
          .toList();
    }
  }

  private static Set<Long> range(int n) {
    Set<Long> out = new HashSet<>();
    for (long i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  private static String summary(Set<Long> s) {
    return s.size() + " values" + (s.isEmpty() ? "" : " from " + s.iterator().next());
  }
}
