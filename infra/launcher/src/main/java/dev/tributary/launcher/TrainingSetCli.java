package dev.tributary.launcher;

import dev.tributary.catalog.trainingset.TrainingSetCommand;
import dev.tributary.catalog.trainingset.TrainingSetSpec;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `tributary trainingset`: build, show, rebuild and list named, reproducible training sets. */
@Command(
    name = "trainingset",
    mixinStandardHelpOptions = true,
    header = "Build, show, rebuild and list reproducible training sets.",
    description = {
      "Builds balanced, diverse training sets from the curated tables and saves them by name,",
      "pinned to the Iceberg snapshot they were read from, so they can be rebuilt identically.",
      "Selection: quality gate -> one representative per duplicate cluster -> quotas by site, then",
      "task (water-filling) with a cap per (scene, task) group -> farthest-point selection per group.",
      "A LeRobot dataset has one fps, robot type, joint layout and camera set: a selection that",
      "mixes them is refused with the combinations found and the filter (--fps, --robot-types,",
      "--cameras) that picks one; what a filter excluded is listed with the reason. Episodes at",
      "different joint rates can be converted to one with --resample-fps N instead."
    })
final class TrainingSetCli {
  @Spec CommandSpec spec;
  @Mixin DataDirOption data;

  private final TrainingSetCommand command = new TrainingSetCommand();

  @Command(name = "build", description = "Selects and saves a new training set.")
  void build(
      @Parameters(paramLabel = "NAME", description = "Name: a-z, 0-9, '.', '_', '-'.") String name,
      @Option(names = "--size", required = true, description = "Target number of episodes.")
          int size,
      @Option(names = "--sites", split = ",", description = "Only these sites.") List<String> sites,
      @Option(names = "--tasks", split = ",", description = "Only these task texts.")
          List<String> tasks,
      @Option(names = "--robot-types", split = ",", description = "Only these robot types.")
          List<String> robotTypes,
      @Option(
              names = "--statuses",
              split = ",",
              description = "Admitted verdicts (default ACCEPTED,ACCEPTED_WITH_FLAGS).")
          List<String> statuses,
      @Option(
              names = "--exclude-flags",
              split = ",",
              description = "Drop episodes with these flags.")
          List<String> excludedFlags,
      @Option(names = "--min-quality", description = "Minimum quality score in [0, 1].")
          Double minQuality,
      @Option(names = "--from", description = "Recorded at or after (ISO-8601 instant).")
          Instant from,
      @Option(names = "--before", description = "Recorded before (ISO-8601 instant).")
          Instant before,
      @Option(
              names = "--fps",
              description =
                  "Only episodes recorded at this joint rate (a LeRobot dataset has one fps).")
          Integer fps,
      @Option(
              names = "--resample-fps",
              description =
                  "Export every episode at this fps whatever its joint rate: joints interpolated,"
                      + " videos re-timed. Unlike --fps it converts, it does not filter.")
          Integer resampleFps,
      @Option(
              names = "--cameras",
              split = ",",
              description =
                  "Only episodes with at least these cameras; the export writes just these.")
          List<String> cameras,
      @Option(
              names = "--cap-per-group",
              defaultValue = "" + TrainingSetSpec.DEFAULT_CAP_PER_GROUP,
              description =
                  "At most this many episodes per (scene, task) group (default: ${DEFAULT-VALUE}).")
          int cap) {
    print(
        command.build(
            data.lake(),
            new TrainingSetSpec(
                    name,
                    robotTypes,
                    tasks,
                    sites,
                    from,
                    before,
                    statuses,
                    excludedFlags,
                    minQuality,
                    size,
                    cap)
                .withFormat(fps, cameras)
                .withResampleFps(resampleFps)));
  }

  @Command(name = "show", description = "Prints a saved training set.")
  void show(@Parameters(paramLabel = "NAME") String name) {
    print(command.show(data.lake(), name));
  }

  @Command(
      name = "rebuild",
      description =
          "Re-runs the selection on the pinned snapshot: the same list, whatever arrived since.")
  void rebuild(@Parameters(paramLabel = "NAME") String name) {
    print(command.rebuild(data.lake(), name));
  }

  @Command(name = "list", description = "Lists saved training sets.")
  void list() {
    print(command.list(data.lake()));
  }

  private void print(String text) {
    spec.commandLine().getOut().println(text);
    spec.commandLine().getOut().flush();
  }
}
