package dev.tributary.recorder.lerobot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;

/**
 * LeRobotDataset v3.0: {@code meta/episodes/chunk-*\/file-*.parquet} rows name each episode's data
 * file ({@code data/chunk_index}, {@code data/file_index}) and, per camera, its concatenated video
 * file and time range ({@code videos/<key>/chunk_index|file_index|from_timestamp|to_timestamp}).
 */
final class V3Layout implements DatasetLayout {
  private final DatasetInfo info;

  V3Layout(DatasetInfo info) {
    this.info = info;
  }

  @Override
  public List<EpisodeRef> read(List<String> waiting) throws ImportException {
    Path root = info.root();
    Path dir = root.resolve("meta").resolve("episodes");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      if (waiting != null) {
        waiting.add("meta/episodes/ does not exist yet");
        return List.of();
      }
      throw new ImportException(root + " has no meta/episodes/ folder of a LeRobotDataset v3");
    }
    if (files.isEmpty() && waiting == null) {
      throw new ImportException(root + ": meta/episodes/ holds no Parquet files");
    }
    TreeMap<Long, EpisodeRef> episodes = new TreeMap<>();
    for (Path file : files) {
      List<Group> rows;
      try {
        rows = ParquetRows.readAll(file);
      } catch (IOException | RuntimeException e) {
        if (waiting != null) {
          waiting.add(root.relativize(file) + " is still being written (no Parquet footer yet)");
          continue;
        }
        throw new ImportException(
            root.relativize(file) + " is unreadable: " + ImportException.oneLine(e.getMessage()));
      }
      for (Group row : rows) {
        try {
          EpisodeRef ref = ref(row, file);
          episodes.put(ref.index(), ref);
        } catch (RuntimeException e) {
          throw new ImportException(
              root.relativize(file) + " has a malformed row: " + e.getMessage());
        }
      }
    }
    return new ArrayList<>(episodes.values());
  }

  private EpisodeRef ref(Group row, Path metaFile) {
    long index = ParquetRows.getLong(row, "episode_index");
    Map<String, Object> dataIndex = new HashMap<>();
    dataIndex.put("chunk_index", ParquetRows.getLong(row, "data/chunk_index"));
    dataIndex.put("file_index", ParquetRows.getLong(row, "data/file_index"));
    Path dataFile = info.root().resolve(DatasetInfo.format(info.dataPath(), dataIndex));
    Map<String, EpisodeRef.VideoRef> videos = new LinkedHashMap<>();
    for (String key : info.cameraKeys()) {
      String prefix = "videos/" + key + "/";
      if (!ParquetRows.has(row, prefix + "chunk_index")) {
        continue; // no video columns for this camera: treated as absent
      }
      Map<String, Object> values = new HashMap<>();
      values.put("video_key", key);
      values.put("chunk_index", ParquetRows.getLong(row, prefix + "chunk_index"));
      values.put("file_index", ParquetRows.getLong(row, prefix + "file_index"));
      videos.put(
          key,
          new EpisodeRef.VideoRef(
              info.root().resolve(DatasetInfo.format(info.videoPath(), values)),
              ParquetRows.getDouble(row, prefix + "from_timestamp"),
              ParquetRows.getDouble(row, prefix + "to_timestamp"),
              false));
    }
    List<String> tasks = ParquetRows.stringList(row, "tasks");
    return new EpisodeRef(
        index,
        ParquetRows.has(row, "length") ? ParquetRows.getLong(row, "length") : -1,
        tasks.isEmpty() ? null : tasks.get(0),
        metaFile,
        dataFile,
        videos);
  }

  @Override
  public Map<Long, String> tasks() throws ImportException {
    Map<Long, String> tasks = new HashMap<>();
    Path file = info.root().resolve("meta").resolve("tasks.parquet");
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
      throw new ImportException(
          "meta/tasks.parquet is unreadable: " + ImportException.oneLine(e.getMessage()));
    }
    return tasks;
  }
}
