package dev.tributary.recorder.arm;

import dev.tributary.recorder.spool.EpisodeWriter;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolFullException;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.TimestampSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Records episodes from a follower arm (state) and, when present, a leader arm (action) into the
 * spool at a fixed rate. Every sample carries its own capture time from one monotonic clock ({@code
 * System.nanoTime()}, the midpoint of the follower's SYNC_READ); wall-clock times are that clock
 * anchored once per episode, so they never jump. A transaction that times out or arrives corrupt is
 * retried within the sample; a sample whose servos stay silent is dropped (a gap in the capture
 * times, never an invented value); an arm that is unplugged, or silent for {@link
 * Config#silenceLimit}, ends the episode, keeping every sample recorded so far.
 */
public final class ArmRecorder {
  public static final String RECORDER_VERSION = "tributary-recorder/0.1.0 (arm)";
  static final int ATTEMPTS = 3;

  /** What to record. */
  public record Config(
      String siteId, String rigId, String task, int hz, Duration length, Duration silenceLimit) {
    public Config {
      if (hz < 1 || hz > 200) {
        throw new IllegalArgumentException("joint rate " + hz + " Hz: use 1-200");
      }
    }
  }

  /** How an episode ended. */
  public enum End {
    /** Its length was reached. */
    COMPLETE,
    /** Stopped by the user (Ctrl-C or stop). */
    STOPPED,
    /** The bus failed (unplugged, silent): the samples recorded so far are kept. */
    BUS_FAILED
  }

  /** One recorded episode: its id (null when nothing was recorded), samples and faults. */
  public record Outcome(
      String episodeId,
      int samples,
      End end,
      String message,
      int retriedTransactions,
      int droppedSamples,
      long firstCaptureNanos,
      long lastCaptureNanos) {}

  private final Config config;
  private final So101Arm follower;
  private final So101Arm leader;
  private final Consumer<String> log;

  public ArmRecorder(Config config, So101Arm follower, So101Arm leader, Consumer<String> log) {
    this.config = config;
    this.follower = follower;
    this.leader = leader;
    this.log = log;
  }

  /** The manifest of a new episode recorded from these arms. */
  EpisodeManifest manifest(String episodeId, long startedAtMicros) {
    return EpisodeManifest.newBuilder()
        .setEpisodeId(episodeId)
        .setSiteId(config.siteId())
        .setRigId(config.rigId())
        .setRobotType("so101_follower")
        .setJoints(So101Arm.jointSpecs())
        .setCameras(List.of())
        .setTask(config.task())
        .setRecorderVersion(RECORDER_VERSION)
        .setStartedAtMicros(startedAtMicros)
        .setTimestampSource(TimestampSource.CAPTURE)
        .setJointRateHz(config.hz())
        .setSource("rig")
        .build();
  }

  /**
   * Records one episode; returns when its length is reached, {@code stop} turns true or the bus
   * fails.
   */
  public Outcome record(Spool spool, BooleanSupplier stop) throws IOException, SpoolFullException {
    int joints = So101Arm.MOTORS.size();
    long startMono = System.nanoTime();
    Instant startWall = Instant.now();
    long startWallMicros = startWall.getEpochSecond() * 1_000_000 + startWall.getNano() / 1000;
    String episodeId = UUID.randomUUID().toString();
    EpisodeWriter writer = spool.startEpisode(manifest(episodeId, startWallMicros));
    ChunkBuffer chunk = new ChunkBuffer(episodeId, joints, leader != null);
    long period = 1_000_000_000L / config.hz();
    long lengthNanos = config.length().toNanos();
    long silenceNanos = config.silenceLimit().toNanos();
    long lastGoodMono = startMono;
    int samples = 0;
    int retried = 0;
    int dropped = 0;
    long first = -1;
    long last = -1;
    End end = End.COMPLETE;
    String message = "recorded " + config.length().toSeconds() + " s";
    float[] state = new float[joints];
    float[] action = new float[joints];
    try {
      for (long tick = 0; ; tick++) {
        long due = startMono + tick * 1_000_000_000L / config.hz(); // exact grid: no drift
        if (due - startMono >= lengthNanos) {
          break;
        }
        if (stop.getAsBoolean()) {
          end = End.STOPPED;
          message = "stopped";
          break;
        }
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        } else if (-wait > 2 * period) {
          // Fell behind by more than two periods (a stall): skip those ticks rather than reading
          // in a burst; the capture times show the gap.
          continue;
        }
        long before = System.nanoTime();
        Reading reading = read(follower, state);
        long after = System.nanoTime();
        retried += reading.retries;
        if (reading.ok && leader != null) {
          Reading lead = read(leader, action);
          retried += lead.retries;
          if (!lead.ok) {
            reading = lead;
          }
        }
        if (!reading.ok) {
          dropped++;
          if (after - lastGoodMono > silenceNanos) {
            end = End.BUS_FAILED;
            message =
                reading.fault.getMessage()
                    + "; no complete reading for "
                    + (after - lastGoodMono) / 1_000_000
                    + " ms: ending the episode";
            break;
          }
          continue;
        }
        long capture = before + (after - before) / 2;
        lastGoodMono = capture;
        if (first < 0) {
          first = capture;
        }
        last = capture;
        chunk.add(capture, startWallMicros + (capture - startMono) / 1000, state, action);
        samples++;
        if (chunk.size() == config.hz()) {
          writer.appendChunk(chunk.drain());
        }
      }
    } catch (BusFault unplugged) {
      // On Ctrl-C, jSerialComm's own shutdown hook closes the port under us: that is a stop.
      end = stop.getAsBoolean() ? End.STOPPED : End.BUS_FAILED;
      message = end == End.STOPPED ? "stopped" : unplugged.getMessage() + ": ending the episode";
    }
    if (chunk.size() > 0) {
      writer.appendChunk(chunk.drain());
    }
    if (samples == 0) {
      writer.discard();
      return new Outcome(
          null, 0, end, message + " (nothing recorded, nothing kept)", retried, dropped, -1, -1);
    }
    writer.finish();
    if (end == End.BUS_FAILED) {
      log.accept(
          "episode " + episodeId + ": " + message + "; its " + samples + " samples are kept");
    }
    return new Outcome(episodeId, samples, end, message, retried, dropped, first, last);
  }

  private record Reading(boolean ok, int retries, BusFault fault) {}

  /**
   * Reads all joints of one arm with one SYNC_READ; a joint it missed (timeout, corrupt answer) is
   * read on its own, retried; an unplugged port is thrown.
   */
  private Reading read(So101Arm arm, float[] into) throws BusFault {
    int retries = 0;
    boolean[] answered = arm.readAll(into);
    for (int joint = 0; joint < into.length; joint++) {
      if (answered[joint]) {
        continue;
      }
      BusFault lastFault = null;
      boolean ok = false;
      for (int attempt = 0; attempt < ATTEMPTS && !ok; attempt++) {
        retries++; // every transaction beyond the SYNC_READ counts as a retry
        try {
          into[joint] = arm.read(joint);
          ok = true;
        } catch (BusFault fault) {
          if (fault.kind() == BusFault.Kind.UNPLUGGED) {
            throw fault;
          }
          lastFault = fault;
        }
      }
      if (!ok) {
        return new Reading(false, retries, lastFault);
      }
    }
    return new Reading(true, retries, null);
  }

  /** Up to one chunk of samples, in columns. */
  private static final class ChunkBuffer {
    private final String episodeId;
    private final int joints;
    private final boolean withAction;
    private int sequence;
    private int firstSampleIndex;
    private List<Long> mono = new ArrayList<>();
    private List<Long> wall = new ArrayList<>();
    private List<List<Float>> state;
    private List<List<Float>> action;

    ChunkBuffer(String episodeId, int joints, boolean withAction) {
      this.episodeId = episodeId;
      this.joints = joints;
      this.withAction = withAction;
      reset();
    }

    private void reset() {
      mono = new ArrayList<>();
      wall = new ArrayList<>();
      state = new ArrayList<>();
      action = new ArrayList<>();
      for (int j = 0; j < joints; j++) {
        state.add(new ArrayList<>());
        if (withAction) {
          action.add(new ArrayList<>());
        }
      }
    }

    int size() {
      return mono.size();
    }

    void add(long monoNanos, long wallMicros, float[] s, float[] a) {
      mono.add(monoNanos);
      wall.add(wallMicros);
      for (int j = 0; j < joints; j++) {
        state.get(j).add(s[j]);
        if (withAction) {
          action.get(j).add(a[j]);
        }
      }
    }

    JointChunk drain() {
      JointChunk chunk =
          JointChunk.newBuilder()
              .setEpisodeId(episodeId)
              .setSequence(sequence)
              .setFirstSampleIndex(firstSampleIndex)
              .setCaptureMonoNanos(mono)
              .setCaptureWallMicros(wall)
              .setState(state)
              .setAction(action)
              .build();
      sequence++;
      firstSampleIndex += mono.size();
      reset();
      return chunk;
    }
  }
}
