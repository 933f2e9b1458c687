package dev.tributary.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.gateway.error.Rejection;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON answers and the protocol's error body; reads JSON request bodies into records. */
final class Responses {
  static final String ROUTE_KEY = "tributary.route";
  static final String SITE_KEY = "tributary.site";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  // Header name and value encoded once, not per answer.
  private static final CharSequence CONTENT_TYPE = HttpHeaders.CONTENT_TYPE;
  private static final CharSequence APPLICATION_JSON =
      HttpHeaders.createOptimized("application/json");
  private static final byte[] CHUNK_PREFIX =
      "{\"episodeId\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHUNK_MIDDLE = "\",\"sequence\":".getBytes(StandardCharsets.US_ASCII);

  private Responses() {}

  /**
   * The chunk answer {@code {"episodeId":"...","sequence":N}} written without Jackson: the same
   * bytes as {@code JSON.writeValueAsBytes(new ChunkAccepted(episodeId, sequence))} (tested) for an
   * episode id that needs no JSON escaping, which every valid id is (a lower-case UUID, checked
   * before anything is accepted); any other id goes through Jackson.
   */
  static Buffer chunkAccepted(String episodeId, int sequence) {
    if (!plainAscii(episodeId)) {
      return Buffer.buffer(encode(new ChunkAnswer(episodeId, sequence)));
    }
    byte[] id = episodeId.getBytes(StandardCharsets.US_ASCII);
    byte[] seq = Integer.toString(sequence).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[CHUNK_PREFIX.length + id.length + CHUNK_MIDDLE.length + seq.length + 1];
    int at = 0;
    System.arraycopy(CHUNK_PREFIX, 0, out, at, CHUNK_PREFIX.length);
    at += CHUNK_PREFIX.length;
    System.arraycopy(id, 0, out, at, id.length);
    at += id.length;
    System.arraycopy(CHUNK_MIDDLE, 0, out, at, CHUNK_MIDDLE.length);
    at += CHUNK_MIDDLE.length;
    System.arraycopy(seq, 0, out, at, seq.length);
    at += seq.length;
    out[at] = '}';
    return Buffer.buffer(out);
  }

  /** The shape of the chunk answer, for the fallback and the test. */
  record ChunkAnswer(String episodeId, int sequence) {}

  /**
   * The batch answer {@code {"episodeId":"...","accepted":[s0,s1,..]}} (the chunks' sequences in
   * the order sent) written without Jackson, the same bytes as Jackson would write (tested); an id
   * that would need escaping goes through Jackson.
   */
  static Buffer batchAccepted(String episodeId, int[] sequences) {
    if (!plainAscii(episodeId)) {
      return Buffer.buffer(encode(new BatchAnswer(episodeId, sequences)));
    }
    StringBuilder out = new StringBuilder(48 + 8 * sequences.length);
    out.append("{\"episodeId\":\"").append(episodeId).append("\",\"accepted\":[");
    for (int i = 0; i < sequences.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(sequences[i]);
    }
    out.append("]}");
    return Buffer.buffer(out.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** The shape of the batch answer, for the fallback and the test. */
  record BatchAnswer(String episodeId, int[] accepted) {}

  /** True when the text needs no JSON escaping and is ASCII. */
  private static boolean plainAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch < 0x20 || ch > 0x7e || ch == '"' || ch == '\\') {
        return false;
      }
    }
    return true;
  }

  /** Answers an already encoded JSON body unless the request was already answered. */
  static void json(RoutingContext ctx, int status, Buffer body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader(CONTENT_TYPE, APPLICATION_JSON).end(body);
  }

  static byte[] encode(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise answer " + body.getClass(), e);
    }
  }

  /** Answers unless the request was already answered (e.g. by the timeout handler). */
  static void json(RoutingContext ctx, int status, Object body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response
        .setStatusCode(status)
        .putHeader(CONTENT_TYPE, APPLICATION_JSON)
        .end(Buffer.buffer(encode(body)));
  }

  static void error(RoutingContext ctx, Rejection rejection) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (rejection.retryAfterSeconds() > 0) {
      response.putHeader("Retry-After", String.valueOf(rejection.retryAfterSeconds()));
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", rejection.reason());
    body.put("message", rejection.getMessage());
    json(ctx, rejection.status(), body);
  }

  /**
   * Parses a JSON body into a record; an absent body gives {@code whenEmpty}.
   *
   * @throws Rejection 400 when the body is not valid JSON for the type
   */
  static <T> T readJson(RoutingContext ctx, Class<T> type, T whenEmpty) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      if (whenEmpty != null) {
        return whenEmpty;
      }
      throw Rejection.malformed("malformed_json", "the body is empty: send a JSON object");
    }
    try {
      T value = JSON.readValue(body.getBytes(), type);
      if (value == null) {
        throw Rejection.malformed("malformed_json", "the body is JSON null: send a JSON object");
      }
      return value;
    } catch (IOException e) {
      throw Rejection.malformed(
          "malformed_json",
          "the body is not a valid JSON object for this call: "
              + firstLine(String.valueOf(e.getMessage())));
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
