package dev.tributary.catalog.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders per-site statistics for people (an aligned terminal table with a total line) and for
 * tools (CSV, JSON). Used by {@code tributary query sites}.
 */
public final class TablePrinter {
  private TablePrinter() {}

  private static final List<String> HEADER =
      List.of(
          "site", "episodes", "hours", "accepted", "flagged", "rejected", "duplicates", "frames");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** An aligned text table, one line per site and a TOTAL line; numbers right-aligned. */
  public static String render(List<SiteStats> rows) {
    List<List<String>> cells = new ArrayList<>();
    cells.add(HEADER.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList());
    rows.forEach(row -> cells.add(cellsOf(row)));
    CorpusTotals totals = CorpusTotals.of(rows);
    cells.add(
        List.of(
            "TOTAL (" + totals.sites() + " sites)",
            Long.toString(totals.episodes()),
            hours(totals.hours()),
            Long.toString(totals.accepted()),
            Long.toString(totals.flagged()),
            Long.toString(totals.rejected()),
            Long.toString(totals.duplicates()),
            Long.toString(totals.frames())));

    int[] widths = new int[HEADER.size()];
    for (List<String> line : cells) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int lineNo = 0; lineNo < cells.size(); lineNo++) {
      if (lineNo == cells.size() - 1) {
        appendRule(out, widths);
      }
      List<String> line = cells.get(lineNo);
      for (int i = 0; i < widths.length; i++) {
        if (i > 0) {
          out.append("  ");
        }
        String cell = line.get(i);
        String pad = " ".repeat(widths[i] - cell.length());
        // First column reads left to right, numbers line up on their last digit.
        out.append(i == 0 ? cell + pad : pad + cell);
      }
      stripTrailingSpaces(out);
      out.append('\n');
      if (lineNo == 0) {
        appendRule(out, widths);
      }
    }
    return out.toString();
  }

  /** RFC 4180 CSV with a header line; hours with six decimals. */
  public static String renderCsv(List<SiteStats> rows) {
    StringBuilder out = new StringBuilder(String.join(",", HEADER)).append("\r\n");
    for (SiteStats row : rows) {
      out.append(csvField(row.siteId()))
          .append(',')
          .append(row.episodes())
          .append(',')
          .append(String.format(Locale.ROOT, "%.6f", row.hours()))
          .append(',')
          .append(row.accepted())
          .append(',')
          .append(row.flagged())
          .append(',')
          .append(row.rejected())
          .append(',')
          .append(row.duplicates())
          .append(',')
          .append(row.frames())
          .append("\r\n");
    }
    return out.toString();
  }

  /** {@code {"sites": [...], "totals": {...}}}, the same shape as {@code GET /api/v1/sites}. */
  public static String renderJson(List<SiteStats> rows) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("sites", rows);
    doc.put("totals", CorpusTotals.of(rows));
    try {
      return JSON.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render site statistics as JSON", e);
    }
  }

  private static List<String> cellsOf(SiteStats row) {
    return List.of(
        row.siteId(),
        Long.toString(row.episodes()),
        hours(row.hours()),
        Long.toString(row.accepted()),
        Long.toString(row.flagged()),
        Long.toString(row.rejected()),
        Long.toString(row.duplicates()),
        Long.toString(row.frames()));
  }

  private static String hours(double hours) {
    return String.format(Locale.ROOT, "%.2f", hours);
  }

  private static void appendRule(StringBuilder out, int[] widths) {
    int total = 0;
    for (int w : widths) {
      total += w;
    }
    out.append("-".repeat(total + 2 * (widths.length - 1))).append('\n');
  }

  private static void stripTrailingSpaces(StringBuilder out) {
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
  }

  private static String csvField(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
