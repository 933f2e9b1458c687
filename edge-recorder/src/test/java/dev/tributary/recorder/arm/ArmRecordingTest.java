package dev.tributary.recorder.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.spool.SpooledEpisode;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.TimestampSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native arm recording against emulated Feetech buses on socat pseudo-terminals. */
public class ArmRecordingTest {
  /** A real SO-101 follower's calibration (ids 1-6), as lerobot-calibrate writes it. */
  public static final String FOLLOWER_CALIBRATION =
      """
      {"shoulder_pan": {"id": 1, "drive_mode": 0, "homing_offset": -1470, "range_min": 758, "range_max": 3292},
       "shoulder_lift": {"id": 2, "drive_mode": 0, "homing_offset": 157, "range_min": 612, "range_max": 3389},
       "elbow_flex": {"id": 3, "drive_mode": 0, "homing_offset": 1105, "range_min": 875, "range_max": 3087},
       "wrist_flex": {"id": 4, "drive_mode": 0, "homing_offset": -1366, "range_min": 829, "range_max": 3192},
       "wrist_roll": {"id": 5, "drive_mode": 0, "homing_offset": -1455, "range_min": 0, "range_max": 4095},
       "gripper": {"id": 6, "drive_mode": 0, "homing_offset": 1447, "range_min": 2035, "range_max": 3467}}
      """;

  public static final String LEADER_CALIBRATION =
      FOLLOWER_CALIBRATION.replace(
          "\"drive_mode\": 0, \"homing_offset\": 157", "\"drive_mode\": 1, \"homing_offset\": 157");

  /** Positions sweeping inside and (for clamping) beyond each motor's range. */
  public static final IntBinaryOperator FOLLOWER =
      (id, n) -> 2048 + (int) Math.round(1300 * Math.sin(n * 0.07 + id));

  public static final IntBinaryOperator LEADER = (id, n) -> FOLLOWER.applyAsInt(id, n) + 17;

  @TempDir Path dir;
  private final List<FeetechBusEmulator> emulators = new ArrayList<>();
  private final List<FeetechBus> buses = new ArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private ArmCalibration followerCalibration;
  private ArmCalibration leaderCalibration;

  @BeforeEach
  void needsSocat() throws IOException {
    assumeThat(FeetechBusEmulator.socatAvailable())
        .as(
            "socat is not installed, so the Feetech bus emulator cannot make pseudo-terminals:"
                + " skipping (apt-get install socat; ./run-tests installs it)")
        .isTrue();
    followerCalibration = ArmCalibration.load(write("follower.json", FOLLOWER_CALIBRATION));
    leaderCalibration = ArmCalibration.load(write("leader.json", LEADER_CALIBRATION));
  }

