package dev.tributary.recorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.testing.FakeGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderCliTest {
  @TempDir Path dir;
  private FakeGateway gateway;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    gateway = FakeGateway.start();
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private int run(String... args) {
    return RecorderCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void helpListsEveryCommandAndEveryRecordOptionHasADescription() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("enroll", "record", "upload", "status");

    assertThat(run("record", "--help")).isZero();
    String help = out.toString();
    for (String option :
        new String[] {
          "--sim",
          "--site",
          "--gateway",
          "--code",
          "--episodes",
          "--length",
          "--pause",
          "--cameras",
          "--width",
          "--height",
          "--fps",
          "--joint-hz",
          "--seed",
          "--fast",
          "--faults",
          "--spool-quota",
          "--min-free",
          "--concurrency",
          "--progress-every",
          "--spool"
        }) {
      assertThat(help).contains(option);
    }
  }

  @Test
  void enrollStoresTheTokenOwnerOnlyAndRecordThenUploadDeliversEveryEpisode() throws Exception {
    Path spool = dir.resolve("spool");
    String url = gateway.url().toString();
    assertThat(
            run(
                "enroll",
                "--gateway",
                url,
                "--code",
                gateway.issueCode("lisbon"),
                "--spool",
                spool.toString()))
        .isZero();
    assertThat(out.toString()).contains("enrolled site 'lisbon'");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(spool.resolve("site-token"))))
        .isEqualTo("rw-------");

    assertThat(
            run(
                "record",
                "--sim",
                "--site",
                "lisbon",
                "--spool",
                spool.toString(),
                "--episodes",
                "2",
                "--length",
                "2s",
                "--cameras",
                "1",
                "--width",
                "96",
                "--height",
                "64",
                "--fps",
                "10",
                "--fast",
                "--progress-every",
                "200ms"))
        .isZero();
    assertThat(Spool.open(spool, SpoolConfig.defaults()).pendingUploads()).hasSize(2);

    assertThat(
            run(
                "upload",
                "--gateway",
                url,
                "--spool",
                spool.toString(),
                "--progress-every",
                "200ms"))
        .isZero();
    assertThat(out.toString()).containsPattern("sent [0-9.]+ (B|KiB|MiB) at [0-9.]+ (B|KiB|MiB)/s");
    assertThat(gateway.committedEpisodes()).hasSize(2);

    assertThat(run("status", "--spool", spool.toString())).isZero();
    assertThat(out.toString()).contains("ACKNOWLEDGED").contains("2 episode(s)");
    assertThat(Spool.open(spool, SpoolConfig.defaults()).ledgers())
        .allMatch(l -> l.state() == EpisodeState.ACKNOWLEDGED);
  }

  @Test
  void recordWithAGatewayRecordsAndUploadsInOneGo() throws Exception {
    Path spool = dir.resolve("spool");
    assertThat(
            run(
                "record",
                "--sim",
                "--site",
                "porto",
                "--gateway",
                gateway.url().toString(),
                "--code",
                gateway.issueCode("porto"),
                "--spool",
                spool.toString(),
                "--episodes",
                "2",
                "--length",
                "1s",
                "--cameras",
                "1",
                "--width",
                "64",
                "--height",
                "48",
                "--fps",
                "10",
                "--fast",
                "--progress-every",
                "200ms"))
        .isZero();

    assertThat(gateway.committedEpisodes()).hasSize(2);
    assertThat(out.toString()).contains("acknowledged 2");
  }

  @Test
  void aBadOptionOrMissingSourceGetsAOneLineReasonNotAStackTrace() {
    assertThat(run("record", "--site", "x", "--spool", dir.toString())).isNotZero();
    assertThat(err.toString()).contains("--arm", "--sim").doesNotContain("\tat ");

    assertThat(run("record", "--sim", "--site", "x", "--length", "ten seconds")).isNotZero();
    assertThat(err.toString()).contains("is not a duration").doesNotContain("\tat ");

    assertThat(run("record", "--sim", "--site", "x", "--cameras", "7", "--spool", dir.toString()))
        .isEqualTo(1);
    assertThat(err.toString())
        .contains("error: the simulated rig has 0 to 3 cameras")
        .doesNotContain("\tat ");
  }

  @Test
  void enrollingWithAUsedCodeExplainsWhatToDo() {
    String code = gateway.issueCode("oslo");
    assertThat(
            run(
                "enroll",
                "--gateway",
                gateway.url().toString(),
                "--code",
                code,
                "--spool",
                dir.resolve("a").toString()))
        .isZero();

    assertThat(
            run(
                "enroll",
                "--gateway",
                gateway.url().toString(),
                "--code",
                code,
                "--spool",
                dir.resolve("b").toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("codes are single use");
  }

  @Test
  void importOfAFolderThatIsNotADatasetSaysWhyInOneLine() {
    assertThat(
            run(
                "import",
                dir.toString(),
                "--site",
                "x",
                "--spool",
                dir.resolve("spool").toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("is not a LeRobotDataset").doesNotContain("\tat ");
  }

  @Test
  void watchHelpExplainsEveryOption() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("watch");
    assertThat(run("watch", "--help")).isZero();
    String help = out.toString();
    for (String option :
        new String[] {
          "--site",
          "--rig",
          "--interval",
          "--quiet",
          "--once",
          "--gateway",
          "--code",
          "--concurrency",
          "--max-upload-rate",
          "--progress-every",
          "--spool"
        }) {
      assertThat(help).contains(option);
    }
    assertThat(help).contains("footer").contains("restart");
  }

  @Test
  void watchOnceImportsAV3DatasetWithVideosAndUploadsItThenARerunSendsNothing() throws Exception {
    Path spool = dir.resolve("spool");
    var dataset =
        new dev.tributary.recorder.lerobot.DatasetFixture(
                dir.resolve("rec"), "v3.0", java.util.List.of("observation.images.top"), 30, 40)
            .writeAll();
    String[] args = {
      "watch",
      dataset.root.toString(),
      "--site",
      "lisbon",
      "--spool",
      spool.toString(),
      "--gateway",
      gateway.url().toString(),
      "--code",
      gateway.issueCode("lisbon"),
      "--quiet",
      "0s",
      "--once",
      "--progress-every",
      "200ms"
    };
    assertThat(run(args)).isZero();
    assertThat(out.toString())
        .contains("imported episode 0")
        .contains("imported episode 1")
        .contains("observation.images.top: cut (stream copy)")
        .contains("episodes done 2");
    assertThat(gateway.committedEpisodes()).hasSize(2);

    assertThat(run(args)).isZero();
    assertThat(gateway.committedEpisodes()).hasSize(2);
    assertThat(Spool.open(spool, SpoolConfig.defaults()).ledgers()).hasSize(2);
  }

  @Test
  void importOfAV21DatasetWithVideosReportsEachEpisode() throws Exception {
    var dataset =
        new dev.tributary.recorder.lerobot.DatasetFixture(
                dir.resolve("v21"), "v2.1", java.util.List.of("observation.images.top"), 30)
            .writeAll();
    assertThat(
            run(
                "import",
                dataset.root.toString(),
                "--site",
                "x",
                "--spool",
                dir.resolve("spool").toString()))
        .isZero();
    assertThat(out.toString())
        .contains("imported episode 0")
        .contains("observation.images.top: copied")
        .contains("1 imported, 0 already spooled, 0 failed");
  }
}
