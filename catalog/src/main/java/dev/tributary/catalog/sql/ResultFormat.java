package dev.tributary.catalog.sql;

import java.util.Locale;

/** How a query result is printed. */
public enum ResultFormat {
  /** An aligned table for the terminal, numbers right-aligned. */
  TABLE,
  /** RFC 4180 CSV with a header line. */
  CSV,
  /** {@code {"columns": [...], "rows": [[...], ...], "truncated": false}}. */
  JSON;

  /** Parses {@code table}, {@code csv} or {@code json}; a one-line error otherwise. */
  public static ResultFormat parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new SqlException("unknown output format '" + name + "'; use table, csv or json");
    }
  }
}
