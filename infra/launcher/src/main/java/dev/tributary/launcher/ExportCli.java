package dev.tributary.launcher;

import dev.tributary.catalog.export.ExportCommand;
import dev.tributary.catalog.export.ExportOptions;
import dev.tributary.catalog.export.ExportReport;
import dev.tributary.catalog.export.VideoSource;
import dev.tributary.media.VideoCodec;
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

  @Option(
      names = "--video-codec",
      defaultValue = "av1",
      description =
          "Codec of the exported videos: av1 (LeRobot's default, SVT-AV1) or h264 (OpenH264;"
              + " needed below 64x64 pixels). Streams already in it at the dataset's fps are"
              + " copied, the rest re-encoded (default: ${DEFAULT-VALUE}).")
  String videoCodec;

  @Override
  public Integer call() {
    VideoCodec codec =
        switch (videoCodec.toLowerCase(java.util.Locale.ROOT)) {
          case "av1" -> VideoCodec.AV1;
          case "h264", "h.264", "avc" -> VideoCodec.H264;
          default ->
              throw new picocli.CommandLine.ParameterException(
                  spec.commandLine(),
                  "--video-codec " + videoCodec + " is not supported: use av1 or h264");
        };
    VideoSource videos = jointsOnly ? null : data.videos(videoBucket);
    ExportReport report =
        new ExportCommand()
            .run(
                data.lake(),
                trainingSet,
                target,
                videos,
                ExportOptions.defaults().withVideoCodec(codec),
                ExportCommand.progressBar(System.err));
    spec.commandLine().getOut().println(report.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
