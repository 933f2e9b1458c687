package dev.tributary.curation.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.recorder.lerobot.ImportException;
import dev.tributary.recorder.lerobot.ImportReport;
import dev.tributary.recorder.lerobot.LeRobotImporter;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.spool.SpooledEpisode;
import dev.tributary.schema.JointSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The joint checks on real recordings: imports every LeRobot dataset under the shared data folder
 * with the project's own importer (joints only: the videos are left out of a temporary copy, the
 * joint checks do not read them), runs {@link JointQualityChecker} and reports, per dataset and per
 * check, the share of episodes flagged ({@code target/real-data-quality.md} and stdout). Skipped
 * when the folder is absent. Folder: system property {@code tributary.realData}, else environment
 * variable {@code TRIBUTARY_REAL_DATA}, else {@code ../../shared/data} from the module.
 *
 * <p>The thresholds were tuned on {@link #TUNING_SET} (and the simulator) only, so that dataset
 * must get no joint flag; every other dataset is held out and only reported.
 */
class RealDataQualityReportTest {
  static final String TUNING_SET = "lerobot-v3-so101-sample";

  /** The checks reported, in order; joint checks first. */
  private static final List<String> JOINT_CHECKS =
      List.of("joint_saturation", "idle_stretch", "no_motion", "implausible_jump");

  private static final List<String> OTHER_CHECKS =
      List.of("timestamp_jitter", "dropped_samples", "too_short", "placeholder_task");

  private final JointQualityChecker checker = new JointQualityChecker(QualityThresholds.defaults());

  @TempDir Path temp;

  /** What one dataset gave. */
  private record DatasetResult(
      String name,
      int imported,
      List<String> failures,
      Map<String, Integer> flagged,
      int anyJointFlag,
      List<String> lines) {}

  @Test
  void realRecordingsGetFewJointFlags() throws Exception {
    Path root = dataRoot();
    Assumptions.assumeTrue(
        Files.isDirectory(root),
        "no real data at "
            + root.toAbsolutePath().normalize()
            + " (set -Dtributary.realData=DIR or TRIBUTARY_REAL_DATA)");
    List<DatasetResult> results = new ArrayList<>();
    for (Path dataset : datasets(root)) {
      results.add(measure(root, dataset));
    }
    String report = render(results);
    System.out.println(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "real-data-quality.md"), report);

    for (DatasetResult r : results) {
      if (r.name().equals(TUNING_SET)) {
        assertThat(r.imported()).isPositive();
        assertThat(r.anyJointFlag()).as("joint flags on %s", r.name()).isZero();
      }
    }
  }

  static Path dataRoot() {
    String configured = System.getProperty("tributary.realData");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("TRIBUTARY_REAL_DATA");
    }
    return Path.of(configured == null || configured.isBlank() ? "../../shared/data" : configured);
  }

  /** Every folder (up to three levels down) that holds a LeRobot {@code meta/info.json}. */
  private static List<Path> datasets(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root, 3)) {
      return walk.filter(p -> Files.isRegularFile(p.resolve("meta").resolve("info.json")))
          .sorted()
          .toList();
    }
  }

  private DatasetResult measure(Path root, Path dataset) throws Exception {
    String name = root.relativize(dataset).toString().replace('\\', '/');
    Path copy = temp.resolve("data-" + name.replace('/', '_'));
    copyWithoutVideos(dataset, copy);
    Spool spool =
        Spool.open(temp.resolve("spool-" + name.replace('/', '_')), SpoolConfig.defaults());
    Map<String, Integer> flagged = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    ImportReport report;
    try {
      report = new LeRobotImporter("real-data", "rig-1").importInto(copy, spool);
    } catch (ImportException e) {
      return new DatasetResult(
          name, 0, List.of("import failed: " + e.getMessage()), flagged, 0, lines);
    }
    report.failed().forEach(f -> failures.add("episode " + f.episodeIndex() + ": " + f.reason()));
    int anyJoint = 0;
    TreeSet<String> units = new TreeSet<>();
    for (ImportReport.Imported imported : report.imported()) {
      SpooledEpisode e = spool.read(imported.episodeId());
      e.manifest().getJoints().forEach(j -> units.add(j.getUnit()));
      AssembledEpisode assembled =
          new AssembledEpisode(
              e.episodeId(),
              e.manifest().getSiteId(),
              0,
              0,
              1,
              e.manifest(),
              e.chunks(),
              List.copyOf(e.videos().values()),
              e.commit(),
              0,
              List.of());
      QualityReport q = checker.check(assembled);
      List<JointSpec> actionJoints =
          e.manifest().getActionJoints() == null ? List.of() : e.manifest().getActionJoints();
      List<String> findings = new ArrayList<>(q.flags());
      findings.addAll(q.rejections());
      TreeSet<String> checks = new TreeSet<>();
      for (String f : findings) {
        checks.add(f.contains(":") ? f.substring(0, f.indexOf(':')) : f);
      }
      checks.forEach(c -> flagged.merge(c, 1, Integer::sum));
      if (checks.stream().anyMatch(JOINT_CHECKS::contains)) {
        anyJoint++;
      }
      lines.add(
          String.format(
              "%s episode %d (%d samples, %s timestamps, action joints %s): %s",
              name,
              imported.episodeIndex(),
              imported.samples(),
              e.manifest().getTimestampSource(),
              actionJoints.isEmpty()
                  ? "= state"
                  : actionJoints.stream().map(JointSpec::getName).toList(),
              findings.isEmpty() ? "-" : String.join(", ", findings)));
    }
    lines.add(name + " units: " + units);
    return new DatasetResult(name, report.imported().size(), failures, flagged, anyJoint, lines);
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

  private static String render(List<DatasetResult> results) {
    StringBuilder out = new StringBuilder();
    out.append("| dataset | role | episodes | any joint check |");
    for (String c : JOINT_CHECKS) {
      out.append(' ').append(c).append(" |");
    }
    for (String c : OTHER_CHECKS) {
      out.append(' ').append(c).append(" |");
    }
    out.append("\n|---|---|---:|---:|");
    out.append("---:|".repeat(JOINT_CHECKS.size() + OTHER_CHECKS.size()));
    out.append('\n');
    int total = 0;
    int heldOut = 0;
    int heldOutFlagged = 0;
    for (DatasetResult r : results) {
      out.append("| ")
          .append(r.name())
          .append(" | ")
          .append(r.name().equals(TUNING_SET) ? "tuning" : "held out")
          .append(" | ")
          .append(r.imported())
          .append(" | ")
          .append(share(r.anyJointFlag(), r.imported()))
          .append(" |");
      for (String c : JOINT_CHECKS) {
        out.append(' ').append(share(r.flagged().getOrDefault(c, 0), r.imported())).append(" |");
      }
      for (String c : OTHER_CHECKS) {
        out.append(' ').append(share(r.flagged().getOrDefault(c, 0), r.imported())).append(" |");
      }
      out.append('\n');
      total += r.imported();
      if (!r.name().equals(TUNING_SET)) {
        heldOut += r.imported();
        heldOutFlagged += r.anyJointFlag();
      }
    }
    out.append("\nAll real episodes: ")
        .append(total)
        .append("; held-out episodes with any joint flag: ")
        .append(share(heldOutFlagged, heldOut))
        .append("\n\n");
    for (DatasetResult r : results) {
      r.failures()
          .forEach(
              f ->
                  out.append("- not imported: ")
                      .append(r.name())
                      .append(' ')
                      .append(f)
                      .append('\n'));
      r.lines().forEach(l -> out.append("- ").append(l).append('\n'));
    }
    return out.toString();
  }

  private static String share(int count, int of) {
    return of == 0 ? "-" : String.format("%d/%d (%.0f %%)", count, of, 100.0 * count / of);
  }
}
