package dev.tributary.recorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.recorder.site.SiteToken;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.testing.FakeGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file, TRIBUTARY_RECORDER_* variables and {@code doctor}. */
class RecorderSettingsTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, String> env = new HashMap<>();

  private int run(String... args) {
    return RecorderCli.run(new PrintWriter(out, true), new PrintWriter(err, true), env, dir, args);
  }

  private Path config(String text) throws Exception {
    Path file = dir.resolve(".config/tributary/recorder.properties");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void recordTakesSiteAndSpoolFromTheDefaultConfigFileAndTheEnvironmentWins() throws Exception {
    config("site=lisbon\nspool=" + dir.resolve("from-file") + "\nrecord.length=1s\n");

    assertThat(run("record", "--sim", "--fast", "--cameras", "0")).as(err.toString()).isZero();
    Spool fromFile = Spool.open(dir.resolve("from-file"), SpoolConfig.defaults());
    assertThat(fromFile.ledgers()).hasSize(1);
    assertThat(fromFile.read(fromFile.ledgers().get(0).episodeId()).manifest().getSiteId())
        .isEqualTo("lisbon");
    assertThat(fromFile.read(fromFile.ledgers().get(0).episodeId()).commit().getSampleCount())
        .as("record.length=1s at 30 Hz")
        .isEqualTo(30);

    env.put("TRIBUTARY_RECORDER_SPOOL", dir.resolve("from-env").toString());
    assertThat(run("record", "--sim", "--fast", "--cameras", "0")).as(err.toString()).isZero();
    assertThat(Spool.open(dir.resolve("from-env"), SpoolConfig.defaults()).ledgers()).hasSize(1);

    assertThat(
            run(
                "record",
                "--sim",
                "--fast",
                "--cameras",
                "0",
                "--spool",
                dir.resolve("flag").toString()))
        .isZero();
    assertThat(Spool.open(dir.resolve("flag"), SpoolConfig.defaults()).ledgers()).hasSize(1);
  }

  @Test
  void aRequiredSiteCanComeFromTheConfigFile() throws Exception {
    Path file = dir.resolve("elsewhere.properties");
    Files.writeString(file, "site=porto\nspool=" + dir.resolve("s") + "\n");

    run("import", dir.resolve("no-dataset").toString(), "--config", file.toString());

    assertThat(err.toString()).doesNotContain("Missing required option").contains("no-dataset");
  }

  @Test
  void aTypoInTheConfigFileIsNamedInsteadOfSilentlyIgnored() throws Exception {
    config("gatway=http://x/\n");

    assertThat(run("status")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown key(s) [gatway]", "recorder.properties");
  }

  @Test
  void aConfigFileNamedButMissingIsAnError() {
    assertThat(run("status", "--config", dir.resolve("nope.properties").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("nope.properties does not exist", "--config");
  }

  @Test
  void doctorSaysOkForAReachableGatewayAcceptedTokenAndDiskAndNamesWhatToFix() throws Exception {
    try (FakeGateway gateway = FakeGateway.start()) {
      Path spool = dir.resolve("spool");
      config("gateway=" + gateway.url() + "\nspool=" + spool + "\n");

      assertThat(run("doctor", "--no-arm")).isEqualTo(1);
      assertThat(out.toString())
          .contains("OK       gateway   " + gateway.url())
          .contains("PROBLEM  token     no site token in " + spool)
          .contains("fix: enroll once")
          .contains("OK       disk")
          .contains("OK       cameras   none configured")
          .contains("1 problem(s)");

      SiteToken.store(spool, gateway.issueToken("lisbon"));
      out.getBuffer().setLength(0);
      assertThat(run("doctor", "--no-arm")).as(out.toString()).isZero();
      assertThat(out.toString()).contains("OK       token", "all good");

      out.getBuffer().setLength(0);
      assertThat(run("doctor", "--follower-port", dir.resolve("ttyNONE").toString())).isEqualTo(1);
      assertThat(out.toString()).contains("PROBLEM  follower  cannot open serial port");
    }
  }

  @Test
  void doctorNamesAnUnreachableGateway() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertThat(
            run(
                "doctor",
                "--no-arm",
                "--gateway",
                "http://127.0.0.1:" + port + "/",
                "--spool",
                dir.toString()))
        .isEqualTo(1);
    assertThat(out.toString())
        .contains("PROBLEM  gateway   http://127.0.0.1:" + port + "/ is not reachable");
  }
}
