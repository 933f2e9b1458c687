package dev.tributary.recorder.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * LeRobotDataset v2.1 (and v2.0): {@code meta/episodes.jsonl} lists {@code {episode_index, tasks,
 * length}}; each episode has its own parquet ({@code data_path}) and, per camera, its own MP4
 * ({@code video_path}), in chunk {@code episode_index / chunks_size}.
 */
final class V21Layout implements DatasetLayout {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DatasetInfo info;

  V21Layout(DatasetInfo info) {
    this.info = info;
  }

  @Override
  public List<EpisodeRef> read(List<String> waiting) throws ImportException {
    Path file = info.root().resolve("meta").resolve("episodes.jsonl");
    if (!Files.isRegularFile(file)) {
      if (waiting != null) {
        waiting.add("meta/episodes.jsonl does not exist yet");
        return List.of();
      }
      throw new ImportException(info.root() + " has no meta/episodes.jsonl (LeRobotDataset v2.1)");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ImportException("meta/episodes.jsonl is unreadable: " + e.getMessage());
    }
    TreeMap<Long, EpisodeRef> episodes = new TreeMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      boolean last = i == lines.length - 1; // no newline after it: maybe still being appended
      try {
        JsonNode node = JSON.readTree(line);
        if (!node.path("episode_index").canConvertToLong()) {
          throw new IOException("no episode_index");
        }
        EpisodeRef ref = ref(node, file);
        episodes.put(ref.index(), ref);
      } catch (IOException e) {
        if (waiting != null) {
          waiting.add("meta/episodes.jsonl line " + (i + 1) + " is incomplete");
          continue;
        }
        throw new ImportException(
            "meta/episodes.jsonl line "
                + (i + 1)
                + (last ? " is truncated: " : " is not valid JSON: ")
                + ImportException.oneLine(e.getMessage()));
      }
    }
    return new ArrayList<>(episodes.values());
  }

  private EpisodeRef ref(JsonNode node, Path metaFile) {
    long index = node.path("episode_index").asLong();
    long length = node.path("length").canConvertToLong() ? node.path("length").asLong() : -1;
    Map<String, Object> values = new HashMap<>();
    values.put("episode_index", index);
    values.put("episode_chunk", index / info.chunksSize());
    values.put("chunk_index", index / info.chunksSize()); // some v2.1 writers use v3's name
    Path dataFile = info.root().resolve(DatasetInfo.format(info.dataPath(), values));
    Map<String, EpisodeRef.VideoRef> videos = new LinkedHashMap<>();
    if (info.videoPath() != null) {
      for (String key : info.cameraKeys()) {
        values.put("video_key", key);
        videos.put(
            key,
            new EpisodeRef.VideoRef(
                info.root().resolve(DatasetInfo.format(info.videoPath(), values)),
                0,
                length < 0 ? Double.MAX_VALUE : length / info.fps(),
                true));
      }
    }
    JsonNode tasks = node.path("tasks");
    String task = tasks.isArray() && tasks.size() > 0 ? tasks.get(0).asText() : null;
    return new EpisodeRef(index, length, task, metaFile, dataFile, videos);
  }

  @Override
  public Map<Long, String> tasks() throws ImportException {
    Map<Long, String> tasks = new HashMap<>();
    Path file = info.root().resolve("meta").resolve("tasks.jsonl");
    if (!Files.isRegularFile(file)) {
      return tasks;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          JsonNode node = JSON.readTree(line);
          tasks.put(node.path("task_index").asLong(), node.path("task").asText(""));
        }
      }
    } catch (IOException e) {
      throw new ImportException(
          "meta/tasks.jsonl is unreadable: " + ImportException.oneLine(e.getMessage()));
    }
    return tasks;
  }
}
