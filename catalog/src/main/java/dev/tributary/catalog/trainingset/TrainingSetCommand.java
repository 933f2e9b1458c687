package dev.tributary.catalog.trainingset;

import dev.tributary.catalog.sql.SqlCommand;
import dev.tributary.schema.table.LakeConfig;
import java.util.function.Function;
import org.apache.iceberg.catalog.Catalog;

/**
 * {@code tributary trainingset build|show|rebuild|list}: opens the lake, runs one operation, closes
 * it, and returns text for the terminal. Errors are {@link TrainingSetException}s with a one-line
 * message. Framework-free so the launcher's picocli command only parses flags and prints.
 */
public final class TrainingSetCommand {

  /** Builds and saves a set; returns its summary (per-site and per-group counts). */
  public String build(LakeConfig lake, TrainingSetSpec spec) {
    return withSets(lake, sets -> sets.build(spec).describe());
  }

  /** The saved set: summary, then one line per member ({@code episode_id site task}). */
  public String show(LakeConfig lake, String name) {
    return withSets(lake, sets -> membersText(sets.show(name)));
  }

  /**
   * Re-runs the saved selection on the pinned snapshots and says whether it matches the saved list
   * (it should, unless the snapshots were expired or the selection code changed).
   */
  public String rebuild(LakeConfig lake, String name) {
    return withSets(
        lake,
        sets -> {
          TrainingSet saved = sets.show(name);
          TrainingSet again = sets.rebuild(name);
          boolean same = saved.episodeIds().equals(again.episodeIds());
          return again.describe()
              + (same
                  ? "rebuilt identically: " + again.members().size() + " episodes\n"
                  : "rebuild differs from the saved list (selection code changed?)\n");
        });
  }

  /** Names of the saved sets, one per line. */
  public String list(LakeConfig lake) {
    return withSets(
        lake, sets -> sets.names().stream().map(n -> n + "\n").reduce("", String::concat));
  }

  static String membersText(TrainingSet set) {
    StringBuilder out = new StringBuilder(set.describe());
    for (Member m : set.members()) {
      out.append(m.episodeId())
          .append("  ")
          .append(m.siteId())
          .append("  ")
          .append(m.task())
          .append('\n');
    }
    return out.toString();
  }

  private static String withSets(LakeConfig lake, Function<TrainingSets, String> action) {
    Catalog catalog = SqlCommand.openCatalog(lake);
    try {
      return action.apply(new TrainingSets(catalog, lake.warehouse()));
    } finally {
      SqlCommand.closeCatalog(catalog);
    }
  }
}
