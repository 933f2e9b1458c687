package dev.tributary.curation.iceberg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.schema.table.CuratedTables;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots that training sets pin, read from {@code
 * <warehouse>/_tributary/training_sets/*.json} (written by the catalog service's {@code
 * TrainingSetStore}: {@code episodesSnapshotId}, and {@code framesSnapshotId} or null). Expiry must
 * never remove them: a set is rebuilt and exported from exactly these snapshots.
 *
 * @param episodes snapshot ids of {@code tributary.episodes}
 * @param frames snapshot ids of {@code tributary.frames}
 */
public record TrainingSetPins(Set<Long> episodes, Set<Long> frames) {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingSetPins.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FOLDER = "_tributary/training_sets/";

  public TrainingSetPins {
    episodes = Set.copyOf(episodes);
    frames = Set.copyOf(frames);
  }

  public static TrainingSetPins none() {
    return new TrainingSetPins(Set.of(), Set.of());
  }

  /** The pinned snapshot ids of one curated table (none for any other table). */
  public Set<Long> of(TableIdentifier table) {
    if (table.equals(CuratedTables.EPISODES)) {
      return episodes;
    }
    return table.equals(CuratedTables.FRAMES) ? frames : Set.of();
  }

  /**
   * Reads every training set's pins.
   *
   * @param io the lake's file IO (e.g. {@code tables.episodes().io()}), local or S3 alike
   * @param warehouse the warehouse location ({@code LakeConfig.warehouse()})
   * @return the pins ({@link #none()} when the folder does not exist yet), or empty when a file or
   *     the folder cannot be read: the caller must then expire nothing, since guessing could delete
   *     the data of a training set
   */
  public static Optional<TrainingSetPins> read(FileIO io, String warehouse) {
    String folder = (warehouse.endsWith("/") ? warehouse : warehouse + "/") + FOLDER;
    if (!(io instanceof SupportsPrefixOperations prefixes)) {
      LOG.warn(
          "cannot list training sets in {}: {} does not list prefixes; expiring no snapshot this"
              + " round",
          folder,
          io.getClass().getName());
      return Optional.empty();
    }
    List<String> files = new ArrayList<>();
    try {
      for (FileInfo info : prefixes.listPrefix(folder)) {
        String location = info.location();
        String parent = location.substring(0, Math.max(0, location.lastIndexOf('/')));
        if (location.endsWith(".json") && parent.endsWith("training_sets")) {
          files.add(location);
        }
      }
    } catch (RuntimeException e) {
      if (isNotFound(e)) {
        return Optional.of(none()); // no training set was ever built
      }
      LOG.warn(
          "cannot list training sets in {}; expiring no snapshot this round: {}",
          folder,
          e.toString());
      return Optional.empty();
    }
    Set<Long> episodes = new HashSet<>();
    Set<Long> frames = new HashSet<>();
    for (String location : files) {
      try (InputStream in = io.newInputFile(location).newStream()) {
        JsonNode doc = JSON.readTree(in);
        JsonNode e = doc == null ? null : doc.get("episodesSnapshotId");
        JsonNode f = doc == null ? null : doc.get("framesSnapshotId");
        if (e == null
            || !e.isIntegralNumber()
            || (f != null && !f.isNull() && !f.isIntegralNumber())) {
          throw new IOException("no numeric episodesSnapshotId / framesSnapshotId");
        }
        episodes.add(e.asLong());
        if (f != null && f.isIntegralNumber()) {
          frames.add(f.asLong());
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn(
            "training set {} is unreadable; expiring no snapshot this round (fix or remove the"
                + " file): {}",
            location,
            e.toString());
        return Optional.empty();
      }
    }
    return Optional.of(new TrainingSetPins(episodes, frames));
  }

  private static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FileNotFoundException || t instanceof NotFoundException) {
        return true;
      }
    }
    return false;
  }
}
