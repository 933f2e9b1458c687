package dev.tributary.recorder.arm;

import dev.tributary.recorder.camera.CameraRig;
import dev.tributary.recorder.camera.CameraTake;
import dev.tributary.recorder.camera.SyncMeasure;
import dev.tributary.recorder.spool.EpisodeWriter;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolFullException;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.TimestampSource;
import dev.tributary.schema.VideoSegment;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
 * Config#silenceLimit}, ends the episode, keeping every sample recorded so far. The rig's cameras
 * ({@link CameraRig}) record the same window on the same clock; each video gets its measured
 * camera-to-joint sync error, and a camera that stops delivering ends the episode the same way.
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
    BUS_FAILED,
    /** A camera stopped delivering frames: what was recorded so far is kept. */
    CAMERA_FAILED
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
      long lastCaptureNanos,
      List<VideoSegment> videos) {}

  /**
   * A recorded episode not yet committed: {@link #keep()} commits it (the uploader takes it from
   * there), {@link #discard()} deletes it. Until then a crash leaves it to the spool's salvage.
   */
  public final class Take {
    private final EpisodeWriter writer;
    private final Outcome outcome;

    private Take(EpisodeWriter writer, Outcome outcome) {
      this.writer = writer;
      this.outcome = outcome;
    }

    /** What was recorded (the id is null when nothing was). */
    public Outcome outcome() {
      return outcome;
    }

    /** Commits the episode; one with no sample is discarded instead (nothing to keep). */
    public Outcome keep() throws IOException {
      if (outcome.samples() == 0) {
        writer.discard();
        return new Outcome(
            null,
            0,
            outcome.end(),
            outcome.message() + " (nothing recorded, nothing kept)",
            outcome.retriedTransactions(),
            outcome.droppedSamples(),
            -1,
            -1,
            List.of());
      }
      writer.finish();
      if (outcome.end() == End.BUS_FAILED || outcome.end() == End.CAMERA_FAILED) {
        log.accept(
            "episode "
                + outcome.episodeId()
                + ": "
                + outcome.message()
                + "; its "
                + outcome.samples()
                + " samples are kept");
      }
      return outcome;
    }

    /** Deletes the episode from the spool (re-record, discard). */
    public void discard() throws IOException {
      writer.discard();
    }
  }

  private final Config config;
  private final So101Arm follower;
  private final So101Arm leader;
  private final CameraRig cameras;
  private final Consumer<String> log;

  public ArmRecorder(Config config, So101Arm follower, So101Arm leader, Consumer<String> log) {
    this(config, follower, leader, CameraRig.none(), log);
  }

  public ArmRecorder(
      Config config, So101Arm follower, So101Arm leader, CameraRig cameras, Consumer<String> log) {
    this.config = config;
    this.follower = follower;
    this.leader = leader;
    this.cameras = cameras;
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
        .setCameras(cameras.specs())
        .setTask(config.task())
        .setRecorderVersion(RECORDER_VERSION)
        .setStartedAtMicros(startedAtMicros)
        .setTimestampSource(TimestampSource.CAPTURE)
        .setJointRateHz(config.hz())
        .setSource("rig")
        .build();
  }

  /**
   * Records one episode and commits it; returns when its length is reached, {@code stop} turns
   * true, the bus fails or a camera does.
   */
  public Outcome record(Spool spool, BooleanSupplier stop) throws IOException, SpoolFullException {
    return take(spool, stop).keep();
  }

  /**
   * Records one episode into the spool without committing it: the caller keeps or discards the
   * {@link Take}. Joint samples and camera frames carry their capture times from one clock.
   */
  public Take take(Spool spool, BooleanSupplier stop) throws IOException, SpoolFullException {
    int joints = So101Arm.MOTORS.size();
    long startMono = System.nanoTime();
    Instant startWall = Instant.now();
    long startWallMicros = startWall.getEpochSecond() * 1_000_000 + startWall.getNano() / 1000;
    String episodeId = UUID.randomUUID().toString();
    EpisodeWriter writer = spool.startEpisode(manifest(episodeId, startWallMicros));
    try {
      cameras.begin(writer::partialVideoFile, startMono);
    } catch (IOException | RuntimeException e) {
      writer.discard();
      throw e;
    }
    ChunkBuffer chunk = new ChunkBuffer(episodeId, joints, leader != null);
    long period = 1_000_000_000L / config.hz();
    long lengthNanos = config.length().toNanos();
    long silenceNanos = config.silenceLimit().toNanos();
    long lastGoodMono = startMono;
    long[] sampleTimes = new long[(int) Math.min(1 << 16, lengthNanos / period + 2)];
    int samples = 0;
    int retried = 0;
    int dropped = 0;
    End end = End.COMPLETE;
    String message = "recorded " + config.length().toSeconds() + " s";
    long endMono = startMono + lengthNanos;
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
          endMono = System.nanoTime();
          break;
        }
        Optional<String> cameraFailure = cameras.failure();
        if (cameraFailure.isPresent()) {
          end = End.CAMERA_FAILED;
          message = cameraFailure.get() + ": ending the episode";
          endMono = System.nanoTime();
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
            endMono = after;
            break;
          }
          continue;
        }
        long capture = before + (after - before) / 2;
        lastGoodMono = capture;
        if (samples == sampleTimes.length) {
          sampleTimes = Arrays.copyOf(sampleTimes, samples * 2);
        }
        sampleTimes[samples] = capture;
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
      endMono = System.nanoTime();
    } catch (IOException | RuntimeException e) {
      cameras.abort();
      throw e;
    }
    if (chunk.size() > 0) {
      writer.appendChunk(chunk.drain());
    }
    long[] sampled = Arrays.copyOf(sampleTimes, samples);
    List<VideoSegment> videos =
        samples == 0
            ? abortCameras()
            : addVideos(writer, sampled, startMono, startWallMicros, endMono);
    return new Take(
        writer,
        new Outcome(
            samples == 0 ? null : episodeId,
            samples,
            end,
            message,
            retried,
            dropped,
            samples == 0 ? -1 : sampled[0],
            samples == 0 ? -1 : sampled[samples - 1],
            videos));
  }

  private List<VideoSegment> abortCameras() {
    cameras.abort();
    return List.of();
  }

  /**
   * Finishes every camera's video at {@code endMono} and adds it to the episode with its first
   * frame's capture time and its measured sync error; a camera without frames leaves the manifest.
   */
  private List<VideoSegment> addVideos(
      EpisodeWriter writer, long[] sampleTimes, long startMono, long startWallMicros, long endMono)
      throws IOException {
    List<VideoSegment> videos = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    for (CameraTake take : cameras.end(endMono)) {
      if (take.frames() == 0) {
        empty.add(take.source().key());
        continue;
      }
      long[] t = take.captureNanos();
      videos.add(
          writer.addVideo(
              take.source().key(),
              take.frames(),
              startWallMicros + (t[0] - startMono) / 1000,
              startWallMicros + (t[t.length - 1] - startMono) / 1000,
              t[0],
              SyncMeasure.of(t, sampleTimes)));
    }
    if (!empty.isEmpty()) {
      EpisodeManifest m = writer.manifest();
      writer.replaceManifest(
          EpisodeManifest.newBuilder(m)
              .setCameras(m.getCameras().stream().filter(c -> !empty.contains(c.getKey())).toList())
              .build());
      log.accept("episode " + writer.episodeId() + ": no frame from " + empty + ", left out");
    }
    return videos;
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
