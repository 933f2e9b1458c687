package dev.tributary.curation.assembly;

import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VideoSegment;
import java.util.List;

/**
 * An episode whose manifest, commit, every chunk and every camera's video reference have arrived.
 * It may still be invalid: {@link #rejections()} lists why (hash mismatch, conflicting re-send,
 * another site's events, ...). Its joint samples are decoded once, into {@link #joints()}; the
 * chunks themselves are not kept.
 *
 * @param partition the Kafka partition its events came from
 * @param firstOffset offset of its earliest event
 * @param completingOffset offset of the event that made it complete: the episode counts as decided
 *     once the consumer is past this offset
 * @param joints the samples of its chunks, in sequence order
 * @param videos in the manifest's camera order
 * @param lastReceivedAtMicros latest gateway receive time among its events
 */
public record AssembledEpisode(
    String episodeId,
    String siteId,
    int partition,
    long firstOffset,
    long completingOffset,
    EpisodeManifest manifest,
    JointMatrix joints,
    List<VideoSegment> videos,
    EpisodeCommit commit,
    long lastReceivedAtMicros,
    List<String> rejections) {

  public AssembledEpisode {
    videos = List.copyOf(videos);
    rejections = List.copyOf(rejections);
  }

  /** An episode of these chunks (in sequence order), decoded into a {@link JointMatrix}. */
  public AssembledEpisode(
      String episodeId,
      String siteId,
      int partition,
      long firstOffset,
      long completingOffset,
      EpisodeManifest manifest,
      List<JointChunk> chunks,
      List<VideoSegment> videos,
      EpisodeCommit commit,
      long lastReceivedAtMicros,
      List<String> rejections) {
    this(
        episodeId,
        siteId,
        partition,
        firstOffset,
        completingOffset,
        manifest,
        JointMatrix.of(manifest, chunks),
        videos,
        commit,
        lastReceivedAtMicros,
        rejections);
  }

  public boolean rejected() {
    return !rejections.isEmpty();
  }

  public int sampleCount() {
    return joints.samples();
  }
}
