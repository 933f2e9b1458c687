package dev.tributary.catalog.sql;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The everyday questions, as named SQL over the views {@code episodes} and {@code frames}, so
 * {@code tributary query sql sites-tasks} needs no SQL at all. Each text is also a starting point
 * for one's own query.
 */
public final class NamedQueries {
  private NamedQueries() {}

  private static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put(
        "sites-tasks",
        """
        SELECT site_id, coalesce(task, '') AS task, count(*) AS episodes,
               round(sum(coalesce(duration_s, 0)) / 3600, 3) AS hours,
               count(*) FILTER (WHERE status IN ('ACCEPTED', 'ACCEPTED_WITH_FLAGS')) AS accepted,
               round(sum(coalesce(duration_s, 0))
                 FILTER (WHERE status IN ('ACCEPTED', 'ACCEPTED_WITH_FLAGS')) / 3600, 3)
                 AS accepted_hours
        FROM episodes GROUP BY ALL ORDER BY episodes DESC, site_id, task""");
    QUERIES.put(
        "verdicts",
        """
        SELECT site_id, status, count(*) AS episodes,
               round(sum(coalesce(duration_s, 0)) / 3600, 3) AS hours
        FROM episodes GROUP BY ALL ORDER BY site_id, episodes DESC, status""");
    QUERIES.put(
        "rejection-reasons",
        """
        SELECT status, reason, count(*) AS episodes, count(DISTINCT site_id) AS sites
        FROM (SELECT status, site_id, unnest(reasons) AS reason FROM episodes
              WHERE status <> 'ACCEPTED')
        GROUP BY ALL ORDER BY episodes DESC, status, reason""");
    QUERIES.put(
        "duplicates",
        """
        SELECT d.duplicate_of AS original, o.site_id AS original_site,
               count(*) AS copies, string_agg(DISTINCT d.site_id, ',' ORDER BY d.site_id)
                 AS copy_sites
        FROM episodes d LEFT JOIN episodes o ON o.episode_id = d.duplicate_of
        WHERE d.duplicate_of IS NOT NULL
        GROUP BY ALL ORDER BY copies DESC, original""");
    QUERIES.put(
        "top-contributors",
        """
        SELECT site_id,
               count(*) FILTER (WHERE status IN ('ACCEPTED', 'ACCEPTED_WITH_FLAGS')) AS accepted,
               round(sum(coalesce(duration_s, 0))
                 FILTER (WHERE status IN ('ACCEPTED', 'ACCEPTED_WITH_FLAGS')) / 3600, 3)
                 AS accepted_hours,
               count(DISTINCT task)
                 FILTER (WHERE status IN ('ACCEPTED', 'ACCEPTED_WITH_FLAGS')) AS distinct_tasks,
               round(avg(novelty_score)
                 FILTER (WHERE status IN ('ACCEPTED', 'ACCEPTED_WITH_FLAGS')), 4) AS mean_novelty
        FROM episodes GROUP BY site_id
        ORDER BY distinct_tasks DESC, accepted_hours DESC NULLS LAST, site_id""");
  }

  /** Name to SQL, in display order. */
  public static Map<String, String> all() {
    return Map.copyOf(QUERIES);
  }

  /** The SQL of a named query, or {@code sqlOrName} itself when it is not a name. */
  public static String resolve(String sqlOrName) {
    String key = sqlOrName == null ? "" : sqlOrName.strip();
    return QUERIES.getOrDefault(key, sqlOrName);
  }

  /** Names in display order, for help texts. */
  public static java.util.List<String> names() {
    return java.util.List.copyOf(QUERIES.keySet());
  }
}
