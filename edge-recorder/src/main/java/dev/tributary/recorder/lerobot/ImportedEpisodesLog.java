package dev.tributary.recorder.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.recorder.spool.Durable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The watcher's durable memory of one dataset: which episode indexes were imported (with their
 * spool episode id) or failed for good. Stored as {@code <state>/lerobot-watch/<key>.json}, the key
 * derived from the dataset's absolute path, replaced atomically (write temp, fsync, rename, fsync
 * directory) after every change, so a restarted watcher neither imports nor uploads again.
 */
final class ImportedEpisodesLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What became of one episode index. */
  record Entry(String episodeId, String failure) {
    boolean failed() {
      return failure != null;
    }
  }

  private final Path file;
  private final String dataset;
  private final Map<Long, Entry> entries = new TreeMap<>();

  private ImportedEpisodesLog(Path file, String dataset) {
    this.file = file;
    this.dataset = dataset;
  }

  static ImportedEpisodesLog open(Path stateDir, Path datasetRoot) throws IOException {
    String dataset = datasetRoot.toAbsolutePath().normalize().toString();
    Path dir = stateDir.resolve("lerobot-watch");
    Durable.createDirectory(dir);
    ImportedEpisodesLog log = new ImportedEpisodesLog(dir.resolve(key(dataset) + ".json"), dataset);
    if (Files.isRegularFile(log.file)) {
      JsonNode root = JSON.readTree(Files.readString(log.file, StandardCharsets.UTF_8));
      root.path("episodes")
          .properties()
          .forEach(
              e ->
                  log.entries.put(
                      Long.parseLong(e.getKey()),
                      new Entry(
                          e.getValue().path("episodeId").asText(null),
                          e.getValue().path("failure").asText(null))));
    }
    return log;
  }

  Path file() {
    return file;
  }

  Optional<Entry> get(long episodeIndex) {
    return Optional.ofNullable(entries.get(episodeIndex));
  }

  int size() {
    return entries.size();
  }

  void imported(long episodeIndex, String episodeId) throws IOException {
    entries.put(episodeIndex, new Entry(episodeId, null));
    save();
  }

  void failed(long episodeIndex, String reason) throws IOException {
    entries.put(episodeIndex, new Entry(null, reason));
    save();
  }

  private void save() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("dataset", dataset);
    ObjectNode episodes = root.putObject("episodes");
    entries.forEach(
        (index, entry) -> {
          ObjectNode node = episodes.putObject(Long.toString(index));
          if (entry.episodeId() != null) {
            node.put("episodeId", entry.episodeId());
          }
          if (entry.failure() != null) {
            node.put("failure", entry.failure());
          }
        });
    Durable.replaceAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static String key(String dataset) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(dataset.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
