package dev.tributary.curation.assembly;

import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VideoSegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What has arrived so far for one episode. Mutable; owned by {@link EpisodeAssembler}. */
final class PartialEpisode {
  final String episodeId;
  final int partition;
  final long firstOffset;
  final long firstSeenMillis;
  final Set<String> siteIds = new LinkedHashSet<>();
  final Set<String> problems = new LinkedHashSet<>();
  final TreeMap<Integer, JointChunk> chunks = new TreeMap<>();
  final Map<String, VideoSegment> videos = new LinkedHashMap<>();
  EpisodeManifest manifest;
  EpisodeCommit commit;
  long firstReceivedAtMicros;
  long lastReceivedAtMicros;

  PartialEpisode(String episodeId, int partition, long firstOffset, long firstSeenMillis) {
    this.episodeId = episodeId;
    this.partition = partition;
    this.firstOffset = firstOffset;
    this.firstSeenMillis = firstSeenMillis;
  }

  void addManifest(EpisodeManifest m) {
    if (manifest == null) {
      manifest = m;
    } else if (!manifest.equals(m)) {
      problems.add("conflicting_manifest");
    }
  }

  void addChunk(JointChunk c) {
    JointChunk known = chunks.putIfAbsent(c.getSequence(), c);
    if (known != null && !known.equals(c)) {
      problems.add("conflicting_chunk:" + c.getSequence());
    }
  }

  void addVideo(VideoSegment v) {
    VideoSegment known = videos.putIfAbsent(v.getCameraKey(), v);
    if (known != null && !known.equals(v)) {
      problems.add("conflicting_video:" + v.getCameraKey());
    }
  }

  void addCommit(EpisodeCommit c) {
    if (commit == null) {
      commit = c;
    } else if (!commit.equals(c)) {
      problems.add("conflicting_commit");
    }
  }

  int samplesReceived() {
    int n = 0;
    for (JointChunk c : chunks.values()) {
      n += c.getCaptureMonoNanos().size();
    }
    return n;
  }

  boolean complete() {
    if (manifest == null || commit == null) {
      return false;
    }
    for (int seq = 0; seq < commit.getChunkCount(); seq++) {
      if (!chunks.containsKey(seq)) {
        return false;
      }
    }
    for (CameraSpec camera : manifest.getCameras()) {
      if (!videos.containsKey(camera.getKey())) {
        return false;
      }
    }
    return true;
  }

  /** Why it is not complete, for the quarantine verdict. */
  List<String> missing() {
    List<String> out = new ArrayList<>();
    if (manifest == null) {
      out.add("missing_manifest");
    }
    if (commit == null) {
      out.add("missing_commit");
    } else {
      List<Integer> absent = new ArrayList<>();
      for (int seq = 0; seq < commit.getChunkCount(); seq++) {
        if (!chunks.containsKey(seq)) {
          absent.add(seq);
        }
      }
      if (!absent.isEmpty()) {
        out.add("missing_chunks:" + summarise(absent));
      }
    }
    if (manifest != null) {
      for (CameraSpec camera : manifest.getCameras()) {
        if (!videos.containsKey(camera.getKey())) {
          out.add("missing_video:" + camera.getKey());
        }
      }
    }
    return out;
  }

  String firstSiteId() {
    if (manifest != null) {
      return manifest.getSiteId();
    }
    return siteIds.isEmpty() ? "" : siteIds.iterator().next();
  }

  private static String summarise(List<Integer> seqs) {
    if (seqs.size() <= 8) {
      return seqs.toString().replace(" ", "");
    }
    return seqs.subList(0, 8)
        .toString()
        .replace(" ", "")
        .replace("]", ",...](" + seqs.size() + ")");
  }
}
