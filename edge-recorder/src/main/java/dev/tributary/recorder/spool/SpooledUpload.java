package dev.tributary.recorder.spool;

import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.VideoSegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A complete episode read back for upload ({@link Spool#readForUpload}): like {@link
 * SpooledEpisode}, except that the chunks stay the spooled bytes ({@link SpooledChunk}), in
 * sequence order, so the upload sends them without decoding and encoding them again.
 */
public record SpooledUpload(
    EpisodeManifest manifest,
    List<SpooledChunk> chunks,
    Map<String, VideoSegment> videos,
    Map<String, Path> videoFiles,
    EpisodeCommit commit) {

  public String episodeId() {
    return manifest.getEpisodeId();
  }
}
