package dev.tributary.curation.consume;

import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.iceberg.TableMaintenance;
import dev.tributary.curation.iceberg.TableMaintenanceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts small files and expires old snapshots every {@link #INTERVAL_MILLIS}, on the instance
 * owning ingest partition 0, between two commit cycles (never inside one). A failure only delays
 * maintenance; the tables stay correct.
 */
final class MaintenanceSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceSchedule.class);

  /** How often the instance owning partition 0 compacts and expires the curated tables. */
  static final long INTERVAL_MILLIS = 5 * 60_000;

  private final LakeTables tables;
  private final String warehouse;
  private final String instanceId;
  private final BooleanSupplier ownsFirstPartition;
  private final LongSupplier clock;
  private final TableMaintenance maintenance;
  private long nextAt;

  MaintenanceSchedule(
      LakeTables tables,
      String warehouse,
      String instanceId,
      BooleanSupplier ownsFirstPartition,
      LongSupplier clock) {
    this.tables = tables;
    this.warehouse = warehouse;
    this.instanceId = instanceId;
    this.ownsFirstPartition = ownsFirstPartition;
    this.clock = clock;
    this.maintenance = new TableMaintenance(TableMaintenanceConfig.defaults(), instanceId);
    this.nextAt = clock.getAsLong() + INTERVAL_MILLIS;
  }

  void runIfDue() {
    long now = clock.getAsLong();
    if (!ownsFirstPartition.getAsBoolean() || now < nextAt) {
      return;
    }
    nextAt = now + INTERVAL_MILLIS;
    try {
      long started = System.nanoTime();
      TableMaintenance.Round round = maintenance.maintain(tables, warehouse);
      // Derived tables are replaced or appended every statistics refresh: only expire them (a
      // compaction of quarantine would move its derived-from marker off the current snapshot).
      LakeTables.DerivedTables derived = tables.derived();
      for (Table t :
          List.of(
              derived.siteStats(),
              derived.corpusStats(),
              derived.duplicateClusters(),
              derived.quarantine())) {
        maintenance.expireSnapshots(t, Duration.ofHours(1), 10, Set.of());
      }
      LOG.info(
          "table maintenance by {} in {} ms: {}",
          instanceId,
          (System.nanoTime() - started) / 1_000_000,
          round);
    } catch (RuntimeException e) {
      LOG.warn(
          "table maintenance by {} failed; the tables are unchanged or consistent, retrying in {}"
              + " min",
          instanceId,
          INTERVAL_MILLIS / 60_000,
          e);
    }
  }
}
