package dev.tributary.schema.table;

import java.util.Map;
import java.util.Objects;

/**
 * Where the curated tables live: an Iceberg JDBC catalog (SQLite embedded, PostgreSQL in
 * production) or any Iceberg REST catalog ({@code http(s)://...}), and a warehouse location. Shared
 * by the pipeline (writer) and the catalog service (reader), so both open the same catalog the same
 * way: {@code CatalogUtil.buildIcebergCatalog(catalogName(), toCatalogProperties(), new
 * org.apache.hadoop.conf.Configuration())}.
 *
 * @param catalogName Iceberg catalog name, e.g. {@code tributary}
 * @param catalogUri JDBC URI, e.g. {@code jdbc:sqlite:/data/catalog/catalog.db} or {@code
 *     jdbc:postgresql://db:5432/lake}; or the base URL of an Iceberg REST catalog, e.g. {@code
 *     https://polaris.example.org/api/catalog} (credentials as {@code credential} or {@code token}
 *     in {@code extraProperties})
 * @param warehouse warehouse location, e.g. {@code file:/data/warehouse} or {@code
 *     s3://lake/warehouse}
 * @param extraProperties further catalog properties (S3 endpoint, credentials, JDBC user, ...)
 */
public record LakeConfig(
    String catalogName, String catalogUri, String warehouse, Map<String, String> extraProperties) {

  public LakeConfig {
    Objects.requireNonNull(catalogName, "catalogName");
    Objects.requireNonNull(catalogUri, "catalogUri");
    Objects.requireNonNull(warehouse, "warehouse");
    if (!catalogUri.startsWith("jdbc:")
        && !catalogUri.startsWith("http://")
        && !catalogUri.startsWith("https://")) {
      throw new IllegalArgumentException(
          "catalog URI must be a JDBC URI such as jdbc:postgresql://db:5432/lake or the URL of an"
              + " Iceberg REST catalog such as https://catalog.example.org/iceberg, got "
              + catalogUri);
    }
    extraProperties = Map.copyOf(extraProperties == null ? Map.of() : extraProperties);
  }

  /**
   * A catalog that stops answering fails the call after this long instead of blocking the caller
   * for ever (the clients' own defaults wait without end once connected); a pipeline whose commit
   * fails this way stops and is restarted, and resumes from the offsets in the tables. Both can be
   * overridden in {@code extraProperties}.
   */
  private static final int CONNECT_TIMEOUT_S = 10;

  private static final int SOCKET_TIMEOUT_S = 120;

  /** SQLite catalog and local warehouse under one data folder: the embedded default. */
  public static LakeConfig embedded(java.nio.file.Path dataDir) {
    java.nio.file.Path abs = dataDir.toAbsolutePath();
    return new LakeConfig(
        "tributary",
        "jdbc:sqlite:" + abs.resolve("catalog").resolve("catalog.db"),
        abs.resolve("warehouse").toUri().toString(),
        Map.of());
  }

  /** True for an Iceberg REST catalog, false for a JDBC one. */
  public boolean isRest() {
    return !catalogUri.startsWith("jdbc:");
  }

  public Map<String, String> toCatalogProperties() {
    var props = new java.util.HashMap<String, String>();
    props.put("uri", catalogUri);
    props.put("warehouse", warehouse);
    if (isRest()) {
      props.put("type", "rest");
      props.put("rest.client.connection-timeout-ms", String.valueOf(CONNECT_TIMEOUT_S * 1000));
      props.put("rest.client.socket-timeout-ms", String.valueOf(SOCKET_TIMEOUT_S * 1000));
    } else {
      props.put("type", "jdbc");
      props.put("jdbc.schema-version", "V1");
      if (catalogUri.startsWith("jdbc:postgresql:")) {
        props.put("jdbc.connectTimeout", String.valueOf(CONNECT_TIMEOUT_S)); // pgjdbc: seconds
        props.put("jdbc.socketTimeout", String.valueOf(SOCKET_TIMEOUT_S));
      }
    }
    props.putAll(extraProperties);
    return Map.copyOf(props);
  }
}
