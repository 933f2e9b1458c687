package dev.tributary.curation.video;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.recorder.sim.SimFaults;
import dev.tributary.recorder.sim.SimRigConfig;
import dev.tributary.recorder.sim.SimulatedRig;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.spool.SpooledEpisode;
import dev.tributary.schema.VideoSegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real MP4s from the edge recorder's simulated rig (non-realtime, so fast), as assembled episodes
 * plus a {@link VideoSource} that finds their files in the spool.
 */
public final class SimulatedVideos {
  private final Path root;
  private final AtomicInteger spools = new AtomicInteger();

  public SimulatedVideos(Path root) {
    this.root = root;
  }

  /** One recorded episode and where its videos are. */
  public record Recorded(
      AssembledEpisode episode, Map<String, Path> files, SpooledEpisode spooled) {}

  /**
   * Records one episode of {@code seconds} at a site with the given faults (applied to every
   * episode), {@code cameras} cameras of {@code width x height} at {@code fps}.
   */
  public Recorded record(
      String siteId,
      long seed,
      SimFaults faults,
      double seconds,
      int cameras,
      int width,
      int height,
      int fps)
      throws Exception {
    Path spoolDir = root.resolve("spool-" + spools.incrementAndGet());
    Spool spool = Spool.open(spoolDir, SpoolConfig.defaults());
    SimulatedRig rig =
        new SimulatedRig(
            new SimRigConfig(
                siteId, "rig-1", cameras, width, height, fps, 30, false, Duration.ofSeconds(1)),
            faults);
    rig.record(spool, seed, 0, Duration.ofMillis((long) (seconds * 1000)), () -> false);
    String id = SimulatedRig.episodeId(siteId, seed, 0);
    SpooledEpisode e = spool.read(id);
    List<VideoSegment> videos = new ArrayList<>(e.videos().values());
    AssembledEpisode assembled =
        new AssembledEpisode(
            id, siteId, 0, 0, 1, e.manifest(), e.chunks(), videos, e.commit(), 0, List.of());
    return new Recorded(assembled, e.videoFiles(), e);
  }

  /** Finds each segment's file in the spools recorded so far (by camera key and episode). */
  public static VideoSource sourceOf(List<Recorded> recorded) {
    return segment -> {
      for (Recorded r : recorded) {
        if (r.episode().episodeId().equals(segment.getEpisodeId())) {
          Path file = r.files().get(segment.getCameraKey());
          if (file != null) {
            return LocalVideo.borrowed(file);
          }
        }
      }
      throw new VideoUnavailableException("no file for " + segment.getObjectKey());
    };
  }
}
