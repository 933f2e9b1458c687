package dev.tributary.curation.iceberg;

import dev.tributary.schema.table.CuratedTables;
import dev.tributary.schema.table.LakeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the Iceberg catalog and the curated tables, creating what is missing.
 *
 * <p><b>Why one class of ~300 lines.</b> Opening the catalog, creating and evolving every table and
 * handing out the derived tables are one start-up path with one failure message per problem; each
 * step is a short method.
 */
public final class LakeTables implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LakeTables.class);

  private final Catalog catalog;
  private final Table episodes;
  private final Table frames;
  private final DerivedTables derived;
  // Iceberg's shared worker pool is shut down by its own JVM shutdown hook, which races with ours:
  // a commit made while the platform stops (the last checkpoint) would be rejected. Commits scan
  // manifests on this pool instead, which lives exactly as long as these tables.
  private final ExecutorService commitWorkers =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "iceberg-commit-worker");
            t.setDaemon(true);
            return t;
          });

  private LakeTables(Catalog catalog, Table episodes, Table frames, DerivedTables derived) {
    this.catalog = catalog;
    this.episodes = episodes;
    this.frames = frames;
    this.derived = derived;
  }

  /**
   * @throws IllegalStateException when the catalog cannot be opened, with the reason
   */
  public static LakeTables open(LakeConfig lake) {
    createSqliteFolder(lake.catalogUri());
    Catalog catalog = openCatalog(lake);
    try {
      if (catalog instanceof SupportsNamespaces ns
          && !ns.namespaceExists(CuratedTables.NAMESPACE)) {
        try {
          ns.createNamespace(CuratedTables.NAMESPACE);
        } catch (RuntimeException raced) {
          // Another instance created it first: AlreadyExistsException from most catalogs, a
          // unique-key violation from the JDBC catalog on PostgreSQL (two inserts at once).
          if (!ns.namespaceExists(CuratedTables.NAMESPACE)) {
            throw raced;
          }
        }
      }
      Table episodes =
          ensure(
              catalog,
              CuratedTables.EPISODES,
              CuratedTables.EPISODES_SCHEMA,
              CuratedTables.EPISODES_SPEC);
      Table frames =
          ensure(
              catalog,
              CuratedTables.FRAMES,
              CuratedTables.FRAMES_SCHEMA,
              CuratedTables.FRAMES_SPEC);
      DerivedTables derived =
          new DerivedTables(
              ensure(
                  catalog,
                  CuratedTables.SITE_STATS,
                  CuratedTables.SITE_STATS_SCHEMA,
                  PartitionSpec.unpartitioned()),
              ensure(
                  catalog,
                  CuratedTables.CORPUS_STATS,
                  CuratedTables.CORPUS_STATS_SCHEMA,
                  PartitionSpec.unpartitioned()),
              ensure(
                  catalog,
                  CuratedTables.DUPLICATE_CLUSTERS,
                  CuratedTables.DUPLICATE_CLUSTERS_SCHEMA,
                  PartitionSpec.unpartitioned()),
              ensure(
                  catalog,
                  CuratedTables.QUARANTINE,
                  CuratedTables.QUARANTINE_SCHEMA,
                  CuratedTables.QUARANTINE_SPEC));
      return new LakeTables(catalog, episodes, frames, derived);
    } catch (RuntimeException e) {
      closeQuietly(catalog);
      throw new IllegalStateException(
          "cannot create or load the curated tables in "
              + lake.catalogUri()
              + " (warehouse "
              + lake.warehouse()
              + "): "
              + rootMessage(e),
          e);
    }
  }

  private static void closeQuietly(Catalog catalog) {
    if (catalog instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // already failing; the original error is what matters
      }
    }
  }

  public Table episodes() {
    return episodes;
  }

  public Table frames() {
    return frames;
  }

  /**
   * The pool every commit of these tables scans manifests with ({@code
   * SnapshotUpdate.scanManifestsWith}); see the field's comment.
   */
  public ExecutorService commitWorkers() {
    return commitWorkers;
  }

  /** The tables the statistics job derives from {@code episodes}. */
  public DerivedTables derived() {
    return derived;
  }

  public Catalog catalog() {
    return catalog;
  }

  /**
   * Opens the catalog, retrying a few times: instances starting together on a new JDBC catalog race
   * to create its own tables (Iceberg's JdbcCatalog creates or upgrades them in {@code
   * initialize}); the loser's second attempt finds them.
   */
  static Catalog openCatalog(LakeConfig lake) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= 5; attempt++) {
      try {
        return CatalogUtil.buildIcebergCatalog(
            lake.catalogName(),
            lake.toCatalogProperties(),
            new org.apache.hadoop.conf.Configuration());
      } catch (RuntimeException e) {
        last = e;
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new IllegalStateException(
        "cannot open the Iceberg catalog at " + lake.catalogUri() + ": " + rootMessage(last), last);
  }

  /** The derived tables (see {@link CuratedTables#derived()}). */
  public record DerivedTables(
      Table siteStats, Table corpusStats, Table duplicateClusters, Table quarantine) {}

  private static Table ensure(
      Catalog catalog, TableIdentifier id, Schema schema, PartitionSpec spec) {
    if (catalog.tableExists(id)) {
      return evolve(catalog.loadTable(id), schema);
    }
    try {
      Table table =
          catalog
              .buildTable(id, schema)
              .withPartitionSpec(spec)
              .withProperties(CuratedTables.PROPERTIES)
              .create();
      LOG.info("created Iceberg table {} at {}", id, table.location());
      return table;
    } catch (RuntimeException raced) {
      // Another instance created it first (see the namespace above for the JDBC catalog's form).
      if (raced instanceof AlreadyExistsException || catalog.tableExists(id)) {
        return catalog.loadTable(id);
      }
      throw raced;
    }
  }

  /**
   * Adds the optional columns a newer release declares and an existing table lacks (tables made by
   * an older release stay readable; nothing is rewritten).
   */
  private static Table evolve(Table table, Schema expected) {
    Map<String, String> unset = new java.util.TreeMap<>();
    CuratedTables.PROPERTIES.forEach(
        (k, v) -> {
          if (!k.equals("format-version") && !table.properties().containsKey(k)) {
            unset.put(k, v);
          }
        });
    if (!unset.isEmpty()) {
      UpdateProperties props = table.updateProperties();
      unset.forEach(props::set);
      try {
        props.commit();
      } catch (CommitFailedException raced) {
        table.refresh();
      }
    }
    List<Types.NestedField> missing =
        expected.columns().stream()
            .filter(c -> table.schema().findField(c.name()) == null)
            .toList();
    if (missing.isEmpty()) {
      return table;
    }
    UpdateSchema update = table.updateSchema();
    for (Types.NestedField c : missing) {
      update.addColumn(c.name(), c.type(), c.doc());
    }
    try {
      update.commit();
      LOG.info(
          "added columns {} to Iceberg table {}",
          missing.stream().map(Types.NestedField::name).toList(),
          table.name());
    } catch (CommitFailedException raced) {
      table.refresh(); // another instance evolved it first
    }
    table.refresh();
    return table;
  }

  private static void createSqliteFolder(String uri) {
    String prefix = "jdbc:sqlite:";
    if (!uri.startsWith(prefix)) {
      return;
    }
    String file = uri.substring(prefix.length());
    int query = file.indexOf('?');
    if (query >= 0) {
      file = file.substring(0, query);
    }
    if (file.startsWith("file:")) {
      file = file.substring("file:".length());
    }
    if (file.isEmpty() || file.equals(":memory:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot create the catalog folder " + parent + ": " + e.getMessage(),
          new UncheckedIOException(e));
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String msg = t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    return msg.replaceAll("\\s*\\R\\s*", " ");
  }

  @Override
  public void close() {
    commitWorkers.shutdown();
    if (catalog instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing the Iceberg catalog failed; continuing shutdown", e);
      }
    }
  }
}
