package dev.tributary.launcher;

import static org.apache.parquet.schema.LogicalTypeAnnotation.listType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FLOAT;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.media.ConstantRateVideoWriter;
import dev.tributary.media.H264Mp4Writer;
import dev.tributary.media.VideoCodec;
import dev.tributary.media.YuvImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * Writes a LeRobotDataset folder of {@link So101Take}s laid out as {@code lerobot-record} writes
 * it: v3.0 (all episodes in one data parquet and one MP4 per camera, located by the episodes
 * parquet's from/to timestamps) or v2.1 (a parquet and an MP4 per camera per episode, jsonl
 * metadata). AV1 comes from SVT-AV1 with LeRobot's settings (a keyframe every 2 frames, so a v3
 * episode that starts on an odd frame cannot be cut by stream copy), H.264 from OpenH264 with a
 * keyframe every 2 s. Frames are 64x64 (SVT-AV1's minimum) drawings of the arm at its state.
 */
final class LeRobotFolderWriter {
  static final int SIDE = 64;
  static final String TASK = "Pick the orange cube and place it in the box";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to write. */
  record Spec(
      boolean v3, VideoCodec codec, int fps, List<String> cameras, int[] lengths, long seed) {
    String version() {
      return v3 ? "v3.0" : "v2.1";
    }
  }

  private final Path root;
  private final Spec spec;
  private final List<So101Take> takes = new ArrayList<>();

  private LeRobotFolderWriter(Path root, Spec spec) {
    this.root = root;
    this.spec = spec;
    for (int e = 0; e < spec.lengths().length; e++) {
      takes.add(So101Take.record(spec.seed() * 1000 + e, spec.fps(), spec.lengths()[e]));
    }
  }

  static Path write(Path root, Spec spec) throws Exception {
    new LeRobotFolderWriter(root, spec).writeAll();
    return root;
  }

  private void writeAll() throws Exception {
    Files.createDirectories(root.resolve("meta"));
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(root.resolve("meta/info.json").toFile(), info());
    if (spec.v3()) {
      writeData(root.resolve("data/chunk-000/file-000.parquet"), 0, takes.size());
      for (int c = 0; c < spec.cameras().size(); c++) {
        writeVideo(
            root.resolve("videos/" + spec.cameras().get(c) + "/chunk-000/file-000.mp4"),
            c,
            0,
            takes.size());
      }
      writeV3Episodes();
      writeV3Tasks();
    } else {
      StringBuilder episodes = new StringBuilder();
      for (int e = 0; e < takes.size(); e++) {
        writeData(root.resolve(String.format("data/chunk-000/episode_%06d.parquet", e)), e, e + 1);
        for (int c = 0; c < spec.cameras().size(); c++) {
          String camera = spec.cameras().get(c);
          writeVideo(
              root.resolve(String.format("videos/chunk-000/%s/episode_%06d.mp4", camera, e)),
              c,
              e,
              e + 1);
        }
        episodes.append(
            JSON.writeValueAsString(
                JSON.createObjectNode()
                    .put("episode_index", e)
                    .<ObjectNode>set("tasks", JSON.createArrayNode().add(TASK))
                    .put("length", takes.get(e).frames())));
        episodes.append('\n');
      }
      Files.writeString(root.resolve("meta/episodes.jsonl"), episodes);
      Files.writeString(
          root.resolve("meta/tasks.jsonl"), "{\"task_index\":0,\"task\":\"" + TASK + "\"}\n");
    }
  }

  private ObjectNode info() {
    ObjectNode info = JSON.createObjectNode();
    int frames = 0;
    for (So101Take take : takes) {
      frames += take.frames();
    }
    info.put("codebase_version", spec.version());
    info.put("robot_type", "so101_follower");
    info.put("total_episodes", takes.size());
    info.put("total_frames", frames);
    info.put("total_tasks", 1);
    info.put("chunks_size", 1000);
    info.put("fps", spec.fps());
    info.putObject("splits").put("train", "0:" + takes.size());
    if (spec.v3()) {
      info.put("data_files_size_in_mb", 100);
      info.put("video_files_size_in_mb", 500);
      info.put("data_path", "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet");
      info.put(
          "video_path", "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4");
    } else {
      info.put("total_chunks", 1);
      info.put("total_videos", takes.size() * spec.cameras().size());
      info.put("data_path", "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet");
      info.put(
          "video_path",
          "videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4");
    }
    ObjectNode features = info.putObject("features");
    for (String key : List.of("action", "observation.state")) {
      ObjectNode f = features.putObject(key);
      f.put("dtype", "float32");
      f.putArray("shape").add(So101Take.JOINTS.length);
      ArrayNode names = f.putArray("names");
      for (String n : So101Take.JOINTS) {
        names.add(n);
      }
    }
    for (String camera : spec.cameras()) {
      ObjectNode f = features.putObject(camera);
      f.put("dtype", "video");
      f.putArray("shape").add(SIDE).add(SIDE).add(3);
      f.putArray("names").add("height").add("width").add("channels");
      f.putObject("info")
          .put("video.height", SIDE)
          .put("video.width", SIDE)
          .put("video.codec", spec.codec().codecName())
          .put("video.pix_fmt", "yuv420p")
          .put("video.is_depth_map", false)
          .put("video.fps", spec.fps())
          .put("video.channels", 3)
          .put("has_audio", false);
    }
    features
        .putObject("timestamp")
        .put("dtype", "float32")
        .putNull("names")
        .putArray("shape")
        .add(1);
    for (String key : List.of("frame_index", "episode_index", "index", "task_index")) {
      features.putObject(key).put("dtype", "int64").putNull("names").putArray("shape").add(1);
    }
    return info;
  }

  private long firstIndex(int episode) {
    long index = 0;
    for (int e = 0; e < episode; e++) {
      index += takes.get(e).frames();
    }
    return index;
  }

  private static MessageType dataSchema() {
    return Types.buildMessage()
        .optionalGroup()
        .as(listType())
        .repeatedGroup()
        .optional(FLOAT)
        .named("element")
        .named("list")
        .named("action")
        .optionalGroup()
        .as(listType())
        .repeatedGroup()
        .optional(FLOAT)
        .named("element")
        .named("list")
        .named("observation.state")
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

  private void writeData(Path file, int fromEpisode, int toEpisode) throws Exception {
    Files.createDirectories(file.getParent());
    MessageType schema = dataSchema();
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
      for (int e = fromEpisode; e < toEpisode; e++) {
        So101Take take = takes.get(e);
        long index = firstIndex(e);
        for (int i = 0; i < take.frames(); i++) {
          Group row = rows.newGroup();
          Group action = row.addGroup("action");
          Group state = row.addGroup("observation.state");
          for (int j = 0; j < So101Take.JOINTS.length; j++) {
            action.addGroup("list").append("element", take.action[i][j]);
            state.addGroup("list").append("element", take.state[i][j]);
          }
          row.append("timestamp", (float) i / spec.fps()); // lerobot-record: frame_index / fps
          row.append("frame_index", (long) i);
          row.append("episode_index", (long) e);
          row.append("index", index++);
          row.append("task_index", 0L);
          writer.write(row);
        }
      }
    }
  }

  /** Camera {@code camera}'s frames of episodes [from, to), back to back in one file. */
  private void writeVideo(Path file, int camera, int fromEpisode, int toEpisode) throws Exception {
    Files.createDirectories(file.getParent());
    YuvImage image = new YuvImage(SIDE, SIDE);
    if (spec.codec() == VideoCodec.AV1) {
      try (ConstantRateVideoWriter writer =
          new ConstantRateVideoWriter(file, VideoCodec.AV1, SIDE, SIDE, spec.fps(), 1)) {
        for (int e = fromEpisode; e < toEpisode; e++) {
          for (int i = 0; i < takes.get(e).frames(); i++) {
            writer.write(ArmView.draw(image, takes.get(e).state[i], camera));
          }
        }
        writer.finish();
      }
    } else {
      try (H264Mp4Writer writer = new H264Mp4Writer(file, SIDE, SIDE, spec.fps())) {
        for (int e = fromEpisode; e < toEpisode; e++) {
          for (int i = 0; i < takes.get(e).frames(); i++) {
            writer.write(ArmView.draw(image, takes.get(e).state[i], camera));
          }
        }
        writer.finish();
      }
    }
  }

  private void writeV3Episodes() throws Exception {
    Path file = root.resolve("meta/episodes/chunk-000/file-000.parquet");
    Files.createDirectories(file.getParent());
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
            .named("data/file_index")
            .optional(INT64)
            .named("dataset_from_index")
            .optional(INT64)
            .named("dataset_to_index");
    for (String camera : spec.cameras()) {
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
        ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
      for (int e = 0; e < takes.size(); e++) {
        int length = takes.get(e).frames();
        Group row = rows.newGroup();
        row.append("episode_index", (long) e);
        row.addGroup("tasks").addGroup("list").append("element", TASK);
        row.append("length", (long) length);
        row.append("data/chunk_index", 0L);
        row.append("data/file_index", 0L);
        row.append("dataset_from_index", firstIndex(e));
        row.append("dataset_to_index", firstIndex(e) + length);
        double from = firstIndex(e) / (double) spec.fps();
        for (String camera : spec.cameras()) {
          String p = "videos/" + camera + "/";
          row.append(p + "chunk_index", 0L);
          row.append(p + "file_index", 0L);
          row.append(p + "from_timestamp", from);
          row.append(p + "to_timestamp", from + length / (double) spec.fps());
        }
        writer.write(row);
      }
    }
  }

  private void writeV3Tasks() throws Exception {
    MessageType schema =
        Types.buildMessage()
            .optional(BINARY)
            .as(stringType())
            .named("task")
            .optional(INT64)
            .named("task_index")
            .named("schema");
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(root.resolve("meta/tasks.parquet")))
            .withType(schema)
            .build()) {
      writer.write(
          new SimpleGroupFactory(schema).newGroup().append("task", TASK).append("task_index", 0L));
    }
  }

  /** A camera's view of the arm: a sharp, well-lit drawing that moves exactly when a joint does. */
  static final class ArmView {
    private static final int WALL = YuvImage.color(200, 196, 186);
    private static final int TABLE = YuvImage.color(150, 110, 70);
    private static final int STRIPE = YuvImage.color(70, 80, 90);
    private static final int LINK = YuvImage.color(30, 30, 35);
    private static final int JAW = YuvImage.color(240, 120, 20);

    private ArmView() {}

    static YuvImage draw(YuvImage image, float[] state, int camera) {
      image.fill(WALL);
      image.fillRect(0, 40, SIDE, SIDE, TABLE);
      for (int x = 4; x < SIDE; x += 12) {
        image.fillRect(x, 6, x + 3, 30, STRIPE);
      }
      double scale = camera == 0 ? 1.0 : 1.4;
      double baseX = camera == 0 ? 32 : 20;
      double baseY = camera == 0 ? 58 : 62;
      double pan = state[0] / 100.0;
      double a1 = Math.PI * (state[1] + 100) / 200.0;
      double x1 = baseX + scale * (20 * Math.cos(a1) + 10 * pan);
      double y1 = baseY - scale * 20 * Math.sin(a1);
      double a2 = a1 - Math.PI * 0.8 * state[2] / 100.0;
      double x2 = x1 + scale * 14 * Math.cos(a2);
      double y2 = y1 - scale * 14 * Math.sin(a2);
      double a3 = a2 - Math.PI * 0.5 * state[3] / 100.0 + 0.3 * state[4] / 100.0;
      double x3 = x2 + scale * 6 * Math.cos(a3);
      double y3 = y2 - scale * 6 * Math.sin(a3);
      image.line(baseX, baseY, x1, y1, 3, LINK);
      image.line(x1, y1, x2, y2, 3, LINK);
      image.line(x2, y2, x3, y3, 2, LINK);
      image.fillCircle(x3, y3, 1.5 + state[5] / 20.0, JAW);
      return image;
    }
  }
}