  @AfterEach
  void close() throws IOException {
    buses.forEach(FeetechBus::close);
    for (FeetechBusEmulator emulator : emulators) {
      emulator.close();
    }
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private FeetechBusEmulator emulator(
      String name, IntBinaryOperator script, ArmCalibration calibration) throws Exception {
    Map<Integer, Integer> offsets = new java.util.HashMap<>();
    calibration.motors().values().forEach(m -> offsets.put(m.id(), m.homingOffset()));
    FeetechBusEmulator emulator = FeetechBusEmulator.start(dir, name, script, offsets);
    emulators.add(emulator);
    return emulator;
  }

  private So101Arm arm(String role, FeetechBusEmulator emulator, ArmCalibration calibration)
      throws IOException {
    FeetechBus bus = FeetechBus.open(emulator.hostPort(), 35);
    buses.add(bus);
    return new So101Arm(role, bus, calibration);
  }

  private ArmRecorder recorder(So101Arm follower, So101Arm leader, Duration length) {
    return new ArmRecorder(
        new ArmRecorder.Config(
            "lisbon", "so101-a", "pick the cube", 30, length, Duration.ofMillis(500)),
        follower,
        leader,
        log::add);
  }

  /**
   * The follower's calibration as lerobot-calibrate writes it, loaded from a file in {@code dir}.
   */
  public static ArmCalibration followerCalibration(Path dir) throws IOException {
    return ArmCalibration.load(
        Files.writeString(dir.resolve("follower-cal.json"), FOLLOWER_CALIBRATION));
  }

  /**
   * Follows the emulator's script joint by joint over a whole session: each recorded value must be
   * the script's value at the joint's next answered read or a few after it (on a loaded machine an
   * answer can arrive after the recorder's timeout: the emulator counted it, the recorder read
   * again), never an invented or repeated value.
   */
  public static final class ScriptCursor {
    private final ArmCalibration calibration;
    private final IntBinaryOperator script;
    private final int[] next = new int[6];

    public ScriptCursor(ArmCalibration calibration, IntBinaryOperator script) {
      this.calibration = calibration;
      this.script = script;
    }

    public void assertNext(int joint, float value, String what) throws IOException {
      for (int m = next[joint]; m < next[joint] + 8; m++) {
        if (expected(calibration, joint, script, m) == value) {
          next[joint] = m + 1;
          return;
        }
      }
      throw new AssertionError(
          what
              + ": "
              + value
              + " is not the script's value of joint "
              + joint
              + " at read "
              + next[joint]
              + " ("
              + expected(calibration, joint, script, next[joint])
              + ") or the 7 after it");
    }
  }

  public static float expected(
      ArmCalibration calibration, int joint, IntBinaryOperator script, int sample)
      throws IOException {
    ArmCalibration.Motor motor = calibration.motor(So101Arm.MOTORS.get(joint));
    return ArmCalibration.normalize(
        motor, So101Arm.normMode(joint), script.applyAsInt(motor.id(), sample));
  }

  /**
   * How far ahead of {@code sample} the script that produced {@code value} is: the smallest lead
   * from {@code ahead} up to {@code maxAhead} whose scripted value matches (else {@code ahead}, and
   * the caller's assertion fails).
   */
  private static int scriptIndex(
      ArmCalibration calibration,
      int joint,
      IntBinaryOperator script,
      int sample,
      int ahead,
      int maxAhead,
      float value)
      throws IOException {
    for (int lead = ahead; lead <= maxAhead; lead++) {
      if (expected(calibration, joint, script, sample + lead) == value) {
        return lead;
      }
    }
    return ahead;
  }

  @Test
  void recordsTheScriptedPositionsAfterCalibrationWithRealCaptureTimesThroughTransientFaults()
      throws Exception {
    FeetechBusEmulator followerBus = emulator("follower", FOLLOWER, followerCalibration);
    FeetechBusEmulator leaderBus = emulator("leader", LEADER, leaderCalibration);
    followerBus.fault(3, 10, FeetechBusEmulator.Fault.TIMEOUT);
    followerBus.fault(5, 20, FeetechBusEmulator.Fault.CHECKSUM);
    leaderBus.fault(6, 30, FeetechBusEmulator.Fault.CHECKSUM);
    So101Arm follower = arm("follower", followerBus, followerCalibration);
    So101Arm leader = arm("leader", leaderBus, leaderCalibration);
    follower.verify();
    leader.verify();
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());

    ArmRecorder.Outcome outcome =
        recorder(follower, leader, Duration.ofSeconds(2)).record(spool, () -> false);

    assertThat(outcome.end()).isEqualTo(ArmRecorder.End.COMPLETE);
    // The 3 injected faults; a loaded machine may time out other transactions now and then (CI saw
    // 9 with a load average near 20), never most of them.
    assertThat(outcome.retriedTransactions())
        .isGreaterThanOrEqualTo(3)
        .isLessThan(Math.max(8, outcome.samples() / 2));
    assertThat(outcome.droppedSamples()).isZero();
    // One SYNC_READ per sample and arm (plus the checks before recording and the re-reads of the 3
    // faulted servos), not one READ per servo.
    assertThat(followerBus.transactions()).isBetween(outcome.samples(), outcome.samples() + 25);
    // 60 ticks; a tick is skipped only when a (shared, loaded) machine stalls the loop > 66 ms.
    assertThat(outcome.samples()).isBetween(30, 60);
    SpooledEpisode episode = spool.read(outcome.episodeId());
    assertThat(episode.manifest().getTimestampSource()).isEqualTo(TimestampSource.CAPTURE);
    assertThat(episode.manifest().getSource()).isEqualTo("rig");
    assertThat(episode.manifest().getJoints().get(0).getName()).isEqualTo("shoulder_pan.pos");
    assertThat(episode.manifest().getJoints().get(5).getUnit()).isEqualTo("range_0_100");
    assertThat(episode.commit().getSampleCount()).isEqualTo(outcome.samples());
    List<Long> mono = new ArrayList<>();
    int sample = 0;
    // A reply that arrives after the recorder's timeout (a stall of a loaded machine, not one of
    // the
    // injected faults) was answered by the emulator, so its script moved on: the retry reads the
    // next position, as a real servo would. Each joint's script may therefore run ahead of the
    // sample count by at most the transactions retried beyond the injected ones, never behind.
    int lateAnswers = outcome.retriedTransactions() - 3;
    int[] stateAhead = new int[6];
    int[] actionAhead = new int[6];
    for (JointChunk chunk : episode.chunks()) {
      mono.addAll(chunk.getCaptureMonoNanos());
      for (int i = 0; i < chunk.getCaptureMonoNanos().size(); i++, sample++) {
        for (int j = 0; j < 6; j++) {
          float state = chunk.getState().get(j).get(i);
          stateAhead[j] =
              scriptIndex(
                  followerCalibration, j, FOLLOWER, sample, stateAhead[j], lateAnswers, state);
          assertThat(state)
              .as("state of joint %d at sample %d", j, sample)
              .isEqualTo(expected(followerCalibration, j, FOLLOWER, sample + stateAhead[j]));
          float action = chunk.getAction().get(j).get(i);
          actionAhead[j] =
              scriptIndex(
                  leaderCalibration, j, LEADER, sample, actionAhead[j], lateAnswers, action);
          assertThat(action)
              .as("action of joint %d at sample %d", j, sample)
              .isEqualTo(expected(leaderCalibration, j, LEADER, sample + actionAhead[j]));
        }
      }
    }
    // Real capture times: strictly increasing on the monotonic clock, ~33 ms apart, each its own.
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < mono.size(); i++) {
      gaps.add(mono.get(i) - mono.get(i - 1));
    }
    assertThat(gaps).allMatch(g -> g > 0);
    List<Long> sorted = gaps.stream().sorted().toList();
    assertThat(sorted.get(sorted.size() / 2)).isBetween(30_000_000L, 45_000_000L);
    assertThat(gaps.stream().distinct().count()).as("not a synthetic k/fps grid").isGreaterThan(3);
    assertThat(outcome.lastCaptureNanos() - outcome.firstCaptureNanos())
        .isBetween(1_850_000_000L, 2_000_000_000L);
    // The leader's drive_mode=1 on shoulder_lift inverts its range_m100_100 value.
    assertThat(expected(leaderCalibration, 1, FOLLOWER, 0))
        .isEqualTo(-expected(followerCalibration, 1, FOLLOWER, 0));
  }

  @Test
  void aMissingServoIsNamedBeforeRecordingStarts() throws Exception {
    FeetechBusEmulator followerBus = emulator("follower", FOLLOWER, followerCalibration);
    followerBus.removeServo(4);
    So101Arm follower = arm("follower", followerBus, followerCalibration);

    assertThatThrownBy(follower::verify)
        .hasMessageContaining("follower arm on " + followerBus.hostPort())
        .hasMessageContaining("servo 4 (wrist_flex) does not answer")
        .hasMessageContaining("cable");
  }

  @Test
  void aLateAnswerOfAnEarlierTransactionIsReadAgainNotFatal() throws Exception {
    FeetechBusEmulator followerBus = emulator("late", FOLLOWER, followerCalibration);
    followerBus.staleBeforeHomingOffset(1);
    So101Arm follower = arm("follower", followerBus, followerCalibration);

    follower.verify(); // threw "servo 1 on ...: malformed answer" before the homing offset's retry
  }

  @Test
  void aServoHoldingAnotherHomingOffsetThanTheCalibrationFileIsRefused() throws Exception {
    FeetechBusEmulator followerBus =
        FeetechBusEmulator.start(dir, "other", FOLLOWER, Map.of(1, 5, 2, 157));
    emulators.add(followerBus);
    So101Arm follower = arm("follower", followerBus, followerCalibration);

    assertThatThrownBy(follower::verify)
        .hasMessageContaining("servo 1 (shoulder_pan) holds homing offset 5")
        .hasMessageContaining("says -1470")
        .hasMessageContaining("lerobot-calibrate");
  }

  @Test
  void anArmUnpluggedMidEpisodeEndsItKeepingWhatWasRecorded() throws Exception {
    FeetechBusEmulator followerBus = emulator("follower", FOLLOWER, followerCalibration);
    So101Arm follower = arm("follower", followerBus, followerCalibration);
    follower.verify();
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());

    CompletableFuture<ArmRecorder.Outcome> recording =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return recorder(follower, null, Duration.ofSeconds(30)).record(spool, () -> false);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> followerBus.positionAnswers(6) >= 45);
    followerBus.unplug();
    ArmRecorder.Outcome outcome = recording.get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(outcome.end()).isEqualTo(ArmRecorder.End.BUS_FAILED);
    assertThat(outcome.message()).containsAnyOf("unplugged", "no complete reading");
    assertThat(outcome.samples()).isBetween(45, 60);
    assertThat(spool.ledger(outcome.episodeId()).state()).isEqualTo(EpisodeState.SPOOLED);
    SpooledEpisode episode = spool.read(outcome.episodeId());
    assertThat(episode.commit().getSampleCount()).isEqualTo(outcome.samples());
    assertThat(episode.chunks().get(0).getState().get(0).get(0))
        .isEqualTo(expected(followerCalibration, 0, FOLLOWER, 0));
    assertThat(log)
        .anyMatch(line -> line.contains(outcome.episodeId()) && line.contains("samples are kept"));
  }

  @Test
  void aStopThatClosesThePortUnderTheRecorderIsAStopNotAnUnplug() throws Exception {
    FeetechBusEmulator followerBus = emulator("follower", FOLLOWER, followerCalibration);
    So101Arm follower = arm("follower", followerBus, followerCalibration);
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    CompletableFuture<ArmRecorder.Outcome> recording =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return recorder(follower, null, Duration.ofSeconds(30)).record(spool, stop::get);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> followerBus.positionAnswers(6) >= 15);
    stop.set(true);
    follower.bus().close(); // what jSerialComm's shutdown hook does on Ctrl-C
    ArmRecorder.Outcome outcome = recording.get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(outcome.end()).isEqualTo(ArmRecorder.End.STOPPED);
    assertThat(outcome.message()).isEqualTo("stopped");
    assertThat(spool.read(outcome.episodeId()).commit().getSampleCount())
        .isEqualTo(outcome.samples());
  }

  @Test
  void aServoThatFallsSilentMidEpisodeEndsItAfterTheSilenceLimit() throws Exception {
    FeetechBusEmulator followerBus = emulator("follower", FOLLOWER, followerCalibration);
    So101Arm follower = arm("follower", followerBus, followerCalibration);
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());
    CompletableFuture<ArmRecorder.Outcome> recording =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return recorder(follower, null, Duration.ofSeconds(30)).record(spool, () -> false);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> followerBus.positionAnswers(6) >= 15);
    followerBus.removeServo(2);
    ArmRecorder.Outcome outcome = recording.get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(outcome.end()).isEqualTo(ArmRecorder.End.BUS_FAILED);
    assertThat(outcome.message()).contains("servo 2", "no answer", "ending the episode");
    assertThat(outcome.droppedSamples()).isPositive();
    assertThat(outcome.samples()).isBetween(15, 40);
    assertThat(spool.read(outcome.episodeId()).commit().getSampleCount())
        .isEqualTo(outcome.samples());
  }
}
