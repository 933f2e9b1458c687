package dev.tributary.recorder.spool;

import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VideoSegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A complete episode as read back from the spool: the latest manifest, chunks in sequence order,
 * one video reference (with its local MP4) per camera, and the commit.
 */
public record SpooledEpisode(
    EpisodeManifest manifest,
    List<JointChunk> chunks,
    Map<String, VideoSegment> videos,
    Map<String, Path> videoFiles,
    EpisodeCommit commit) {

  public String episodeId() {
    return manifest.getEpisodeId();
  }
}
