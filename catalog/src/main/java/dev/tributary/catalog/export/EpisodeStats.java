package dev.tributary.catalog.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-episode statistics as LeRobot's {@code compute_episode_stats} writes them into {@code
 * meta/episodes} ({@code stats/<feature>/<stat>}: min, max, mean, population std, count and the
 * quantiles q01, q10, q50, q90, q99 per vector element), and their aggregation into {@code
 * meta/stats.json} as {@code aggregate_stats} does (rules 30 and 32 of {@code
 * docs/lerobot-format-rules.md}): min of mins, max of maxes, count-weighted mean, pooled variance,
 * and for quantiles the min over episodes up to q50 and the max above (LeRobot after v0.6.1).
 * Quantiles here are exact ({@code quantile_cont}); LeRobot's come from a 5000-bin histogram, so
 * they can differ by up to a bin width. Image features: {@link ImageStats}.
 */
final class EpisodeStats {
  private EpisodeStats() {}

  static final String[] QUANTILES = {"q01", "q10", "q50", "q90", "q99"};
  private static final String QUANTILE_LIST = "[0.01, 0.1, 0.5, 0.9, 0.99]";
  static final List<String> SCALARS =
      List.of("timestamp", "frame_index", "episode_index", "index", "task_index");

  /** The stat names in column order. */
  static List<String> statNames() {
    List<String> out = new ArrayList<>(List.of("min", "max", "mean", "std", "count"));
    out.addAll(List.of(QUANTILES));
    return out;
  }

