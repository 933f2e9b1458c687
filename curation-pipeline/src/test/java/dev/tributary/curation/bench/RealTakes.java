package dev.tributary.curation.bench;

import dev.tributary.curation.assembly.JointMatrix;
import dev.tributary.curation.dedup.Trajectory;
import dev.tributary.recorder.lerobot.ImportReport;
import dev.tributary.recorder.lerobot.LeRobotImporter;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.spool.SpooledEpisode;
import dev.tributary.schema.JointSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real recordings under the shared data folder, imported the way a participant's upload is (the
 * recorder's {@link LeRobotImporter}, joints only, from a temporary copy without videos), one
 * "site" per dataset: its episodes are takes of one task at one site. Nothing is copied into the
 * repository. Folder: {@code -Dtributary.realData=DIR}, else {@code TRIBUTARY_REAL_DATA}, else
 * {@code ../../shared/data} from the module; absent: no corpus.
 *
 * <p>A second folder holds real datasets <em>held out</em> from tuning the detector ({@link
 * #loadHeldOut}, family {@code REAL_HELDOUT}): {@code -Dtributary.realHeldOutData=DIR}, else {@code
 * TRIBUTARY_REAL_HELDOUT_DATA}; no default (they are not in the project: {@code
 * load-tests/real-data/assemble-heldout.py} rebuilds them from public repositories). Each of their
 * datasets is one site whose first half are originals and second half new takes.
 */
public final class RealTakes {
  private RealTakes() {}

  /** The real datasets as one corpus (each dataset a site), or null when none is present. */
  public static DedupEvaluation.Corpus load(Path temp) {
    return load(root(), "REAL", 0, temp);
  }

  /**
   * The held-out real datasets as one corpus (family {@code REAL_HELDOUT}, half of each dataset
   * originals), or null when the folder is not configured or holds none.
   */
  public static DedupEvaluation.Corpus loadHeldOut(Path temp) {
    Path root = heldOutRoot();
    return root == null ? null : load(root, "REAL_HELDOUT", -1, temp);
  }

  /** The held-out folder when configured, else null. */
  static Path heldOutRoot() {
    String configured = System.getProperty("tributary.realHeldOutData");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("TRIBUTARY_REAL_HELDOUT_DATA");
    }
    return configured == null || configured.isBlank() ? null : Path.of(configured);
  }

  private static DedupEvaluation.Corpus load(
      Path root, String family, int originalsPerSite, Path temp) {
    if (!Files.isDirectory(root)) {
      return null;
    }
    List<List<SimTakes.Take>> sites = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root, 3)) {
      List<Path> datasets =
          walk.filter(p -> Files.isRegularFile(p.resolve("meta").resolve("info.json")))
              .sorted()
              .toList();
      for (Path dataset : datasets) {
        String name = root.relativize(dataset).toString().replace('\\', '/');
        List<SimTakes.Take> takes = importDataset(dataset, name, temp);
        if (takes.size() >= 2) {
          sites.add(takes);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sites.isEmpty()
        ? null
        : new DedupEvaluation.Corpus(family, false, sites, originalsPerSite);
  }

  static Path root() {
    String configured = System.getProperty("tributary.realData");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("TRIBUTARY_REAL_DATA");
    }
    return Path.of(configured == null || configured.isBlank() ? "../../shared/data" : configured);
  }

  private static List<SimTakes.Take> importDataset(Path dataset, String name, Path temp)
      throws IOException {
    String safe = name.replace('/', '_');
    Path copy = temp.resolve("real-" + safe);
    copyWithoutVideos(dataset, copy);
    Spool spool = Spool.open(temp.resolve("spool-" + safe), SpoolConfig.defaults());
    List<SimTakes.Take> takes = new ArrayList<>();
    ImportReport report;
    try {
      report = new LeRobotImporter("real-" + safe, "rig-1").importInto(copy, spool);
    } catch (Exception e) {
      System.err.println("real data: " + name + " not imported: " + e.getMessage());
      return takes;
    }
    for (ImportReport.Imported imported : report.imported()) {
      SpooledEpisode e = spool.read(imported.episodeId());
      List<JointSpec> joints = e.manifest().getJoints();
      JointMatrix x = JointMatrix.of(e.manifest(), e.chunks());
      Trajectory t = Trajectory.ofColumns(x.monoNanos(), x.state());
      takes.add(
          new SimTakes.Take(
              name + "/episode-" + imported.episodeIndex(),
              name,
              imported.episodeIndex(),
              t.durationS(),
              t.rateHz(),
              t,
              joints.stream().map(j -> String.valueOf(j.getName())).toList()));
    }
    return takes;
  }

  private static void copyWithoutVideos(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path rel = from.relativize(p);
        if (rel.getNameCount() > 0 && rel.getName(0).toString().equals("videos")) {
          continue;
        }
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
