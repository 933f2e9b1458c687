package dev.tributary.curation.assembly;

import dev.tributary.schema.ActionJoints;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VideoSegment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a complete episode against its commit and manifest; each failure is a reason. */
final class EpisodeValidator {
  private EpisodeValidator() {}

  static AssembledEpisode validate(PartialEpisode p, long completingOffset) {
    EpisodeManifest m = p.manifest;
    EpisodeCommit commit = p.commit;
    Set<String> reasons = new LinkedHashSet<>(p.problems);
    Set<String> sites = new LinkedHashSet<>(p.siteIds);
    sites.add(m.getSiteId());
    if (sites.size() > 1) {
      reasons.add("site_mismatch:" + String.join(",", sites));
    }
    if (commit.getChunkCount() < 0) {
      reasons.add("invalid_chunk_count:" + commit.getChunkCount());
    }
    List<JointChunk> chunks = new ArrayList<>();
    for (JointChunk c : p.chunks.values()) {
      if (c.getSequence() < 0 || c.getSequence() >= commit.getChunkCount()) {
        reasons.add("unexpected_chunk:" + c.getSequence());
      } else {
        chunks.add(c);
      }
    }
    boolean shapesOk = checkShapes(m, chunks, reasons);
    int received = 0;
    for (JointChunk c : chunks) {
      if (c.getFirstSampleIndex() != received) {
        reasons.add("sample_index_gap:" + c.getSequence());
      }
      received += c.getCaptureMonoNanos().size();
    }
    if (received != commit.getSampleCount()) {
      reasons.add(
          "sample_count_mismatch:declared=" + commit.getSampleCount() + ",received=" + received);
    }
    if (received == 0) {
      reasons.add("empty_episode");
    }
    JointMatrix joints = JointMatrix.of(m, chunks);
    if (shapesOk && !joints.contentSha256().equals(commit.getContentSha256())) {
      reasons.add("content_hash_mismatch");
    }
    List<VideoSegment> videos = new ArrayList<>();
    Map<String, Integer> declaredFrames = commit.getVideoFrameCounts();
    for (CameraSpec camera : m.getCameras()) {
      VideoSegment v = p.videos.get(camera.getKey());
      videos.add(v);
      Integer declared = declaredFrames.get(camera.getKey());
      if (declared != null && declared != v.getFrameCount()) {
        reasons.add("video_frame_count_mismatch:" + camera.getKey());
      }
    }
    for (String camera : p.videos.keySet()) {
      if (m.getCameras().stream().noneMatch(c -> c.getKey().equals(camera))) {
        reasons.add("unexpected_video:" + camera);
      }
    }
    return new AssembledEpisode(
        p.episodeId,
        m.getSiteId(),
        p.partition,
        p.firstOffset,
        completingOffset,
        m,
        joints,
        videos,
        commit,
        p.lastReceivedAtMicros,
        new ArrayList<>(reasons));
  }

  private static boolean checkShapes(
      EpisodeManifest m, List<JointChunk> chunks, Set<String> reasons) {
    int joints = m.getJoints().size();
    int actionColumns = ActionJoints.of(m).size();
    boolean ok = true;
    for (JointChunk c : chunks) {
      int n = c.getCaptureMonoNanos().size();
      boolean chunkOk = c.getCaptureWallMicros().size() == n && c.getState().size() == joints;
      for (List<Float> column : c.getState()) {
        chunkOk &= column.size() == n;
      }
      if (!c.getAction().isEmpty()) {
        chunkOk &= c.getAction().size() == actionColumns;
        for (List<Float> column : c.getAction()) {
          chunkOk &= column.size() == n;
        }
      }
      if (!chunkOk) {
        reasons.add("malformed_chunk:" + c.getSequence());
        ok = false;
      }
    }
    return ok;
  }
}