  /**
   * Creates the DuckDB table {@code episode_stats (episode_index, "stats/<f>/<stat>" ...)} from the
   * table {@code final} (one row per frame).
   */
  static void compute(Connection db, List<String> vectors) throws SQLException {
    StringBuilder select = new StringBuilder("SELECT e.episode_index");
    StringBuilder from = new StringBuilder(" FROM (SELECT DISTINCT episode_index FROM final) e");
    int n = 0;
    for (String f : vectors) {
      String t = "v" + n++;
      try (Statement st = db.createStatement()) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < QUANTILES.length; i++) {
          q.append(", list(q[").append(i + 1).append("] ORDER BY j) AS ").append(QUANTILES[i]);
        }
        st.execute(
            "CREATE TEMP TABLE "
                + t
                + " AS SELECT episode_index, list(mn ORDER BY j) AS min, list(mx ORDER BY j) AS max,"
                + " list(av ORDER BY j) AS mean, list(sd ORDER BY j) AS std,"
                + " [max(n)] AS count"
                + q
                + " FROM (SELECT episode_index, j, min(v) AS mn, max(v) AS mx, avg(v) AS av,"
                + " stddev_pop(v) AS sd, count(*) AS n, quantile_cont(v, "
                + QUANTILE_LIST
                + ") AS q FROM (SELECT episode_index, unnest(range(1, len(x) + 1)) AS j,"
                + " unnest(x)::DOUBLE AS v FROM (SELECT episode_index, \""
                + f
                + "\" AS x FROM final)) GROUP BY episode_index, j) GROUP BY episode_index");
      }
      appendColumns(select, t, f);
      from.append(" JOIN ").append(t).append(" USING (episode_index)");
    }
    for (String f : SCALARS) {
      String t = "v" + n++;
      String c = "\"" + f + "\"::DOUBLE";
      StringBuilder q = new StringBuilder();
      for (int i = 0; i < QUANTILES.length; i++) {
        q.append(", [quantile_cont(")
            .append(c)
            .append(", ")
            .append(QUANTILE_LIST)
            .append(")[")
            .append(i + 1)
            .append("]] AS ")
            .append(QUANTILES[i]);
      }
      try (Statement st = db.createStatement()) {
        st.execute(
            "CREATE TEMP TABLE "
                + t
                + " AS SELECT episode_index, [min("
                + c
                + ")] AS min, [max("
                + c
                + ")] AS max, [avg("
                + c
                + ")] AS mean, [stddev_pop("
                + c
                + ")] AS std, [count(*)] AS count"
                + q
                + " FROM final GROUP BY episode_index");
      }
      appendColumns(select, t, f);
      from.append(" JOIN ").append(t).append(" USING (episode_index)");
    }
    try (Statement st = db.createStatement()) {
      st.execute("CREATE TEMP TABLE episode_stats AS " + select + from);
    }
  }

  private static void appendColumns(StringBuilder select, String table, String feature) {
    for (String stat : statNames()) {
      select
          .append(", ")
          .append(table)
          .append('.')
          .append(stat)
          .append(" AS \"stats/")
          .append(feature)
          .append('/')
          .append(stat)
          .append('"');
    }
  }

  /** {@code meta/stats.json}: every feature of {@code episode_stats}, aggregated over episodes. */
  static void aggregate(Connection db, List<String> features, ObjectNode out) throws SQLException {
    for (String f : features) {
      List<double[]> mins = new ArrayList<>();
      List<double[]> maxs = new ArrayList<>();
      List<double[]> means = new ArrayList<>();
      List<double[]> stds = new ArrayList<>();
      List<Long> counts = new ArrayList<>();
      List<List<double[]>> qs = new ArrayList<>();
      for (int i = 0; i < QUANTILES.length; i++) {
        qs.add(new ArrayList<>());
      }
      StringBuilder cols = new StringBuilder();
      for (String stat : statNames()) {
        cols.append(cols.length() == 0 ? "" : ", ").append("\"stats/" + f + "/" + stat + "\"");
      }
      try (Statement st = db.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT " + cols + " FROM episode_stats ORDER BY episode_index")) {
        while (rs.next()) {
          mins.add(doubles(rs.getArray(1)));
          maxs.add(doubles(rs.getArray(2)));
          means.add(doubles(rs.getArray(3)));
          stds.add(doubles(rs.getArray(4)));
          counts.add((long) doubles(rs.getArray(5))[0]);
          for (int i = 0; i < QUANTILES.length; i++) {
            qs.get(i).add(doubles(rs.getArray(6 + i)));
          }
        }
      }
      aggregateInto(out.putObject(f), mins, maxs, means, stds, counts, qs, false);
    }
  }

  /**
   * {@code meta/stats.json} entries of image features: their per-episode {@link ImageStats},
   * aggregated like the other features, written with shape (3,1,1).
   */
  static void aggregateImages(
      java.util.Map<String, List<ImageStats.Episode>> perCamera, ObjectNode out) {
    perCamera.forEach(
        (key, episodes) -> {
          List<List<double[]>> qs = new ArrayList<>();
          for (int i = 0; i < QUANTILES.length; i++) {
            int q = i;
            qs.add(episodes.stream().map(e -> e.quantiles()[q]).toList());
          }
          aggregateInto(
              out.putObject(key),
              episodes.stream().map(ImageStats.Episode::min).toList(),
              episodes.stream().map(ImageStats.Episode::max).toList(),
              episodes.stream().map(ImageStats.Episode::mean).toList(),
              episodes.stream().map(ImageStats.Episode::std).toList(),
              episodes.stream().map(ImageStats.Episode::count).toList(),
              qs,
              true);
        });
  }

  /** LeRobot's {@code aggregate_feature_stats} over episodes; images nest each value as [[v]]. */
  private static void aggregateInto(
      ObjectNode node,
      List<double[]> mins,
      List<double[]> maxs,
      List<double[]> means,
      List<double[]> stds,
      List<Long> counts,
      List<List<double[]>> qs,
      boolean image) {
    int d = means.get(0).length;
    double[] min = new double[d];
    double[] max = new double[d];
    double[] mean = new double[d];
    double[] var = new double[d];
    long total = counts.stream().mapToLong(Long::longValue).sum();
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int e = 0; e < means.size(); e++) {
      for (int j = 0; j < d; j++) {
        min[j] = Math.min(min[j], mins.get(e)[j]);
        max[j] = Math.max(max[j], maxs.get(e)[j]);
        mean[j] += counts.get(e) * means.get(e)[j] / total;
      }
    }
    for (int e = 0; e < means.size(); e++) {
      for (int j = 0; j < d; j++) {
        double delta = means.get(e)[j] - mean[j];
        var[j] += counts.get(e) * (stds.get(e)[j] * stds.get(e)[j] + delta * delta) / total;
      }
    }
    put(node.putArray("min"), min, image);
    put(node.putArray("max"), max, image);
    put(node.putArray("mean"), mean, image);
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      std[j] = Math.sqrt(Math.max(0, var[j]));
    }
    put(node.putArray("std"), std, image);
    node.putArray("count").add(total);
    for (int i = 0; i < QUANTILES.length; i++) {
      boolean low = Integer.parseInt(QUANTILES[i].substring(1)) <= 50;
      double[] q = new double[d];
      java.util.Arrays.fill(q, low ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
      for (double[] episode : qs.get(i)) {
        for (int j = 0; j < d; j++) {
          q[j] = low ? Math.min(q[j], episode[j]) : Math.max(q[j], episode[j]);
        }
      }
      put(node.putArray(QUANTILES[i]), q, image);
    }
  }

  private static void put(ArrayNode array, double[] values, boolean image) {
    for (double v : values) {
      if (image) {
        array.addArray().addArray().add(v);
      } else {
        array.add(v);
      }
    }
  }

  private static double[] doubles(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] == null ? Double.NaN : ((Number) values[i]).doubleValue();
    }
    return out;
  }
}
