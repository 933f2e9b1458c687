package dev.tributary.curation.iceberg;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.assembly.JointMatrix;
import dev.tributary.curation.assembly.QuarantinedEpisode;
import dev.tributary.curation.verdict.Decision;
import dev.tributary.schema.ActionJoints;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.CameraSync;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointSpec;
import dev.tributary.schema.VerdictStatus;
import dev.tributary.schema.VideoSegment;
import dev.tributary.schema.table.CuratedTables;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/** Builds the Iceberg rows of a decided episode, following {@link CuratedTables}. */
public final class CuratedRows {
  private CuratedRows() {}

  public static Record episode(AssembledEpisode e, Decision d, long curatedAtMicros) {
    EpisodeManifest m = e.manifest();
    GenericRecord r = GenericRecord.create(CuratedTables.EPISODES_SCHEMA);
    r.setField("episode_id", e.episodeId());
    r.setField("site_id", e.siteId());
    r.setField("rig_id", m.getRigId());
    r.setField("robot_type", m.getRobotType());
    r.setField("task", m.getTask());
    r.setField("source", m.getSource());
    r.setField("timestamp_source", m.getTimestampSource().name());
    r.setField("started_at", time(m.getStartedAtMicros()));
    r.setField("duration_s", durationSeconds(e));
    r.setField("sample_count", e.sampleCount());
    r.setField("joint_rate_hz", m.getJointRateHz());
    r.setField("joint_names", m.getJoints().stream().map(JointSpec::getName).toList());
    r.setField("action_names", actionNames(m));
    r.setField("camera_keys", m.getCameras().stream().map(CameraSpec::getKey).toList());
    r.setField("video_keys", e.videos().stream().map(VideoSegment::getObjectKey).toList());
    r.setField("content_sha256", e.commit().getContentSha256());
    r.setField("exact_key", d.exactKey());
    r.setField("status", d.status().name());
    r.setField("reasons", d.reasons());
    r.setField("duplicate_of", d.duplicateOf());
    r.setField("quality_score", d.qualityScore());
    Decision.Signals signals = d.signals();
    r.setField("novelty_score", signals.novelty());
    r.setField("edge_committed_at", time(e.commit().getCommittedAtMicros()));
    r.setField("ingested_at", time(e.lastReceivedAtMicros()));
    r.setField("curated_at", time(curatedAtMicros));
    r.setField("source_partition", e.partition());
    r.setField("source_offset", e.completingOffset());
    r.setField("duplicate_kind", signals.duplicateKind());
    r.setField("duplicate_cluster", signals.duplicateCluster());
    r.setField("diversity_features", floats(signals.diversityFeatures()));
    r.setField("coverage_cell", signals.coverageCell());
    r.setField(
        "trajectory_sketch",
        signals.trajectorySketch() == null ? null : ByteBuffer.wrap(signals.trajectorySketch()));
    r.setField("frame_hashes", longs(signals.frameHashes()));
    r.setField("camera_sync_median_ms", worstSyncMillis(e, CameraSync::getMedianMicros));
    r.setField("camera_sync_max_ms", worstSyncMillis(e, CameraSync::getMaxMicros));
    return r;
  }

  /** The worst camera's figure of the recorder's sync measurement; null when none measured it. */
  private static Double worstSyncMillis(AssembledEpisode e, ToLongFunction<CameraSync> figure) {
    return e.videos().stream()
        .map(VideoSegment::getJointSync)
        .filter(java.util.Objects::nonNull)
        .mapToLong(figure)
        .max()
        .stream()
        .mapToObj(micros -> micros / 1000.0)
        .findFirst()
        .orElse(null);
  }

