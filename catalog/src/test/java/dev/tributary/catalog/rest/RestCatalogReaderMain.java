package dev.tributary.catalog.rest;

import dev.tributary.catalog.testing.TableDigest;
import dev.tributary.schema.table.CuratedTables;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Runs in its own JVM (started by {@link IcebergRestCatalogIT}): connects to the catalog service
 * with Iceberg's own REST client, knowing nothing but the URL and an OAuth2 client credential
 * ({@code name:token}), and prints what it reads as {@code RESULT} lines.
 */
public final class RestCatalogReaderMain {
  private RestCatalogReaderMain() {}

  public static void main(String[] args) throws Exception {
    Catalog catalog =
        CatalogUtil.buildIcebergCatalog(
            "remote",
            Map.of("type", "rest", "uri", args[0], "credential", args[1]),
            new org.apache.hadoop.conf.Configuration());
    try {
      System.out.println("RESULT namespaces " + ((SupportsNamespaces) catalog).listNamespaces());
      System.out.println("RESULT tables " + catalog.listTables(CuratedTables.NAMESPACE));
      for (TableIdentifier id : CuratedTables.all()) {
        System.out.println("RESULT " + id + " " + TableDigest.of(catalog.loadTable(id)));
      }
    } finally {
      ((AutoCloseable) catalog).close();
    }
  }
}
