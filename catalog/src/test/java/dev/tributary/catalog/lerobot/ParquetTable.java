package dev.tributary.catalog.lerobot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file read with parquet-mr (not DuckDB, which the exporter writes with): rows as maps of
 * plain Java values (Long, Float, Double, String, List), the type of every top-level column as a
 * short string ({@code float}, {@code int64}, {@code list<float>}, ...), and the key-value
 * metadata.
 */
record ParquetTable(
    Map<String, String> types, List<Map<String, Object>> rows, Map<String, String> metadata) {

  static ParquetTable read(Path file) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> metadata;
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      metadata = reader.getFooter().getFileMetaData().getKeyValueMetaData();
      for (Type field : schema.getFields()) {
        types.put(field.getName(), typeOf(field));
      }
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          Group g = records.read();
          Map<String, Object> row = new LinkedHashMap<>();
          for (int f = 0; f < schema.getFieldCount(); f++) {
            row.put(
                schema.getFieldName(f),
                g.getFieldRepetitionCount(f) == 0 ? null : value(g, f, schema.getType(f)));
          }
          rows.add(row);
        }
      }
    }
    return new ParquetTable(types, rows, metadata);
  }

  private static boolean isList(Type t) {
    return !t.isPrimitive()
        && t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation;
  }

  private static String typeOf(Type t) {
    if (t.isPrimitive()) {
      PrimitiveType p = t.asPrimitiveType();
      return switch (p.getPrimitiveTypeName()) {
        case FLOAT -> "float";
        case DOUBLE -> "double";
        case INT64 -> "int64";
        case INT32 -> "int32";
        case BOOLEAN -> "bool";
        case BINARY -> p.getLogicalTypeAnnotation() == null ? "binary" : "string";
        default -> p.getPrimitiveTypeName().name().toLowerCase();
      };
    }
    if (isList(t)) {
      return "list<" + typeOf(element(t.asGroupType())) + ">";
    }
    return "struct";
  }

  private static Type element(GroupType list) {
    Type repeated = list.getType(0);
    return repeated.isPrimitive() || repeated.asGroupType().getFieldCount() != 1
        ? repeated
        : repeated.asGroupType().getType(0);
  }

  private static Object value(Group g, int field, Type t) {
    if (t.isPrimitive()) {
      return switch (t.asPrimitiveType().getPrimitiveTypeName()) {
        case FLOAT -> g.getFloat(field, 0);
        case DOUBLE -> g.getDouble(field, 0);
        case INT64 -> g.getLong(field, 0);
        case INT32 -> (long) g.getInteger(field, 0);
        case BOOLEAN -> g.getBoolean(field, 0);
        default -> g.getString(field, 0);
      };
    }
    if (!isList(t)) {
      return g.getGroup(field, 0);
    }
    Group list = g.getGroup(field, 0);
    GroupType listType = t.asGroupType();
    Type repeated = listType.getType(0);
    int n = list.getFieldRepetitionCount(0);
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (repeated.isPrimitive()) {
        out.add(elementValue(list, 0, i, repeated));
      } else {
        Group wrapper = list.getGroup(0, i);
        Type el = repeated.asGroupType().getType(0);
        out.add(
            wrapper.getFieldRepetitionCount(0) == 0
                ? null
                : el.isPrimitive() ? elementValue(wrapper, 0, 0, el) : value(wrapper, 0, el));
      }
    }
    return out;
  }

  private static Object elementValue(Group g, int field, int index, Type t) {
    return switch (t.asPrimitiveType().getPrimitiveTypeName()) {
      case FLOAT -> g.getFloat(field, index);
      case DOUBLE -> g.getDouble(field, index);
      case INT64 -> g.getLong(field, index);
      case INT32 -> (long) g.getInteger(field, index);
      default -> g.getString(field, index);
    };
  }
}
