package dev.tributary.launcher;

import dev.tributary.catalog.export.ExportCommand;
import dev.tributary.catalog.export.ExportReport;
import dev.tributary.catalog.export.VideoSource;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `tributary export`: a training set as a LeRobotDataset v3.0 folder. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    header = "Export a training set as a LeRobotDataset v3.0 folder.",
    description = {
      "Writes a saved training set as a LeRobotDataset v3.0 folder (meta/, data/, videos/) that",
      "lerobot trains on. Atomic: the folder appears only when complete. The target must not exist."
    })
final class ExportCli implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataDirOption data;

  @Parameters(index = "0", paramLabel = "TRAINING_SET")
  String trainingSet;

  @Parameters(index = "1", paramLabel = "TARGET", description = "Folder to create.")
  Path target;

  @Option(
      names = "--joints-only",
      description = "Skip the camera videos (they are concatenated per camera by default).")
  boolean jointsOnly;

  @Option(
      names = "--video-bucket",
      defaultValue = "tributary-videos",
      description =
          "Bucket of the episodes' videos in the embedded object store (default: ${DEFAULT-VALUE}).")
  String videoBucket;

  @Override
  public Integer call() {
    VideoSource videos =
        jointsOnly ? null : VideoSource.localObjects(data.dir().resolve("objects"), videoBucket);
    ExportReport report =
        new ExportCommand()
            .run(data.lake(), trainingSet, target, videos, ExportCommand.progressBar(System.err));
    spec.commandLine().getOut().println(report.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
