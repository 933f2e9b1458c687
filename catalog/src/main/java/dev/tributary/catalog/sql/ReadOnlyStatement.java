package dev.tributary.catalog.sql;

import java.util.Locale;
import java.util.Set;

/**
 * Admits exactly one read-only statement. The first guard against writes; the second is the sandbox
 * ({@link CorpusSql.Access#SANDBOXED}: no file access outside the tables, locked config).
 */
final class ReadOnlyStatement {
  private ReadOnlyStatement() {}

  private static final Set<String> READ_KEYWORDS =
      Set.of("SELECT", "WITH", "FROM", "VALUES", "DESCRIBE", "SHOW", "SUMMARIZE", "TABLE");

  /**
   * @return the statement without a trailing semicolon
   * @throws SqlException if it is empty, not a query, or several statements
   */
  static String check(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new SqlException("empty SQL: give one SELECT statement over episodes and frames");
    }
    String body = stripTrailingSemicolons(sql.strip());
    int end = endOfFirstStatement(body);
    if (end < body.length()) {
      throw new SqlException("only one statement per query, found more after position " + end);
    }
    String keyword = firstKeyword(body);
    if (!READ_KEYWORDS.contains(keyword)) {
      throw new SqlException(
          "only read-only queries (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE) are"
              + " allowed, got "
              + (keyword.isEmpty() ? "no statement" : keyword));
    }
    return body;
  }

  private static String stripTrailingSemicolons(String sql) {
    String out = sql;
    while (out.endsWith(";")) {
      out = out.substring(0, out.length() - 1).stripTrailing();
    }
    return out;
  }

  /** Index of the first ';' outside quotes and comments, or the length. */
  private static int endOfFirstStatement(String sql) {
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int close = sql.indexOf(c, i + 1);
        while (close >= 0 && close + 1 < sql.length() && sql.charAt(close + 1) == c) {
          close = sql.indexOf(c, close + 2);
        }
        i = close < 0 ? sql.length() : close + 1;
      } else if (sql.startsWith("--", i)) {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? sql.length() : nl + 1;
      } else if (sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? sql.length() : close + 2;
      } else if (c == ';') {
        return i;
      } else {
        i++;
      }
    }
    return sql.length();
  }

  private static String firstKeyword(String sql) {
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? sql.length() : nl + 1;
      } else if (sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? sql.length() : close + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return sql.substring(start, i).toUpperCase(Locale.ROOT);
  }
}
