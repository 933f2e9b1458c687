package dev.tributary.recorder.lerobot;

import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolFullException;
import java.nio.file.Path;

/**
 * The former v3-only entry point, kept for existing callers; it now imports v3.0 and v2.1 with
 * videos exactly like {@link LeRobotImporter}.
 */
public final class LeRobotV3Importer {
  private final LeRobotImporter importer;

  public LeRobotV3Importer(String siteId, String rigId) {
    this.importer = new LeRobotImporter(siteId, rigId);
  }

  public ImportReport importInto(Path root, Spool spool)
      throws ImportException, SpoolFullException {
    return importer.importInto(root, spool);
  }
}
