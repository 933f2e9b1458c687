package dev.tributary.recorder.lerobot;

import static org.apache.parquet.schema.LogicalTypeAnnotation.listType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FLOAT;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/** Writes a small LeRobotDataset v3.0 folder (joints only) the way lerobot-record lays it out. */
final class LeRobotV3Fixture {
  static final String[] SO100_NAMES = {
    "main_shoulder_pan",
    "main_shoulder_lift",
    "main_elbow_flex",
    "main_wrist_flex",
    "main_wrist_roll",
    "main_gripper"
  };

  private LeRobotV3Fixture() {}

  /** Value of joint j at frame i of episode e: irregular floats so bit-identity is meaningful. */
  static float value(int e, int i, int j, boolean action) {
    return (float) (Math.sin(e * 7.1 + i * 0.037 + j) * 90.0 / 3.0 + (action ? 0.123456789 : 0));
  }

  static Path write(Path root, int episodes, int framesPerEpisode, String[] jointNames)
      throws Exception {
    Files.createDirectories(root.resolve("meta/episodes/chunk-000"));
    Files.createDirectories(root.resolve("data/chunk-000"));
    StringBuilder names = new StringBuilder();
    for (String n : jointNames) {
      names.append(names.length() == 0 ? "" : ",").append('"').append(n).append('"');
    }
    Files.writeString(
        root.resolve("meta/info.json"),
        "{\"codebase_version\":\"v3.0\",\"robot_type\":\"so100_follower\",\"fps\":30,"
            + "\"data_path\":\"data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet\","
            + "\"video_path\":\"videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4\","
            + "\"features\":{\"action\":{\"dtype\":\"float32\",\"shape\":[6],\"names\":["
            + names
            + "]},"
            + "\"observation.state\":{\"dtype\":\"float32\",\"shape\":[6],\"names\":["
            + names
            + "]},"
            + "\"observation.images.front\":{\"dtype\":\"video\",\"shape\":[480,640,3]}}}");

    MessageType data =
        Types.buildMessage()
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
    SimpleGroupFactory rows = new SimpleGroupFactory(data);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(
                new LocalOutputFile(root.resolve("data/chunk-000/file-000.parquet")))
            .withType(data)
            .build()) {
      long index = 0;
      for (int e = 0; e < episodes; e++) {
        for (int i = 0; i < framesPerEpisode; i++) {
          Group row = rows.newGroup();
          Group action = row.addGroup("action");
          Group state = row.addGroup("observation.state");
          for (int j = 0; j < jointNames.length; j++) {
            action.addGroup("list").append("element", value(e, i, j, true));
            state.addGroup("list").append("element", value(e, i, j, false));
          }
          row.append("timestamp", (float) (i / 30.0));
          row.append("frame_index", (long) i);
          row.append("episode_index", (long) e);
          row.append("index", index++);
          row.append("task_index", 0L);
          writer.write(row);
        }
      }
    }

    MessageType meta =
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
            .named("schema");
    SimpleGroupFactory metaRows = new SimpleGroupFactory(meta);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(
                new LocalOutputFile(root.resolve("meta/episodes/chunk-000/file-000.parquet")))
            .withType(meta)
            .build()) {
      for (int e = 0; e < episodes; e++) {
        Group row = metaRows.newGroup();
        row.append("episode_index", (long) e);
        row.addGroup("tasks").addGroup("list").append("element", "Pick the cube");
        row.append("length", (long) framesPerEpisode);
        row.append("data/chunk_index", 0L);
        row.append("data/file_index", 0L);
        writer.write(row);
      }
    }
    return root;
  }

  static List<String> so100() {
    return List.of(SO100_NAMES);
  }
}
