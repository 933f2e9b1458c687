package dev.tributary.recorder.sim;

import dev.tributary.media.H264Mp4Writer;
import dev.tributary.media.YuvImage;
import dev.tributary.recorder.spool.EpisodeWriter;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolFullException;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointSpec;
import dev.tributary.schema.TimestampSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated SO-101 follower with cameras, recording pick-and-place episodes into a spool: joint
 * chunks (state and action, each sample with its own monotonic and wall-clock capture time) and one
 * H.264 MP4 per camera. Joint values and video content are a pure function of (site, seed, episode
 * index). In realtime mode timestamps are the real capture times; otherwise they are nominal times
 * on a fixed timeline starting at {@link #FAST_EPOCH_MICROS}, which makes every spooled byte (and
 * so every upload) of a re-run with the same seed identical.
 */
public final class SimulatedRig {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedRig.class);
  public static final String ROBOT_TYPE = "so101_follower";
  public static final String RECORDER_VERSION = "tributary-edge-recorder/0.1.0";

  /** Start of the nominal timeline of non-realtime recordings: 2026-01-01T00:00:00Z. */
  public static final long FAST_EPOCH_MICROS = 1_767_225_600_000_000L;

  private final SimRigConfig config;
  private final SimFaults faults;
  private final SceneStyle style;
  private final CameraView[] views;

  public SimulatedRig(SimRigConfig config) {
    this(config, SimFaults.none());
  }

  public SimulatedRig(SimRigConfig config, SimFaults faults) {
    this.config = config;
    this.faults = faults;
    this.style = SceneStyle.forSite(config.siteId());
    this.views = CameraView.first(config.cameras());
  }

  /** The faults episode {@code index} of a seed gets (none for most when a fraction is set). */
  public SimFaults faultsOf(long seed, int index) {
    return new FaultPlan(faults, episodeSeed(config.siteId(), seed, index), 1).active
        ? faults
        : SimFaults.none();
  }

  public SceneStyle style() {
    return style;
  }

  /**
   * Name-based UUID of (site, seed, index): re-running a site with a seed re-sends the same ids.
   */
  public static String episodeId(String siteId, long seed, int index) {
    return UUID.nameUUIDFromBytes(
            ("tributary-sim/" + siteId + "/" + seed + "/" + index).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  static long episodeSeed(String siteId, long seed, int index) {
    return SceneStyle.fnv64(siteId) * 31 + seed * 1_000_003L + index;
  }

  public EpisodeManifest manifest(String episodeId, long startedAtMicros) {
    List<JointSpec> joints = new ArrayList<>();
    for (String name : PickAndPlaceMotion.JOINT_NAMES) {
      joints.add(new JointSpec(name, name.startsWith("gripper") ? "percent" : "deg"));
    }
    List<CameraSpec> cameras = new ArrayList<>();
    for (CameraView view : views) {
      cameras.add(
          new CameraSpec(
              view.key(),
              view.role(),
              config.width(),
              config.height(),
              (float) config.videoFps(),
              "h264"));
    }
    return EpisodeManifest.newBuilder()
        .setEpisodeId(episodeId)
        .setSiteId(config.siteId())
        .setRigId(config.rigId())
        .setRobotType(ROBOT_TYPE)
        .setJoints(joints)
        .setCameras(cameras)
        .setTask(style.task())
        .setRecorderVersion(RECORDER_VERSION)
        .setStartedAtMicros(startedAtMicros)
        .setTimestampSource(TimestampSource.CAPTURE)
        .setJointRateHz(config.jointHz())
        .setSource("sim")
        .build();
  }

  /** The motion of episode {@code index} for a seed; deterministic. */
  public PickAndPlaceMotion motion(long seed, int index, Duration length) {
    return new PickAndPlaceMotion(
        style, episodeSeed(config.siteId(), seed, index), length.toNanos() / 1e9);
  }

  /**
   * Records episode {@code index} into the spool and returns its commit. When {@code stop} turns
   * true midway, the unfinished episode is deleted (it is regenerable from the seed) and {@link
   * RecordingStoppedException} is thrown.
   */
  public EpisodeCommit record(
      Spool spool, long seed, int index, Duration length, BooleanSupplier stop)
      throws SpoolFullException, IOException, RecordingStoppedException {
    String episodeId = episodeId(config.siteId(), seed, index);
    double duration = length.toNanos() / 1e9;
    FaultPlan plan = new FaultPlan(faults, episodeSeed(config.siteId(), seed, index), duration);
    PickAndPlaceMotion motion =
        new PickAndPlaceMotion(
            style, episodeSeed(config.siteId(), seed, index), plan.motionDuration());
    long startMono;
    long startWall;
    if (config.realtime()) {
      startMono = System.nanoTime();
      startWall = nowMicros();
    } else {
      // Nominal time: each episode gets its own slot on a fixed timeline, so a re-run with the
      // same seed produces byte-identical events that an idempotent gateway accepts again.
      long slot = (length.toMillis() / 1000 + 2) * 1_000_000L;
      startWall = FAST_EPOCH_MICROS + index * slot;
      startMono = index * slot * 1000;
    }
    EpisodeWriter writer = spool.startEpisode(manifest(episodeId, startWall));
    List<H264Mp4Writer> encoders = new ArrayList<>();
    try {
      List<SceneRenderer> renderers = new ArrayList<>();
      for (CameraView view : views) {
        encoders.add(
            new H264Mp4Writer(
                writer.partialVideoFile(view.key()),
                config.width(),
                config.height(),
                config.videoFps()));
        renderers.add(new SceneRenderer(style, view, config.width(), config.height()));
      }
      EpisodeCommit commit =
          recordInto(
              writer, motion, plan, duration, encoders, renderers, startMono, startWall, stop);
      LOG.info(
          "site {}: recorded episode {} (index {}, {} samples, {} camera(s){})",
          config.siteId(),
          episodeId,
          index,
          commit.getSampleCount(),
          views.length,
          plan.active ? ", injected faults: " + faults : "");
      return commit;
    } catch (RecordingStoppedException | IOException | RuntimeException e) {
      encoders.forEach(H264Mp4Writer::close);
      for (CameraView view : views) {
        Files.deleteIfExists(writer.partialVideoFile(view.key()));
      }
      // A simulated episode is regenerable from its seed: drop the unfinished one entirely.
      writer.discard();
      throw e;
    }
  }

  private EpisodeCommit recordInto(
      EpisodeWriter writer,
      PickAndPlaceMotion motion,
      FaultPlan plan,
      double duration,
      List<H264Mp4Writer> encoders,
      List<SceneRenderer> renderers,
      long startMono,
      long startWall,
      BooleanSupplier stop)
      throws IOException, RecordingStoppedException {
    int samples = Math.max(1, (int) Math.round(duration * config.jointHz()));
    int frames =
        views.length == 0 ? 0 : Math.max(1, (int) Math.round(duration * config.videoFps()));
    int chunkSamples =
        (int) Math.max(1, Math.round(config.chunkDuration().toNanos() / 1e9 * config.jointHz()));
    ChunkBuilder chunk = new ChunkBuilder(writer.episodeId(), chunkSamples);
    YuvImage image = new YuvImage(Math.max(2, config.width()), Math.max(2, config.height()));
    long firstFrameMicros = 0;
    long lastFrameMicros = 0;
    int sample = 0;
    int frame = 0;
    long lastMono = Long.MIN_VALUE;
    long lastSampleMono = Long.MIN_VALUE;
    while (sample < samples || frame < frames) {
      if (stop.getAsBoolean()) {
        throw new RecordingStoppedException(
            "recording of " + writer.episodeId() + " stopped at sample " + sample);
      }
      double sampleT = sample < samples ? (double) sample / config.jointHz() : Double.MAX_VALUE;
      double frameT = frame < frames ? (double) frame / config.videoFps() : Double.MAX_VALUE;
      boolean jointNext = sampleT <= frameT;
      double t = jointNext ? sampleT : frameT;
      long mono;
      long wall;
      if (config.realtime()) {
        waitUntil(startMono + (long) (t * 1e9), stop);
        // Strictly increasing even when a slow machine makes us capture two samples back to back.
        mono = Math.max(System.nanoTime(), lastMono + 1);
        wall = nowMicros();
      } else {
        mono = startMono + (long) (t * 1e9);
        wall = startWall + (long) (t * 1e6);
      }
      lastMono = mono;
      if (jointNext) {
        long jitter = plan.jitterNanos();
        long sampleMono = Math.max(mono + jitter, lastSampleMono + 1);
        lastSampleMono = sampleMono;
        // A real arm is read at the moment of capture: in realtime mode the pose follows the actual
        // capture time, so a late sample looks late (jitter), not like a jump of the arm.
        double captureT =
            config.realtime() ? Math.min(duration, (sampleMono - startMono) / 1e9) : sampleT;
        double motionT = plan.motionTime(captureT);
        chunk.add(
            sampleMono,
            wall + jitter / 1000,
            plan.saturate(motion.state(motionT), sampleT),
            motion.action(motionT));
        sample++;
        if (chunk.size() == chunkSamples || sample == samples) {
          writer.appendChunk(chunk.build());
        }
      } else {
        // The first frame is never dropped: it anchors the video's timeline.
        if (frame == 0 || !plan.dropFrame()) {
          for (int c = 0; c < encoders.size(); c++) {
            renderers.get(c).render(motion, plan.motionTime(plan.renderTime(c, frameT)), image);
            plan.darken(c, image);
            plan.defocus(c, image);
            encoders.get(c).write(image, frame);
          }
          if (firstFrameMicros == 0) {
            firstFrameMicros = wall;
          }
          lastFrameMicros = wall;
        }
        frame++;
      }
    }
    for (int c = 0; c < encoders.size(); c++) {
      int written = encoders.get(c).finish();
      writer.addVideo(views[c].key(), written, firstFrameMicros, lastFrameMicros);
    }
    return config.realtime() ? writer.finish() : writer.finish(startWall + (long) (duration * 1e6));
  }

  private static void waitUntil(long monoDeadline, BooleanSupplier stop) {
    while (true) {
      long remaining = monoDeadline - System.nanoTime();
      if (remaining <= 0 || stop.getAsBoolean()) {
        return;
      }
      LockSupport.parkNanos(Math.min(remaining, 50_000_000L));
    }
  }

  static long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  /** How the configured faults play out in one episode; deterministic from the episode seed. */
  private static final class FaultPlan {
    private static final double IDLE_FRACTION = 0.25;
    private final SimFaults faults;
    private final boolean active;
    private final double duration;
    private final SplittableRandom random;
    private float saturatedValue = Float.NaN;

    FaultPlan(SimFaults faults, long episodeSeed, double duration) {
      this.faults = faults;
      this.duration = duration;
      this.random = new SplittableRandom(episodeSeed ^ 0x5EEDFA17L);
      this.active = faults.any() && random.nextDouble() < faults.episodeFraction();
    }

    double motionDuration() {
      return active && faults.idleStretch() ? duration * (1 - IDLE_FRACTION) : duration;
    }

    /** Maps episode time to motion time: the motion pauses for a quarter of the episode. */
    double motionTime(double t) {
      if (!active || !faults.idleStretch()) {
        return t;
      }
      double from = 0.45 * duration;
      double idle = IDLE_FRACTION * duration;
      return t < from ? t : (t < from + idle ? from : t - idle);
    }

    float[] saturate(float[] state, double t) {
      if (active && faults.jointSaturation() && t >= 0.3 * duration && t < 0.6 * duration) {
        if (Float.isNaN(saturatedValue)) {
          saturatedValue = state[2];
        }
        state[2] = saturatedValue;
      }
      return state;
    }

    long jitterNanos() {
      if (!active || faults.timestampJitter().isZero()) {
        return 0;
      }
      return Math.round(random.nextGaussian() * faults.timestampJitter().toNanos());
    }

    boolean dropFrame() {
      return active && faults.frameDropRate() > 0 && random.nextDouble() < faults.frameDropRate();
    }

    double renderTime(int camera, double t) {
      return active && faults.frozenCamera() && camera == 0 ? Math.min(t, 0.4 * duration) : t;
    }

    void defocus(int camera, YuvImage image) {
      if (active && faults.blurryCamera() && camera == 0) {
        SceneRenderer.defocus(image);
      }
    }

    void darken(int camera, YuvImage image) {
      if (active && faults.darkCamera() && camera == 0) {
        byte[] y = image.y();
        for (int i = 0; i < y.length; i++) {
          y[i] = (byte) (16 + ((y[i] & 0xff) - 16) / 14);
        }
        java.util.Arrays.fill(image.u(), (byte) 128);
        java.util.Arrays.fill(image.v(), (byte) 128);
      }
    }
  }

  /** Accumulates samples column-wise into the next {@link JointChunk}. */
  private static final class ChunkBuilder {
    private final String episodeId;
    private final int capacity;
    private int sequence;
    private int firstSampleIndex;
    private List<Long> mono;
    private List<Long> wall;
    private List<List<Float>> state;
    private List<List<Float>> action;

    ChunkBuilder(String episodeId, int capacity) {
      this.episodeId = episodeId;
      this.capacity = capacity;
      reset();
    }

    private void reset() {
      mono = new ArrayList<>(capacity);
      wall = new ArrayList<>(capacity);
      state = new ArrayList<>();
      action = new ArrayList<>();
      for (int j = 0; j < PickAndPlaceMotion.JOINT_NAMES.length; j++) {
        state.add(new ArrayList<>(capacity));
        action.add(new ArrayList<>(capacity));
      }
    }

    void add(long monoNanos, long wallMicros, float[] stateValues, float[] actionValues) {
      mono.add(monoNanos);
      wall.add(wallMicros);
      for (int j = 0; j < stateValues.length; j++) {
        state.get(j).add(stateValues[j]);
        action.get(j).add(actionValues[j]);
      }
    }

    int size() {
      return mono.size();
    }

    JointChunk build() {
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
