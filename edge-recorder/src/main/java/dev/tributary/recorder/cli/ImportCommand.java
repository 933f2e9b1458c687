package dev.tributary.recorder.cli;

import dev.tributary.recorder.lerobot.ImportReport;
import dev.tributary.recorder.lerobot.LeRobotImporter;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports a LeRobotDataset folder (lerobot-record output, v3.0 or v2.1) into the spool, one"
          + " episode per LeRobot episode with one MP4 per camera; run `upload` afterwards (or"
          + " keep `upload --follow` running). To follow a recording in progress use `watch`.",
      "Joint values are copied bit for bit, state and action each with its own names and length"
          + " (names given flat, nested, as a dict or not at all: then joint_0, ...); SO-100 main_*"
          + " names become SO-101 names; timestamps equal to frame_index / fps are marked"
          + " synthetic, any others are kept as capture times. A folder whose totals disagree"
          + " with its files imports the episodes that are whole and names each one it skipped."
          + " v3 videos are cut out of"
          + " the concatenated camera files (stream copy when the episode starts on a keyframe,"
          + " else re-encoded to H.264); v2.1 videos are copied as they are. A dataset shipped"
          + " without video files is imported joints-only. Importing the same folder twice adds"
          + " nothing.",
    })
final class ImportCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Mixin DatasetOptions source;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    Spool spool = Spool.open(common.spool, SpoolConfig.defaults());
    ImportReport report =
        new LeRobotImporter(source.site, source.rig, source.featureKeys())
            .importInto(source.dataset, spool);
    report.notes().forEach(n -> out.println("note: " + n));
    report.imported().forEach(e -> printImported(out, e));
    report.alreadySpooled().forEach(id -> out.println("already in the spool: " + id));
    report
        .failed()
        .forEach(
            f -> out.printf("could not import episode %d: %s%n", f.episodeIndex(), f.reason()));
    out.printf(
        "%d imported, %d already spooled, %d failed%n",
        report.imported().size(), report.alreadySpooled().size(), report.failed().size());
    return report.failed().isEmpty() ? 0 : 2;
  }

  static void printImported(PrintWriter out, ImportReport.Imported e) {
    out.printf(
        "imported episode %d as %s (%d samples, %s)%n",
        e.episodeIndex(),
        e.episodeId(),
        e.samples(),
        e.videos() == 0 ? "joints only" : String.join(", ", e.videoMethods()));
  }
}
