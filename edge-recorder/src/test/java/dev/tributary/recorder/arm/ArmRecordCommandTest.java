package dev.tributary.recorder.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tributary.recorder.cli.RecorderCli;
import dev.tributary.recorder.testing.FakeGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code record --arm} and {@code doctor} on emulated arms, configured by a config file only. */
public class ArmRecordCommandTest {
  @TempDir Path dir;

  /** Writes LeRobot's calibration layout and a config file naming the emulated ports. */
  public static Path configure(Path dir, String followerPort, String leaderPort, String gateway)
      throws Exception {
    Path calibration = dir.resolve("calibration");
    Files.createDirectories(calibration.resolve("robots/so101_follower"));
    Files.createDirectories(calibration.resolve("teleoperators/so101_leader"));
    Files.writeString(
        calibration.resolve("robots/so101_follower/blue.json"),
        ArmRecordingTest.FOLLOWER_CALIBRATION);
    Files.writeString(
        calibration.resolve("teleoperators/so101_leader/red.json"),
        ArmRecordingTest.LEADER_CALIBRATION);
    return Files.writeString(
        dir.resolve("recorder.properties"),
        String.join(
            "\n",
            "site=lisbon",
            "spool=" + dir.resolve("spool"),
            "gateway=" + gateway,
            "follower-port=" + followerPort,
            "follower-id=blue",
            "leader-port=" + leaderPort,
            "leader-id=red",
            "calibration-dir=" + calibration,
            "record.length=1s",
            "record.episodes=2",
            "task=pick the cube",
            ""));
  }

  /**
   * An emulated follower arm (port prefix "f") answering with the follower calibration's offsets.
   */
  public static FeetechBusEmulator calibratedFollower(Path dir) throws Exception {
    return FeetechBusEmulator.start(
        dir, "f", ArmRecordingTest.FOLLOWER, offsets(ArmRecordingTest.FOLLOWER_CALIBRATION, dir));
  }

  /** An emulated leader arm (port prefix "l") answering with the leader calibration's offsets. */
  public static FeetechBusEmulator calibratedLeader(Path dir) throws Exception {
    return FeetechBusEmulator.start(
        dir, "l", ArmRecordingTest.LEADER, offsets(ArmRecordingTest.LEADER_CALIBRATION, dir));
  }

  public static Map<Integer, Integer> offsets(String json, Path dir) throws Exception {
    Map<Integer, Integer> offsets = new HashMap<>();
    ArmCalibration.load(Files.writeString(dir.resolve("c" + json.hashCode() + ".json"), json))
        .motors()
        .values()
        .forEach(m -> offsets.put(m.id(), m.homingOffset()));
    return offsets;
  }

  @Test
  void recordArmUploadsEpisodesOfTheScriptedPositionsWithNothingButAConfigFile() throws Exception {
    assumeThat(FeetechBusEmulator.socatAvailable()).as("socat not installed: skipping").isTrue();
    try (FeetechBusEmulator follower = calibratedFollower(dir);
        FeetechBusEmulator leader = calibratedLeader(dir);
        FakeGateway gateway = FakeGateway.start()) {
      Path config =
          configure(dir, follower.hostPort(), leader.hostPort(), gateway.url().toString());
      Files.writeString(
          config,
          "code=" + gateway.issueCode("lisbon") + "\n",
          java.nio.file.StandardOpenOption.APPEND);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      int exit =
          RecorderCli.run(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "record",
              "--arm",
              "--config",
              config.toString());

      assertThat(exit).as(out + "\n" + err).isZero();
      assertThat(out.toString()).contains("episode 1:", "episode 2:", "acknowledged 2");
      assertThat(gateway.committedEpisodes()).hasSize(2);
      for (String id : gateway.committedEpisodes()) {
        assertThat(gateway.manifest(id).getTask()).isEqualTo("pick the cube");
        assertThat(gateway.manifest(id).getSource()).isEqualTo("rig");
        assertThat(gateway.commit(id).getSampleCount()).isBetween(15, 30);
      }
      // Both episodes read the emulated servos in turn: 2 × ~30 answered reads of each.
      assertThat(follower.positionAnswers(1)).isBetween(30, 60);

      out.getBuffer().setLength(0);
      int doctor =
          RecorderCli.run(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "doctor",
              "--config",
              config.toString());
      assertThat(out.toString())
          .contains("OK       follower  " + follower.hostPort() + ": servos 1-6 answer")
          .contains("OK       leader    " + leader.hostPort() + ": servos 1-6 answer")
          .contains("OK       cal-foll  ", "so101_follower/blue.json (6 motors)")
          .contains("OK       cal-lead  ", "so101_leader/red.json (6 motors)");
      assertThat(doctor).as(out.toString()).isZero();
    }
  }

  @Test
  void doctorNamesTheServoThatDoesNotAnswer() throws Exception {
    assumeThat(FeetechBusEmulator.socatAvailable()).as("socat not installed: skipping").isTrue();
    try (FeetechBusEmulator follower =
        FeetechBusEmulator.start(dir, "f", ArmRecordingTest.FOLLOWER, Map.of())) {
      follower.removeServo(3);
      StringWriter out = new StringWriter();
      RecorderCli.run(
          new PrintWriter(out, true),
          new PrintWriter(new StringWriter(), true),
          "doctor",
          "--no-arm=false",
          "--follower-port",
          follower.hostPort(),
          "--gateway",
          "http://127.0.0.1:1/",
          "--spool",
          dir.toString());
      assertThat(out.toString())
          .contains(
              "PROBLEM  follower  " + follower.hostPort() + ": servo(s) [3] do not answer",
              "fix: check the cable into servo 3")
          .contains(
              "PROBLEM  cal-foll  no follower-id", "lerobot-calibrate --robot.type=so101_follower");
    }
  }
}
