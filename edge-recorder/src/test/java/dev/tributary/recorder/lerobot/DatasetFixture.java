package dev.tributary.recorder.lerobot;

import static org.apache.parquet.schema.LogicalTypeAnnotation.listType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FLOAT;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import dev.tributary.media.H264Mp4Writer;
import dev.tributary.media.YuvImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * Writes LeRobotDataset folders WITH videos, laid out as lerobot-record does: v3.0 (episodes
 * concatenated in one data parquet and one H.264 MP4 per camera, located by from/to timestamps) and
 * v2.1 (one parquet and one MP4 per episode, jsonl metadata). The pieces can be written one by one
 * to imitate a recording in progress.
 */
public final class DatasetFixture {
  static final int FPS = 30;
  static final int WIDTH = 64;
  static final int HEIGHT = 48;
  static final String[] SO101 = {
    "shoulder_pan.pos",
    "shoulder_lift.pos",
    "elbow_flex.pos",
    "wrist_flex.pos",
    "wrist_roll.pos",
    "gripper.pos"
  };

  public final Path root;
  final String version;
  final List<String> cameras;
  final int[] lengths;

  // The ways real datasets differ from lerobot-record's SO-101 output (defaults: as it writes).
  String robotType = "so101_follower";
  String stateKey = "observation.state";
  String actionKey = "action";

  /** JSON of the features' names; null writes {@code "names": null}. */
  String stateNamesJson = quoted(SO101);

  String actionNamesJson = quoted(SO101);
  int actionWidth = SO101.length;

  /** v2.1 data_path; some writers use {@code {chunk_index}} instead of {@code {episode_chunk}}. */
  String v21DataPath = "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet";

  /** Timestamps measured by the recording rig (irregular) instead of frame_index / fps. */
  boolean captureTimestamps;

  /** Overrides total_frames in info.json (a trimmed copy keeps the full dataset's). */
  Long declaredTotalFrames;

  /** Page compression of the Parquet files (pandas/pyarrow and HF datasets write SNAPPY). */
  CompressionCodecName compression = CompressionCodecName.UNCOMPRESSED;

  static String quoted(String... names) {
    StringBuilder out = new StringBuilder("[");
    for (String n : names) {
      out.append(out.length() == 1 ? "" : ",").append('"').append(n).append('"');
    }
    return out.append(']').toString();
  }

  public DatasetFixture(Path root, String version, List<String> cameras, int... lengths) {
    this.root = root;
    this.version = version;
    this.cameras = cameras;
    this.lengths = lengths;
  }

  public DatasetFixture withCompression(CompressionCodecName codec) {
    this.compression = codec;
    return this;
  }

  boolean v3() {
    return version.startsWith("v3");
  }

  /** The whole dataset: info, data, videos, metadata. */
  public DatasetFixture writeAll() throws Exception {
    writeInfo();
    if (v3()) {
      writeV3Data("data/chunk-000/file-000.parquet", 0, lengths.length);
      for (String camera : cameras) {
        writeV3Video(camera, "chunk-000/file-000.mp4", 0, lengths.length);
      }
      writeV3Meta("meta/episodes/chunk-000/file-000.parquet", 0, lengths.length, 0, 0);
    } else {
      for (int e = 0; e < lengths.length; e++) {
        writeV21Episode(e);
      }
      writeV21Tasks();
    }
    return this;
  }

  void writeInfo() throws Exception {
    Files.createDirectories(root.resolve("meta"));
    StringBuilder features = new StringBuilder();
    features.append(
        "\""
            + actionKey
            + "\":{\"dtype\":\"float32\",\"shape\":["
            + actionWidth
            + "],\"names\":"
            + actionNamesJson
            + "},");
    features.append(
        "\""
            + stateKey
            + "\":{\"dtype\":\"float32\",\"shape\":["
            + SO101.length
            + "],\"names\":"
            + stateNamesJson
            + "}");
    for (String camera : cameras) {
      features.append(
          ",\""
              + camera
              + "\":{\"dtype\":\"video\",\"shape\":["
              + HEIGHT
              + ","
              + WIDTH
              + ",3],\"info\":{\"video.codec\":\"h264\"}}");
    }
    String paths =
        v3()
            ? "\"data_path\":\"data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet\","
                + "\"video_path\":\"videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4\","
            : "\"data_path\":\""
                + v21DataPath
                + "\","
                + "\"video_path\":\"videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4\",";
    Files.writeString(
        root.resolve("meta/info.json"),
        "{\"codebase_version\":\""
            + version
            + "\",\"robot_type\":\""
            + robotType
            + "\",\"fps\":"
            + FPS
            + ",\"chunks_size\":1000,"
            + (declaredTotalFrames == null ? "" : "\"total_frames\":" + declaredTotalFrames + ",")
            + paths
            + "\"features\":{"
            + features
            + "}}");
  }

