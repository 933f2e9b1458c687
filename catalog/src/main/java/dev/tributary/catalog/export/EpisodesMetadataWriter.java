package dev.tributary.catalog.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code meta/episodes/chunk-XXX/file-YYY.parquet} (rules 21-24 and 35 of {@code
 * docs/lerobot-format-rules.md}): one row per episode with its tasks, length, data file, index
 * range, per camera its video file and span, the per-episode stats of every feature (joints and
 * scalars from {@link EpisodeStats}, cameras from {@link ImageStats}) and the metadata file it sits
 * in, rolled over as LeRobot's metadata writer does ({@link EpisodesMetadataRollover}).
 */
final class EpisodesMetadataWriter {
  private EpisodesMetadataWriter() {}

  /**
   * Writes {@code meta/episodes/chunk-XXX/file-YYY.parquet}, rolled over as LeRobot's metadata
   * writer does ({@link EpisodesMetadataRollover}), at the bytes per row measured on the whole
   * table.
   */
  static void write(
      Connection db,
      ExportPlan plan,
      Path tmp,
      List<VideoExport.Camera> cameras,
      ExportOptions options)
      throws SQLException, IOException {
    try (Statement st = db.createStatement()) {
      st.execute(
          "CREATE TEMP TABLE episode_meta (episode_index BIGINT, tasks VARCHAR[], length BIGINT,"
              + " \"data/chunk_index\" BIGINT, \"data/file_index\" BIGINT,"
              + " dataset_from_index BIGINT, dataset_to_index BIGINT)");
    }
    try (PreparedStatement ps =
        db.prepareStatement("INSERT INTO episode_meta VALUES (?, [?], ?, ?, ?, ?, ?)")) {
      for (ExportPlan.Episode e : plan.episodes()) {
        ps.setLong(1, e.index);
        ps.setString(2, e.task);
        ps.setLong(3, e.length);
        ps.setLong(4, e.dataChunk);
        ps.setLong(5, e.dataFile);
        ps.setLong(6, e.fromIndex);
        ps.setLong(7, e.toIndex);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    for (VideoExport.Camera camera : cameras) {
      String prefix = "\"videos/" + camera.featureKey() + "/";
      try (Statement st = db.createStatement()) {
        st.execute("ALTER TABLE episode_meta ADD COLUMN " + prefix + "chunk_index\" BIGINT");
        st.execute("ALTER TABLE episode_meta ADD COLUMN " + prefix + "file_index\" BIGINT");
        st.execute("ALTER TABLE episode_meta ADD COLUMN " + prefix + "from_timestamp\" DOUBLE");
        st.execute("ALTER TABLE episode_meta ADD COLUMN " + prefix + "to_timestamp\" DOUBLE");
      }
      try (PreparedStatement ps =
          db.prepareStatement(
              "UPDATE episode_meta SET "
                  + prefix
                  + "chunk_index\" = ?, "
                  + prefix
                  + "file_index\" = ?, "
                  + prefix
                  + "from_timestamp\" = ?, "
                  + prefix
                  + "to_timestamp\" = ? WHERE episode_index = ?")) {
        for (int i = 0; i < camera.spans().size(); i++) {
          VideoExport.Span span = camera.spans().get(i);
          ps.setLong(1, span.chunk());
          ps.setLong(2, span.file());
          ps.setDouble(3, span.fromTimestamp());
          ps.setDouble(4, span.toTimestamp());
          ps.setLong(5, i);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    writeImageStats(db, plan, cameras);
    try (Statement st = db.createStatement()) {
      st.execute(
          "CREATE TEMP TABLE episodes_out AS SELECT m.*, s.* EXCLUDE (episode_index),"
              + " i.* EXCLUDE (episode_index)"
              + " FROM episode_meta m JOIN episode_stats s USING (episode_index)"
              + " JOIN image_stats i USING (episode_index)");
    }
    Path all = Files.createDirectories(tmp.resolve(".work")).resolve("episodes.parquet");
    copyEpisodes(db, all, 0, plan.episodes().size() - 1, 0, 0);
    double bytesPerRow = Files.size(all) / (double) plan.episodes().size();
    Files.delete(all);
    long[] lengths = plan.episodes().stream().mapToLong(e -> e.length).toArray();
    int[] files = EpisodesMetadataRollover.files(lengths, bytesPerRow, options.dataFileBytes());
    int chunk = 0;
    int file = 0;
    for (int first = 0; first < files.length; ) {
      int last = first;
      while (last + 1 < files.length && files[last + 1] == files[first]) {
        last++;
      }
      Path target =
          tmp.resolve(String.format("meta/episodes/chunk-%03d/file-%03d.parquet", chunk, file));
      Files.createDirectories(target.getParent());
      copyEpisodes(db, target, first, last, chunk, file);
      int[] next = options.next(chunk, file);
      chunk = next[0];
      file = next[1];
      first = last + 1;
    }
  }

  /** Episodes {@code first..last} of {@code episodes_out} into one metadata file. */
  private static void copyEpisodes(
      Connection db, Path target, int first, int last, int chunk, int file) throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute(
          "COPY (SELECT *, "
              + chunk
              + "::BIGINT AS \"meta/episodes/chunk_index\", "
              + file
              + "::BIGINT AS \"meta/episodes/file_index\" FROM episodes_out"
              + " WHERE episode_index BETWEEN "
              + first
              + " AND "
              + last
              + " ORDER BY episode_index) TO "
              + LeRobotExporter.literal(target)
              + " (FORMAT parquet, COMPRESSION snappy)");
    }
  }

  /**
   * The table {@code image_stats (episode_index, "stats/<camera key>/<stat>" ...)}: each camera's
   * per-episode {@link ImageStats}, values as (3,1,1) lists and {@code count} as a one-value list
   * (rules 21 and 31). No columns but {@code episode_index} when joints only.
   */
  private static void writeImageStats(
      Connection db, ExportPlan plan, List<VideoExport.Camera> cameras) throws SQLException {
    StringBuilder columns = new StringBuilder("episode_index BIGINT");
    StringBuilder values = new StringBuilder("?");
    for (VideoExport.Camera camera : cameras) {
      for (String stat : EpisodeStats.statNames()) {
        columns
            .append(", \"stats/")
            .append(camera.featureKey())
            .append('/')
            .append(stat)
            .append(stat.equals("count") ? "\" BIGINT[]" : "\" DOUBLE[][][]");
        values.append(stat.equals("count") ? ", ?::BIGINT[]" : ", ?::DOUBLE[][][]");
      }
    }
    try (Statement st = db.createStatement()) {
      st.execute("CREATE TEMP TABLE image_stats (" + columns + ")");
    }
    try (PreparedStatement ps =
        db.prepareStatement("INSERT INTO image_stats VALUES (" + values + ")")) {
      for (ExportPlan.Episode e : plan.episodes()) {
        int at = 1;
        ps.setLong(at++, e.index);
        for (VideoExport.Camera camera : cameras) {
          ImageStats.Episode stats = camera.stats().get((int) e.index);
          for (String stat : EpisodeStats.statNames()) {
            if (stat.equals("count")) {
              ps.setString(at++, "[" + stats.count() + "]");
            } else {
              StringBuilder nested = new StringBuilder("[");
              for (double v : stats.stat(stat)) {
                nested.append(nested.length() == 1 ? "" : ", ").append("[[").append(v).append("]]");
              }
              ps.setString(at++, nested.append(']').toString());
            }
          }
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
