package dev.tributary.catalog.sql;

import java.util.List;

/**
 * The rows of one query.
 *
 * @param columns column labels, in order
 * @param types DuckDB type names, in column order
 * @param rows values: numbers, booleans, strings, lists, {@code null}
 * @param truncated whether more rows existed than the row limit allowed
 */
public record SqlResult(
    List<String> columns, List<String> types, List<List<Object>> rows, boolean truncated) {

  public SqlResult {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    rows = List.copyOf(rows);
  }
}