  /**
   * The row of an episode that never became complete: what arrived is recorded, the verdict is
   * {@code QUARANTINED} with what was missing.
   */
  public static Record quarantined(QuarantinedEpisode q, long curatedAtMicros) {
    EpisodeManifest m = q.manifest();
    GenericRecord r = GenericRecord.create(CuratedTables.EPISODES_SCHEMA);
    r.setField("episode_id", q.episodeId());
    r.setField("site_id", q.siteId());
    if (m != null) {
      r.setField("rig_id", m.getRigId());
      r.setField("robot_type", m.getRobotType());
      r.setField("task", m.getTask());
      r.setField("source", m.getSource());
      r.setField("timestamp_source", m.getTimestampSource().name());
      r.setField("joint_rate_hz", m.getJointRateHz());
      r.setField("joint_names", m.getJoints().stream().map(JointSpec::getName).toList());
      r.setField("action_names", actionNames(m));
      r.setField("camera_keys", m.getCameras().stream().map(CameraSpec::getKey).toList());
    }
    long started = m != null ? m.getStartedAtMicros() : q.firstReceivedAtMicros();
    r.setField("started_at", time(started));
    r.setField("sample_count", q.samplesReceived());
    r.setField("status", VerdictStatus.QUARANTINED.name());
    r.setField("reasons", q.reasons());
    r.setField("ingested_at", time(q.lastReceivedAtMicros()));
    r.setField("curated_at", time(curatedAtMicros));
    r.setField("source_partition", q.partition());
    r.setField("source_offset", q.firstOffset());
    return r;
  }

  /** The action's own names; null when the action shares the state's joints. */
  private static List<String> actionNames(EpisodeManifest m) {
    return !ActionJoints.own(m)
        ? null
        : m.getActionJoints().stream().map(JointSpec::getName).toList();
  }

  private static List<Float> floats(float[] values) {
    if (values == null) {
      return null;
    }
    List<Float> out = new ArrayList<>(values.length);
    for (float v : values) {
      out.add(v);
    }
    return out;
  }

  private static List<Long> longs(long[] values) {
    if (values == null) {
      return null;
    }
    List<Long> out = new ArrayList<>(values.length);
    for (long v : values) {
      out.add(v);
    }
    return out;
  }

  private static final int FRAMES_EPISODE_ID = framesPosition("episode_id");
  private static final int FRAMES_SITE_ID = framesPosition("site_id");
  private static final int FRAMES_SAMPLE_INDEX = framesPosition("sample_index");
  private static final int FRAMES_CAPTURE_MONO_NS = framesPosition("capture_mono_ns");
  private static final int FRAMES_CAPTURE_TIME = framesPosition("capture_time");
  private static final int FRAMES_STATE = framesPosition("state");
  private static final int FRAMES_ACTION = framesPosition("action");

  /** A {@code frames} column's position in its records (the schema's field order). */
  private static int framesPosition(String name) {
    List<Types.NestedField> fields = CuratedTables.FRAMES_SCHEMA.columns();
    for (int p = 0; p < fields.size(); p++) {
      if (fields.get(p).name().equals(name)) {
        return p;
      }
    }
    throw new IllegalStateException("frames has no column " + name);
  }

  /** One row per joint sample. */
  public static List<Record> frames(AssembledEpisode e) {
    JointMatrix x = e.joints();
    int n = x.samples();
    float[][] state = x.state();
    float[][] action = x.action();
    long[] mono = x.monoNanos();
    long[] wall = x.wallMicros();
    List<Record> out = new ArrayList<>(n);
    GenericRecord template = GenericRecord.create(CuratedTables.FRAMES_SCHEMA);
    // Set by position (the FRAMES_* constants), not by name: a name costs a map look-up.
    template.set(FRAMES_EPISODE_ID, e.episodeId());
    template.set(FRAMES_SITE_ID, e.siteId());
    for (int i = 0; i < n; i++) {
      GenericRecord r = template.copy();
      // Frames are written for accepted episodes only, whose chunks start where the previous
      // ended (validated), so a sample's index in the episode is its position.
      r.set(FRAMES_SAMPLE_INDEX, i);
      r.set(FRAMES_CAPTURE_MONO_NS, mono[i]);
      r.set(FRAMES_CAPTURE_TIME, time(wall[i]));
      r.set(FRAMES_STATE, column(state, i));
      if (x.hasAction(i)) {
        r.set(FRAMES_ACTION, column(action, i));
      }
      out.add(r);
    }
    return out;
  }

  private static List<Float> column(float[][] columns, int sample) {
    List<Float> out = new ArrayList<>(columns.length);
    for (float[] column : columns) {
      out.add(column[sample]);
    }
    return out;
  }

  /** Samples over the nominal rate; the capture-time span when no rate is declared. */
  static Double durationSeconds(AssembledEpisode e) {
    float rate = e.manifest().getJointRateHz();
    if (rate > 0) {
      return e.sampleCount() / (double) rate;
    }
    long[] wall = e.joints().wallMicros();
    if (wall.length == 0) {
      return null;
    }
    return (wall[wall.length - 1] - wall[0]) / 1e6;
  }

  public static OffsetDateTime time(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }
}
