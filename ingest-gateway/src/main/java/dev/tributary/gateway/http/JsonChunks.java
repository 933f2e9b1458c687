package dev.tributary.gateway.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tributary.gateway.error.Rejection;
import dev.tributary.schema.JointChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a JSON chunk body ({@code Content-Type: application/json}; an array of them for a batch)
 * into the Avro {@link JointChunk}, once, at the edge: nothing JSON travels further, and from here
 * on the chunk takes the same rules, hash and Kafka bytes as one sent in Avro. The shape is the
 * record's fields with their Avro names (docs/protocol.md, "Joint chunks in JSON"); {@code action}
 * may be left out.
 *
 * <p>Strict on purpose: unknown or repeated fields, strings for numbers, fractions for integers and
 * nulls for numbers are {@code 400 malformed_json} rather than guesses, so a recorder's bug is
 * found at the first call and not in the training data.
 */
final class JsonChunks {
  private static final String SHAPE =
      "send {\"episodeId\":\"<uuid>\",\"sequence\":N,\"firstSampleIndex\":N,"
          + "\"captureMonoNanos\":[N,..],\"captureWallMicros\":[N,..],"
          + "\"state\":[[x,..],..],\"action\":[[x,..],..]} (action may be omitted)";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** The JSON document; boxed fields to tell an absent field from a zero. */
  record Body(
      String episodeId,
      Integer sequence,
      Integer firstSampleIndex,
      long[] captureMonoNanos,
      long[] captureWallMicros,
      float[][] state,
      float[][] action) {}

  private JsonChunks() {}

  /**
   * @throws Rejection 400 {@code malformed_json} when the body is not a JointChunk in JSON
   */
  static JointChunk read(byte[] body) {
    return toRecord(parse(body, Body.class), "");
  }

  /**
   * A batch in JSON: an array of chunk objects, each as in {@link #read}.
   *
   * @throws Rejection 400 {@code malformed_json} naming the array index of the first bad chunk
   */
  static List<JointChunk> readBatch(byte[] body) {
    Body[] items = parse(body, Body[].class);
    List<JointChunk> chunks = new ArrayList<>(items.length);
    for (int i = 0; i < items.length; i++) {
      chunks.add(toRecord(items[i], "chunk [" + i + "] of the batch: "));
    }
    return chunks;
  }

  private static <T> T parse(byte[] body, Class<T> type) {
    T json;
    try {
      json = JSON.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw malformed(describe(e));
    } catch (IOException e) {
      throw malformed(String.valueOf(e.getMessage()));
    }
    if (json == null) {
      throw malformed("the body is JSON null");
    }
    return json;
  }

  /**
   * @param where names the chunk in a batch ("" for a single chunk)
   */
  private static JointChunk toRecord(Body json, String where) {
    if (json == null) {
      throw malformed(where + "null instead of a chunk object");
    }
    List<String> missing = new ArrayList<>();
    if (json.episodeId() == null) {
      missing.add("episodeId");
    }
    if (json.sequence() == null) {
      missing.add("sequence");
    }
    if (json.firstSampleIndex() == null) {
      missing.add("firstSampleIndex");
    }
    if (json.captureMonoNanos() == null) {
      missing.add("captureMonoNanos");
    }
    if (json.captureWallMicros() == null) {
      missing.add("captureWallMicros");
    }
    if (json.state() == null) {
      missing.add("state");
    }
    if (!missing.isEmpty()) {
      throw malformed(where + "missing or null field(s) " + missing);
    }
    return JointChunk.newBuilder()
        .setEpisodeId(json.episodeId())
        .setSequence(json.sequence())
        .setFirstSampleIndex(json.firstSampleIndex())
        .setCaptureMonoNanos(longs(json.captureMonoNanos()))
        .setCaptureWallMicros(longs(json.captureWallMicros()))
        .setState(columns(json.state(), where + "state"))
        .setAction(json.action() == null ? List.of() : columns(json.action(), where + "action"))
        .build();
  }

  private static List<Long> longs(long[] values) {
    List<Long> out = new ArrayList<>(values.length);
    for (long value : values) {
      out.add(value);
    }
    return out;
  }

  private static List<List<Float>> columns(float[][] values, String field) {
    List<List<Float>> out = new ArrayList<>(values.length);
    for (int j = 0; j < values.length; j++) {
      if (values[j] == null) {
        throw malformed(field + "[" + j + "] is null: send an array of numbers per joint");
      }
      List<Float> column = new ArrayList<>(values[j].length);
      for (float value : values[j]) {
        column.add(value);
      }
      out.add(column);
    }
    return out;
  }

  private static String describe(JsonProcessingException e) {
    StringBuilder text = new StringBuilder(firstLine(String.valueOf(e.getOriginalMessage())));
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      text.append(" at ")
          .append(
              mapping
                  .getPathReference()
                  .replace("dev.tributary.gateway.http.JsonChunks$Body[]", "batch")
                  .replace("dev.tributary.gateway.http.JsonChunks$Body", "chunk"));
    }
    if (e.getLocation() != null) {
      text.append(" (line ")
          .append(e.getLocation().getLineNr())
          .append(", column ")
          .append(e.getLocation().getColumnNr())
          .append(')');
    }
    return text.toString();
  }

  private static Rejection malformed(String what) {
    return Rejection.malformed(
        "malformed_json", "the body is not a JointChunk in JSON: " + what + "; " + SHAPE);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
