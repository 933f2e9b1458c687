package dev.tributary.catalog.corpus;

import dev.tributary.catalog.testing.TestLake;
import dev.tributary.schema.table.CuratedTables;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * Writes synthetic curated episodes and their 6-joint frames into the curated tables the way the
 * pipeline does (Parquet data files, one append commit per table per call), with full control of
 * the columns the SQL, training-set and export code read.
 */
public final class SyntheticCorpus {
  public static final List<String> JOINTS =
      List.of(
          "shoulder_pan.pos",
          "shoulder_lift.pos",
          "elbow_flex.pos",
          "wrist_flex.pos",
          "wrist_roll.pos",
          "gripper.pos");

  private final Catalog catalog;

  public SyntheticCorpus(Catalog catalog) {
    this.catalog = catalog;
  }

  /** One episode row; frames are written for every status but DUPLICATE. */
  public record Episode(
      String episodeId,
      String siteId,
      String task,
      String status,
      List<String> reasons,
      String duplicateOf,
      String exactKey,
      Double qualityScore,
      int samples,
      OffsetDateTime startedAt,
      int seed) {

    public static Episode accepted(String site, String task, int seed) {
      return new Episode(
          UUID.nameUUIDFromBytes((site + "/" + task + "/" + seed).getBytes()).toString(),
          site,
          task,
          "ACCEPTED",
          List.of(),
          null,
          null,
          0.5 + (seed % 7) / 20.0,
          20 + seed % 11,
          OffsetDateTime.of(2026, 11, 21, 9, 0, 0, 0, ZoneOffset.UTC).plusMinutes(seed),
          seed);
    }

    public Episode status(String newStatus, String... newReasons) {
      return new Episode(
          episodeId,
          siteId,
          task,
          newStatus,
          List.of(newReasons),
          duplicateOf,
          exactKey,
          qualityScore,
          samples,
          startedAt,
          seed);
    }

    public Episode duplicateOf(Episode original) {
      return new Episode(
          episodeId,
          siteId,
          task,
          "DUPLICATE",
          List.of("duplicate"),
          original.episodeId(),
          original.exactKey(),
          qualityScore,
          samples,
          startedAt,
          seed);
    }

    public Episode exactKey(String key) {
      return new Episode(
          episodeId,
          siteId,
          task,
          status,
          reasons,
          duplicateOf,
          key,
          qualityScore,
          samples,
          startedAt,
          seed);
    }

    public Episode quality(Double score) {
      return new Episode(
          episodeId,
          siteId,
          task,
          status,
          reasons,
          duplicateOf,
          exactKey,
          score,
          samples,
          startedAt,
          seed);
    }

    public double durationS() {
      return samples / 30.0;
    }
  }

  /** Value of joint j at sample i of the episode with this seed: irregular, distinct per seed. */
  public static float state(int seed, int i, int j) {
    return (float) (Math.sin(seed * 1.37 + i * 0.05 + j) * 40.0 + seed * 0.001);
  }

  public static float action(int seed, int i, int j) {
    return state(seed, i, j) + 0.123456789f;
  }

  /** Appends the episodes (one commit) and the frames of the non-duplicates (one commit). */
  public void append(List<Episode> episodes) {
    append(episodes, (e, row) -> {});
  }

  /** Appends the episodes, each row changed by {@code edit} before it is written. */
  public void append(List<Episode> episodes, BiConsumer<Episode, Record> edit) {
    Table table = catalog.loadTable(CuratedTables.EPISODES);
    List<Record> rows = new ArrayList<>();
    List<Record> frames = new ArrayList<>();
    for (Episode e : episodes) {
      GenericRecord r = GenericRecord.create(table.schema());
      r.setField("episode_id", e.episodeId());
      r.setField("site_id", e.siteId());
      r.setField("rig_id", e.siteId() + "-rig-1");
      r.setField("robot_type", "so101_follower");
      r.setField("task", e.task());
      r.setField("source", "sim");
      r.setField("timestamp_source", "CAPTURE");
      r.setField("started_at", e.startedAt());
      r.setField("duration_s", e.durationS());
      r.setField("sample_count", e.samples());
      r.setField("joint_rate_hz", 30.0f);
      r.setField("joint_names", JOINTS);
      r.setField("camera_keys", List.of("front"));
      r.setField("video_keys", List.of(e.siteId() + "/" + e.episodeId() + "/front.mp4"));
      r.setField("exact_key", e.exactKey());
      r.setField("status", e.status());
      r.setField("reasons", e.reasons());
      r.setField("duplicate_of", e.duplicateOf());
      r.setField("quality_score", e.qualityScore());
      r.setField("curated_at", e.startedAt().plusMinutes(1));
      edit.accept(e, r);
      rows.add(r);
      if (!e.status().equals("DUPLICATE")) {
        Table framesTable = catalog.loadTable(CuratedTables.FRAMES);
        for (int i = 0; i < e.samples(); i++) {
          GenericRecord f = GenericRecord.create(framesTable.schema());
          f.setField("episode_id", e.episodeId());
          f.setField("site_id", e.siteId());
          f.setField("sample_index", i);
          f.setField("capture_mono_ns", i * 33_333_333L);
          f.setField("capture_time", e.startedAt().plusNanos(i * 33_333_333L));
          List<Float> state = new ArrayList<>();
          List<Float> action = new ArrayList<>();
          for (int j = 0; j < JOINTS.size(); j++) {
            state.add(state(e.seed(), i, j));
            action.add(action(e.seed(), i, j));
          }
          f.setField("state", state);
          f.setField("action", action);
          frames.add(f);
        }
      }
    }
    TestLake.append(table, rows);
    if (!frames.isEmpty()) {
      TestLake.append(catalog.loadTable(CuratedTables.FRAMES), frames);
    }
  }
}
