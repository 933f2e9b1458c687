package dev.tributary.catalog.trainingset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Training sets as JSON documents in the lake's warehouse, {@code
 * <warehouse>/_tributary/training_sets/<name>.json}, written through the table's own {@link FileIO}
 * (local folder or S3 alike). Write-once: a name is never overwritten, so "rebuild by name" always
 * means the same parameters and snapshots. A JSON file rather than an Iceberg table because a set
 * is one small document that is written once and read whole; it needs no scan planning.
 */
final class TrainingSetStore {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final FileIO io;
  private final String folder;

  TrainingSetStore(FileIO io, String warehouse) {
    this.io = io;
    String base = warehouse.endsWith("/") ? warehouse : warehouse + "/";
    this.folder = base + "_tributary/training_sets/";
  }

  String location(String name) {
    return folder + name + ".json";
  }

  void save(TrainingSet set) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(toJson(set));
    } catch (IOException e) {
      throw new TrainingSetException("cannot serialise training set " + set.name(), e);
    }
    try (OutputStream out = io.newOutputFile(location(set.name())).create()) {
      out.write(bytes);
    } catch (AlreadyExistsException e) {
      throw exists(set.name());
    } catch (IOException | RuntimeException e) {
      if (e.getMessage() != null && e.getMessage().contains("already exists")) {
        throw exists(set.name());
      }
      throw new TrainingSetException(
          "cannot save training set " + set.name() + " at " + location(set.name()) + ": " + e, e);
    }
  }

  TrainingSet load(String name) {
    InputFile file = io.newInputFile(location(name));
    if (!file.exists()) {
      throw new TrainingSetException(
          "no training set named '"
              + name
              + "'; list them with 'tributary trainingset show' or build it first");
    }
    try (InputStream in = file.newStream()) {
      return fromJson(JSON.readTree(in));
    } catch (NotFoundException e) {
      throw new TrainingSetException("no training set named '" + name + "'");
    } catch (IOException | RuntimeException e) {
      throw new TrainingSetException(
          "training set '" + name + "' is unreadable at " + location(name) + ": " + e, e);
    }
  }

  List<String> names() {
    List<String> out = new ArrayList<>();
    if (io instanceof SupportsPrefixOperations prefixes) {
      try {
        for (FileInfo info : prefixes.listPrefix(folder)) {
          String loc = info.location();
          String file = loc.substring(loc.lastIndexOf('/') + 1);
          if (file.endsWith(".json")) {
            out.add(file.substring(0, file.length() - 5));
          }
        }
      } catch (RuntimeException e) {
        // no folder yet: no training sets
      }
    }
    out.sort(null);
    return out;
  }

  private static TrainingSetException exists(String name) {
    return new TrainingSetException(
        "training set '" + name + "' already exists; sets are immutable, choose another name");
  }

  static ObjectNode toJson(TrainingSet set) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", 1);
    doc.put("name", set.name());
    doc.put("createdAt", set.createdAt().toString());
    doc.put("episodesSnapshotId", set.episodesSnapshotId());
    if (set.framesSnapshotId() == null) {
      doc.putNull("framesSnapshotId");
    } else {
      doc.put("framesSnapshotId", set.framesSnapshotId());
    }
    TrainingSetSpec spec = set.spec();
    ObjectNode params = doc.putObject("parameters");
    strings(params.putArray("robotTypes"), spec.robotTypes());
    strings(params.putArray("tasks"), spec.tasks());
    strings(params.putArray("sites"), spec.sites());
    params.put("startedFrom", spec.startedFrom() == null ? null : spec.startedFrom().toString());
    params.put(
        "startedBefore", spec.startedBefore() == null ? null : spec.startedBefore().toString());
    strings(params.putArray("statuses"), spec.statuses());
    strings(params.putArray("excludedFlags"), spec.excludedFlags());
    params.put("minQuality", spec.minQuality());
    params.put("targetSize", spec.targetSize());
    params.put("capPerGroup", spec.capPerGroup());
    params.put("sceneProxy", "site_id");
    params.put("fps", spec.fps());
    strings(params.putArray("cameras"), spec.cameras());
    params.put("resampleFps", spec.resampleFps());
    ArrayNode members = doc.putArray("members");
    for (Member m : set.members()) {
      ObjectNode node = members.addObject();
      node.put("episodeId", m.episodeId());
      node.put("siteId", m.siteId());
      node.put("task", m.task());
      node.put("group", m.group());
    }
    return doc;
  }

  static TrainingSet fromJson(JsonNode doc) {
    JsonNode p = doc.path("parameters");
    TrainingSetSpec spec =
        new TrainingSetSpec(
            doc.path("name").asText(),
            strings(p.path("robotTypes")),
            strings(p.path("tasks")),
            strings(p.path("sites")),
            instant(p.path("startedFrom")),
            instant(p.path("startedBefore")),
            strings(p.path("statuses")),
            strings(p.path("excludedFlags")),
            p.path("minQuality").isNumber() ? p.path("minQuality").asDouble() : null,
            p.path("targetSize").asInt(),
            p.path("capPerGroup").asInt(),
            p.path("fps").isNumber() ? p.path("fps").asInt() : null,
            strings(p.path("cameras")),
            p.path("resampleFps").isNumber() ? p.path("resampleFps").asInt() : null);
    List<Member> members = new ArrayList<>();
    for (JsonNode m : doc.path("members")) {
      members.add(
          new Member(
              m.path("episodeId").asText(),
              m.path("siteId").asText(),
              m.path("task").asText(),
              m.path("group").asText()));
    }
    JsonNode frames = doc.path("framesSnapshotId");
    return new TrainingSet(
        spec,
        Instant.parse(doc.path("createdAt").asText()),
        doc.path("episodesSnapshotId").asLong(),
        frames.isNumber() ? frames.asLong() : null,
        members);
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Instant instant(JsonNode node) {
    return node.isTextual() ? Instant.parse(node.asText()) : null;
  }
}