  /** Value of joint j at frame i of episode e: irregular floats so bit-identity is meaningful. */
  static float value(int e, int i, int j, boolean action) {
    return LeRobotV3Fixture.value(e, i, j, action);
  }

  /** Grey level of frame i of episode e (so a decoded segment can be told apart). */
  static int grey(int e, int i) {
    return 30 + (e * 50 + i) % 180;
  }

  long firstIndex(int episode) {
    long index = 0;
    for (int e = 0; e < episode; e++) {
      index += lengths[e];
    }
    return index;
  }

  MessageType dataSchema() {
    return Types.buildMessage()
        .optionalGroup()
        .as(listType())
        .repeatedGroup()
        .optional(FLOAT)
        .named("element")
        .named("list")
        .named(actionKey)
        .optionalGroup()
        .as(listType())
        .repeatedGroup()
        .optional(FLOAT)
        .named("element")
        .named("list")
        .named(stateKey)
        .optional(FLOAT)
        .named("timestamp")
        .optional(INT64)
        .named("frame_index")
        .optional(INT64)
        .named("episode_index")
        .optional(INT64)
        .named("index")
        .optional(INT64)
        .named("task_index")
        .named("schema");
  }

  void writeData(Path file, int fromEpisode, int toEpisode) throws Exception {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    MessageType schema = dataSchema();
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(schema)
            .withCompressionCodec(compression)
            .build()) {
      for (int e = fromEpisode; e < toEpisode; e++) {
        long index = firstIndex(e);
        for (int i = 0; i < lengths[e]; i++) {
          Group row = rows.newGroup();
          Group action = row.addGroup(actionKey);
          Group state = row.addGroup(stateKey);
          for (int j = 0; j < actionWidth; j++) {
            action.addGroup("list").append("element", value(e, i, j, true));
          }
          for (int j = 0; j < SO101.length; j++) {
            state.addGroup("list").append("element", value(e, i, j, false));
          }
          row.append("timestamp", timestamp(i));
          row.append("frame_index", (long) i);
          row.append("episode_index", (long) e);
          row.append("index", index++);
          row.append("task_index", 0L);
          writer.write(row);
        }
      }
    }
  }

  /** The row's timestamp: frame_index / fps, or a rig's measured time (up to 9 ms late). */
  float timestamp(int i) {
    return captureTimestamps
        ? (float) (i / (double) FPS + 0.001 * ((i * 7) % 10))
        : (float) i / FPS;
  }

  void writeV3Data(String relative, int fromEpisode, int toEpisode) throws Exception {
    writeData(root.resolve(relative), fromEpisode, toEpisode);
  }

  /**
   * One camera file holding episodes [from, to) encoded back to back (H264Mp4Writer's keyframe
   * interval is 2 s = 60 frames, so an episode starts on a keyframe when the frames before it in
   * the file are a multiple of 60; otherwise the import must re-encode).
   */
  void writeV3Video(String camera, String relative, int fromEpisode, int toEpisode)
      throws Exception {
    Path file = root.resolve("videos").resolve(camera).resolve(relative);
    Files.createDirectories(file.getParent());
    Path part = file.resolveSibling(file.getFileName() + ".tmp");
    try (H264Mp4Writer writer = new H264Mp4Writer(part, WIDTH, HEIGHT, FPS)) {
      YuvImage image = new YuvImage(WIDTH, HEIGHT);
      for (int e = fromEpisode; e < toEpisode; e++) {
        for (int i = 0; i < lengths[e]; i++) {
          image.fill(YuvImage.color(grey(e, i), grey(e, i), grey(e, i)));
          writer.write(image);
        }
      }
      writer.finish();
    }
    Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * meta/episodes rows for episodes [from, to), all in data file (dataChunk, dataFile) and video
   * file chunk-000/file-(videoFile); timestamps restart at 0 at {@code videoFirstEpisode}.
   */
  void writeV3Meta(String relative, int fromEpisode, int toEpisode, int videoFirstEpisode, int file)
      throws Exception {
    Path path = root.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.deleteIfExists(path);
    var builder =
        Types.buildMessage()
            .optional(INT64)
            .named("episode_index")
            .optionalGroup()
            .as(listType())
            .repeatedGroup()
            .optional(BINARY)
            .as(stringType())
            .named("element")
            .named("list")
            .named("tasks")
            .optional(INT64)
            .named("length")
            .optional(INT64)
            .named("data/chunk_index")
            .optional(INT64)
            .named("data/file_index");
    for (String camera : cameras) {
      String p = "videos/" + camera + "/";
      builder =
          builder
              .optional(INT64)
              .named(p + "chunk_index")
              .optional(INT64)
              .named(p + "file_index")
              .optional(DOUBLE)
              .named(p + "from_timestamp")
              .optional(DOUBLE)
              .named(p + "to_timestamp");
    }
    MessageType schema = builder.named("schema");
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(path))
            .withType(schema)
            .withCompressionCodec(compression)
            .build()) {
      for (int e = fromEpisode; e < toEpisode; e++) {
        Group row = rows.newGroup();
        row.append("episode_index", (long) e);
        row.addGroup("tasks").addGroup("list").append("element", "Pick the cube");
        row.append("length", (long) lengths[e]);
        row.append("data/chunk_index", 0L);
        row.append("data/file_index", (long) file);
        double from = (firstIndex(e) - firstIndex(videoFirstEpisode)) / (double) FPS;
        for (String camera : cameras) {
          String p = "videos/" + camera + "/";
          row.append(p + "chunk_index", 0L);
          row.append(p + "file_index", (long) file);
          row.append(p + "from_timestamp", from);
          row.append(p + "to_timestamp", from + lengths[e] / (double) FPS);
        }
        writer.write(row);
      }
    }
  }

  Path v21DataFile(int e) {
    return root.resolve(
        v21DataPath
            .replace("{episode_chunk:03d}", "000")
            .replace("{chunk_index:03d}", "000")
            .replace("{episode_index:06d}", String.format("%06d", e)));
  }

  Path v21VideoFile(String camera, int e) {
    return root.resolve(String.format("videos/chunk-000/%s/episode_%06d.mp4", camera, e));
  }

  /** In lerobot's order: the parquet, the videos, then the episodes.jsonl line. */
  void writeV21Episode(int e) throws Exception {
    writeData(v21DataFile(e), e, e + 1);
    for (String camera : cameras) {
      Path file = v21VideoFile(camera, e);
      Files.createDirectories(file.getParent());
      try (H264Mp4Writer writer = new H264Mp4Writer(file, WIDTH, HEIGHT, FPS)) {
        YuvImage image = new YuvImage(WIDTH, HEIGHT);
        for (int i = 0; i < lengths[e]; i++) {
          image.fill(YuvImage.color(grey(e, i), grey(e, i), grey(e, i)));
          writer.write(image);
        }
        writer.finish();
      }
    }
    Files.writeString(
        root.resolve("meta/episodes.jsonl"),
        "{\"episode_index\":"
            + e
            + ",\"tasks\":[\"Pick the cube\"],\"length\":"
            + lengths[e]
            + "}\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  void writeV21Tasks() throws Exception {
    Files.writeString(
        root.resolve("meta/tasks.jsonl"), "{\"task_index\":0,\"task\":\"Pick the cube\"}\n");
  }

  List<Integer> indexes() {
    List<Integer> out = new ArrayList<>();
    for (int e = 0; e < lengths.length; e++) {
      out.add(e);
    }
    return out;
  }
}
