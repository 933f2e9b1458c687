package dev.tributary.curation.testing;

import dev.tributary.schema.table.CuratedTables;
import dev.tributary.schema.table.LakeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/** Reads the curated tables back with Iceberg's own generic reader, as an outside reader would. */
public final class CuratedTableReader implements AutoCloseable {
  private final Catalog catalog;

  public CuratedTableReader(LakeConfig lake) {
    this.catalog =
        CatalogUtil.buildIcebergCatalog(
            lake.catalogName(),
            lake.toCatalogProperties(),
            new org.apache.hadoop.conf.Configuration());
  }

  public Table table(TableIdentifier id) {
    return catalog.loadTable(id);
  }

  /** Rows of {@code episodes} of one site. */
  public List<Record> episodes(String siteId) {
    return read(CuratedTables.EPISODES, siteId);
  }

  /** Rows of {@code frames} of one site. */
  public List<Record> frames(String siteId) {
    return read(CuratedTables.FRAMES, siteId);
  }

  /** Rows of the derived {@code quarantine} table of one site. */
  public List<Record> quarantine(String siteId) {
    return read(CuratedTables.QUARANTINE, siteId);
  }

  private List<Record> read(TableIdentifier id, String siteId) {
    if (!catalog.tableExists(id)) {
      return List.of();
    }
    Table table = catalog.loadTable(id);
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table).where(Expressions.equal("site_id", siteId)).build()) {
      rows.forEach(r -> out.add(r.copy()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    if (catalog instanceof AutoCloseable c) {
      c.close();
    }
  }
}
