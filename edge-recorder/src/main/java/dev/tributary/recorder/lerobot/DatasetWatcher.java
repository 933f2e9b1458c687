package dev.tributary.recorder.lerobot;

import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolFullException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Follows a LeRobotDataset folder that {@code lerobot-record} is writing and imports each episode
 * once it is complete. One {@link #poll()} is one look at the folder; the caller decides the
 * cadence (polling is the source of truth: file-system events are lost on network mounts and across
 * restarts).
 *
 * <p>An episode is complete when (1) a metadata file that lists it is complete (v3: a meta/episodes
 * Parquet file with a valid footer; v2.1: a whole line of meta/episodes.jsonl), (2) its data
 * Parquet is readable (valid footer) and holds all {@code length} rows, (3) every camera's video
 * file exists, opens and covers the episode's frames, and (4) none of these files changed size or
 * modification time for the quiet period. Imported and permanently failed episode indexes are kept
 * in an {@link ImportedEpisodesLog} in the state folder, so a restart imports nothing twice (the
 * content-derived episode id and the spool's ledgers guard as well).
 */
public final class DatasetWatcher {
  /** What one poll found. */
  public record Poll(
      List<ImportReport.Imported> imported,
      List<ImportReport.Failed> failed,
      List<String> waiting,
      int done) {}

  private record Fingerprint(long size, long modified) {}

  private record Seen(Fingerprint fingerprint, long sinceNanos) {}

  private final Path root;
  private final Spool spool;
  private final String siteId;
  private final String rigId;
  private final long quietNanos;
  private final LongSupplier nanoTime;
  private final ImportedEpisodesLog log;
  private FeatureKeys keys = FeatureKeys.AUTO;
  private final Map<Path, Seen> seen = new HashMap<>();

  /**
   * @param stateDir where the log of imported episodes is kept (the spool folder)
   * @param quietPeriod how long an episode's files must stay unchanged before it is imported
   */
  public DatasetWatcher(
      Path root, Spool spool, Path stateDir, String siteId, String rigId, Duration quietPeriod)
      throws IOException {
    this(root, spool, stateDir, siteId, rigId, quietPeriod, System::nanoTime);
  }

  DatasetWatcher(
      Path root,
      Spool spool,
      Path stateDir,
      String siteId,
      String rigId,
      Duration quietPeriod,
      LongSupplier nanoTime)
      throws IOException {
    this.root = root;
    this.spool = spool;
    this.siteId = siteId;
    this.rigId = rigId;
    this.quietNanos = quietPeriod.toNanos();
    this.nanoTime = nanoTime;
    this.log = ImportedEpisodesLog.open(stateDir, root);
  }

  /** Reads state and action from these columns (see {@link FeatureKeys}). */
  public DatasetWatcher featureKeys(FeatureKeys keys) {
    this.keys = keys;
    return this;
  }

  /** Where the imported-episodes log lives. */
  public Path logFile() {
    return log.file();
  }

  /**
   * Looks at the folder once and imports every episode that is complete and not imported yet.
   *
   * @throws ImportException when the folder is a LeRobotDataset of an unsupported version
   */
  public Poll poll() throws ImportException, SpoolFullException, IOException {
    List<ImportReport.Imported> imported = new ArrayList<>();
    List<ImportReport.Failed> failed = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    if (!Files.isRegularFile(DatasetInfo.infoFile(root))) {
      waiting.add("meta/info.json does not exist yet");
      return new Poll(imported, failed, waiting, log.size());
    }
    DatasetInfo info;
    DatasetLayout layout;
    List<EpisodeRef> episodes;
    Map<Long, String> tasks;
    try {
      info = DatasetInfo.read(root, keys);
      layout = DatasetLayout.of(info);
      episodes = layout.readableEpisodes(waiting);
      tasks = layout.tasks();
    } catch (ImportException e) {
      if (e.getMessage().contains("supported:")) {
        throw e; // a version we cannot import will not become importable by waiting
      }
      waiting.add(e.getMessage());
      return new Poll(imported, failed, waiting, log.size());
    }
    EpisodeImporter importer = new EpisodeImporter(info, tasks, Set.of(), siteId, rigId);
    for (EpisodeRef ref : episodes) {
      if (log.get(ref.index()).isPresent()) {
        continue;
      }
      String unsettled = unsettled(ref);
      if (unsettled != null) {
        waiting.add("episode " + ref.index() + ": " + unsettled);
        continue;
      }
      try {
        EpisodeImporter.Outcome outcome = importer.importEpisode(ref, spool);
        log.imported(ref.index(), outcome.episode().episodeId());
        if (!outcome.alreadySpooled()) {
          imported.add(outcome.episode());
        }
      } catch (IncompleteEpisodeException e) {
        waiting.add("episode " + ref.index() + ": " + e.getMessage());
      } catch (ImportException e) {
        log.failed(ref.index(), e.getMessage());
        failed.add(new ImportReport.Failed(ref.index(), e.getMessage()));
      }
    }
    return new Poll(imported, failed, waiting, log.size());
  }

  /** Why the episode's files are not settled yet, or null when all are quiet long enough. */
  private String unsettled(EpisodeRef ref) throws IOException {
    long now = nanoTime.getAsLong();
    String reason = null;
    for (Path file : ref.files()) {
      Fingerprint current;
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        current = new Fingerprint(attributes.size(), attributes.lastModifiedTime().toMillis());
      } catch (IOException missing) {
        seen.remove(file);
        if (reason == null) {
          reason = root.relativize(file) + " does not exist yet";
        }
        continue;
      }
      Seen before = seen.get(file);
      if (before == null || !before.fingerprint().equals(current)) {
        seen.put(file, new Seen(current, now));
        before = seen.get(file);
      }
      if (now - before.sinceNanos() < quietNanos && reason == null) {
        reason = root.relativize(file) + " changed less than the quiet period ago";
      }
    }
    return reason;
  }
}
