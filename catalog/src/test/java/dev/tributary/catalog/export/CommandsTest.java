package dev.tributary.catalog.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.trainingset.TrainingSetCommand;
import dev.tributary.catalog.trainingset.TrainingSetException;
import dev.tributary.catalog.trainingset.TrainingSetSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI entry objects the launcher wires: they open the lake from a LakeConfig themselves. */
class CommandsTest {
  @TempDir Path dir;

  @Test
  void theTrainingSetAndExportCommandsWorkFromALakeConfigAndFailInOneLine() throws Exception {
    try (TestLake lake = TestLake.withCuratedTables(dir.resolve("data"))) {
      new SyntheticCorpus(lake.catalog())
          .append(
              List.of(
                  Episode.accepted("aachen", "pick", 1),
                  Episode.accepted("bologna", "pick", 2),
                  Episode.accepted("bologna", "place", 3)));
      TrainingSetCommand sets = new TrainingSetCommand();

      String built = sets.build(lake.config(), TrainingSetSpec.of("cli-set", 3));
      assertThat(built).startsWith("training set cli-set: 3 of 3 episodes wanted;");
      assertThat(built).contains("  site aachen: 1\n").contains("  group bologna / place: 1\n");
      assertThat(sets.show(lake.config(), "cli-set").lines().count())
          .isEqualTo(built.lines().count() + 3);
      assertThat(sets.rebuild(lake.config(), "cli-set"))
          .endsWith("rebuilt identically: 3 episodes\n");
      assertThat(sets.list(lake.config())).isEqualTo("cli-set\n");

      ByteArrayOutputStream bar = new ByteArrayOutputStream();
      ExportReport report =
          new ExportCommand()
              .run(
                  lake.config(),
                  "cli-set",
                  dir.resolve("out"),
                  ExportCommand.progressBar(new PrintStream(bar, true, StandardCharsets.UTF_8)));
      assertThat(report.episodes()).isEqualTo(3);
      assertThat(report.summary()).startsWith("exported 3 episodes, ");
      assertThat(bar.toString(StandardCharsets.UTF_8))
          .contains("\rframes  [##############################] 100% 3/3")
          .endsWith("commit  [##############################] 100% 1/1\n");

      assertThatThrownBy(
              () ->
                  new ExportCommand()
                      .run(
                          lake.config(), "no-such-set", dir.resolve("out2"), ExportProgress.none()))
          .isInstanceOf(TrainingSetException.class)
          .hasMessageStartingWith("no training set named 'no-such-set'")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      assertThatThrownBy(() -> sets.show(lake.config(), "nope"))
          .hasMessageStartingWith("no training set named 'nope'");
    }
  }
}
