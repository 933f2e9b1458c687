package dev.tributary.catalog.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link SqlResult} as an aligned table, CSV or JSON. */
public final class ResultPrinter {
  private ResultPrinter() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static String render(SqlResult result, ResultFormat format) {
    return switch (format) {
      case TABLE -> table(result);
      case CSV -> csv(result);
      case JSON -> json(result);
    };
  }

  /** Column labels, a rule, one line per row; numbers right-aligned; a footer if truncated. */
  public static String table(SqlResult result) {
    int n = result.columns().size();
    List<List<String>> lines = new ArrayList<>();
    lines.add(result.columns());
    for (List<Object> row : result.rows()) {
      List<String> cells = new ArrayList<>(n);
      row.forEach(v -> cells.add(cell(v)));
      lines.add(cells);
    }
    int[] widths = new int[n];
    for (List<String> line : lines) {
      for (int i = 0; i < n; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int lineNo = 0; lineNo < lines.size(); lineNo++) {
      List<String> line = lines.get(lineNo);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          text.append("  ");
        }
        String cell = line.get(i);
        String pad = " ".repeat(widths[i] - cell.length());
        boolean numeric = lineNo > 0 && result.rows().get(lineNo - 1).get(i) instanceof Number;
        text.append(numeric ? pad + cell : cell + pad);
      }
      out.append(text.toString().stripTrailing()).append('\n');
      if (lineNo == 0) {
        int total = 2 * Math.max(0, n - 1);
        for (int w : widths) {
          total += w;
        }
        out.append("-".repeat(total)).append('\n');
      }
    }
    int rows = result.rows().size();
    out.append('(')
        .append(rows)
        .append(rows == 1 ? " row" : " rows")
        .append(result.truncated() ? ", truncated at the row limit" : "")
        .append(")\n");
    return out.toString();
  }

  public static String csv(SqlResult result) {
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", result.columns().stream().map(ResultPrinter::csvField).toList()))
        .append("\r\n");
    for (List<Object> row : result.rows()) {
      out.append(
              String.join(",", row.stream().map(v -> v == null ? "" : csvField(cell(v))).toList()))
          .append("\r\n");
    }
    return out.toString();
  }

  public static String json(SqlResult result) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("columns", result.columns());
    doc.put("types", result.types());
    doc.put("rows", result.rows());
    doc.put("truncated", result.truncated());
    try {
      return JSON.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new SqlException("cannot render the result as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String cell(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, "%.4f", d);
    }
    if (value instanceof Float f) {
      return String.format(Locale.ROOT, "%.4f", f);
    }
    return value.toString();
  }

  private static String csvField(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
