package dev.tributary.gateway;

import static dev.tributary.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.gateway.config.GatewayLimits;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VideoSegment;
import dev.tributary.schema.codec.AvroCodec;
import dev.tributary.schema.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayIT {
  static final AvroCodec<EpisodeManifest> MANIFEST = AvroCodec.of(EpisodeManifest.class);
  static final AvroCodec<JointChunk> CHUNK = AvroCodec.of(JointChunk.class);
  static final AvroCodec<VideoSegment> VIDEO = AvroCodec.of(VideoSegment.class);
  static final AvroCodec<EpisodeCommit> COMMIT = AvroCodec.of(EpisodeCommit.class);

  @TempDir static Path dir;
  EmbeddedStack stack;
  IngestGateway gateway;
  GatewayClient client;
  String lisbon;
  String porto;
  String revoked;

  /** An episode opened by lisbon, used by the bad-input table. */
  String openEpisode;

  @BeforeAll
  void start() {
    stack = new EmbeddedStack(dir);
    gateway =
        IngestGateway.start(
            stack.config(), GatewayLimits.defaults().withSiteRate(100_000, 100_000));
    client = new GatewayClient(gateway.baseUrl(), EmbeddedStack.ADMIN_TOKEN);
    lisbon = client.enrolNewToken("lisbon");
    porto = client.enrolNewToken("porto");
    revoked = client.enrolNewToken("faro");
    assertThat(client.admin("admin/v1/sites/faro/revoke-tokens", "").statusCode()).isEqualTo(200);
    openEpisode = Fixtures.newEpisodeId();
    assertThat(putManifest(openEpisode, lisbon, "front").statusCode()).isEqualTo(202);
  }

  @AfterAll
  void stop() {
    try {
      if (gateway != null) {
        gateway.close();
      }
    } finally {
      if (stack != null) {
        stack.close();
      }
    }
  }

  HttpResponse<String> putManifest(String episodeId, String token, String... cameras) {
    return client.put(
        "v1/episodes/" + episodeId,
        token,
        MANIFEST.encode(Fixtures.manifest(episodeId, "lisbon", cameras)));
  }

  HttpResponse<String> putChunk(String episodeId, String token, JointChunk chunk) {
    return client.put(
        "v1/episodes/" + episodeId + "/chunks/" + chunk.getSequence(), token, CHUNK.encode(chunk));
  }

  static final String CHUNKS_AVRO = "application/vnd.tributary.chunks+avro";

  /** Chunks' Avro encodings back to back: a batch body. */
  static byte[] batch(JointChunk... chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (JointChunk chunk : chunks) {
      out.writeBytes(CHUNK.encode(chunk));
    }
    return out.toByteArray();
  }

  /** {@code POST .../chunks} with a body of the given type (and Content-Encoding when not null). */
  HttpResponse<String> postBatch(
      GatewayClient via,
      String episodeId,
      String token,
      String type,
      String encoding,
      byte[] body) {
    HttpRequest.Builder b =
        via.request("v1/episodes/" + episodeId + "/chunks")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    return via.send(b.build());
  }

  HttpResponse<String> postBatch(String episodeId, byte[] body) {
    return postBatch(client, episodeId, lisbon, CHUNKS_AVRO, null, body);
  }

  /** A chunk in the documented JSON shape (docs/protocol.md, "Joint chunks in JSON"). */
  static String chunkJson(JointChunk chunk) {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("episodeId", chunk.getEpisodeId());
    fields.put("sequence", chunk.getSequence());
    fields.put("firstSampleIndex", chunk.getFirstSampleIndex());
    fields.put("captureMonoNanos", chunk.getCaptureMonoNanos());
    fields.put("captureWallMicros", chunk.getCaptureWallMicros());
    fields.put("state", chunk.getState());
    fields.put("action", chunk.getAction());
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> putJsonChunk(String path, String json) {
    return client.send(
        client
            .request(path)
            .header("Authorization", "Bearer " + lisbon)
            .header("Content-Type", "application/json; charset=utf-8")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  HttpResponse<String> putVideo(String episodeId, String camera, String uploadId, VideoSegment v) {
    return client.put(
        "v1/episodes/"
            + episodeId
            + "/videos/"
            + camera
            + (uploadId == null ? "" : "?uploadId=" + uploadId),
        lisbon,
        VIDEO.encode(v));
  }

  static byte[] fakeMp4(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    System.arraycopy(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p'}, 0, bytes, 0, 8);
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aWholeEpisodeArrivesInKafkaOnceWithTheTokensSite() throws Exception {
    String episodeId = Fixtures.newEpisodeId();
    HttpResponse<String> opened = putManifest(episodeId, lisbon, "front");
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
    JsonNode uploads = json(opened).get("videoUploads");
    assertThat(uploads).hasSize(1);
    assertThat(uploads.get(0).get("objectKey").asText())
        .isEqualTo("sites/lisbon/episodes/" + episodeId + "/front.mp4");
    assertThat(uploads.get(0).get("partSize").asLong()).isEqualTo(VideoParts.PART_SIZE);

    JointChunk first = Fixtures.chunk(episodeId, 0, 30);
    JointChunk second = Fixtures.chunk(episodeId, 1, 30);
    assertThat(putChunk(episodeId, lisbon, first).statusCode()).isEqualTo(202);
    HttpResponse<String> sent = putChunk(episodeId, lisbon, second);
    assertThat(sent.statusCode()).isEqualTo(202);
    assertThat(json(sent).get("sequence").asInt()).isEqualTo(1);
    HttpResponse<String> resent = putChunk(episodeId, lisbon, second);
    assertThat(resent.statusCode()).isEqualTo(202);
    assertThat(resent.body()).isEqualTo(sent.body());

    byte[] mp4 = fakeMp4(200_000, 1);
    String uploadId = VideoParts.upload(client, lisbon, episodeId, "front", mp4);
    VideoSegment video = Fixtures.video(episodeId, "lisbon", "front", mp4.length, sha256(mp4));
    HttpResponse<String> referenced = putVideo(episodeId, "front", uploadId, video);
    assertThat(referenced.statusCode()).as(referenced.body()).isEqualTo(202);

    EpisodeCommit commit = Fixtures.commit(episodeId, List.of(first, second), Map.of("front", 60));
    HttpResponse<String> committed =
        client.put("v1/episodes/" + episodeId + "/commit", lisbon, COMMIT.encode(commit));
    assertThat(committed.statusCode()).isEqualTo(202);
    assertThat(json(committed).get("episodeId").asText()).isEqualTo(episodeId);

    List<IngestEvent> events =
        stack.ingestEvents().stream().filter(e -> e.getEpisodeId().equals(episodeId)).toList();
    assertThat(events).allSatisfy(e -> assertThat(e.getSiteId()).isEqualTo("lisbon"));
    assertThat(events).allSatisfy(e -> assertThat(e.getGatewayId()).isEqualTo("gw-1"));
    assertThat(events.stream().map(e -> e.getPayload()).toList())
        .containsExactly(
            Fixtures.manifest(episodeId, "lisbon", "front"), first, second, video, commit);

    HttpResponse<String> status = client.get("v1/episodes/" + episodeId, lisbon);
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(json(status).get("status").asText()).isEqualTo("RECEIVED");
    assertThat(status.headers().firstValue("Tributary-Chunks-Received")).hasValue("2");
    assertThat(client.get("v1/episodes/" + episodeId, porto).statusCode()).isEqualTo(403);
  }

  @Test
  void aJsonChunkIsConvertedOnceAndLandsInKafkaExactlyAsTheAvroChunk() throws Exception {
    String episodeId = Fixtures.newEpisodeId();
    assertThat(putManifest(episodeId, lisbon, "front").statusCode()).isEqualTo(202);
    JointChunk chunk = Fixtures.chunk(episodeId, 0, 30);
    HttpResponse<String> json =
        putJsonChunk("v1/episodes/" + episodeId + "/chunks/0", chunkJson(chunk));
    assertThat(json.statusCode()).as(json.body()).isEqualTo(202);
    assertThat(json(json).get("sequence").asInt()).isEqualTo(0);
    // The same chunk in Avro is an identical re-send (same canonical bytes, same hash): 202, no
    // second event. A different body under the same sequence would be 409.
    HttpResponse<String> avro = putChunk(episodeId, lisbon, chunk);
    assertThat(avro.statusCode()).as(avro.body()).isEqualTo(202);
    assertThat(avro.body()).isEqualTo(json.body());
    List<IngestEvent> events =
        stack.ingestEvents().stream().filter(e -> e.getEpisodeId().equals(episodeId)).toList();
    assertThat(events).hasSize(2);
    assertThat(events.get(1).getPayload()).isEqualTo(chunk);
    assertThat(events.get(1).getSiteId()).isEqualTo("lisbon");
  }

  @Test
  void aTwentyMibVideoGoesUpInThreeEightMibPartsResumesUnderOneUploadAndIsCheckedWhole() {
    String episodeId = Fixtures.newEpisodeId();
    assertThat(putManifest(episodeId, lisbon, "front").statusCode()).isEqualTo(202);
    byte[] mp4 = fakeMp4(20 * 1024 * 1024, 7);

    HttpResponse<String> asked = VideoParts.requestUrls(client, lisbon, episodeId, "front", mp4);
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
    JsonNode urls = json(asked);
    String uploadId = urls.get("uploadId").asText();
    assertThat(urls.get("partSize").asLong()).isEqualTo(8L * 1024 * 1024);
    assertThat(urls.get("parts").findValuesAsText("sizeBytes"))
        .containsExactly("8388608", "8388608", "4194304");
    assertThat(VideoParts.putPart(client, urls, mp4, 1).statusCode()).isEqualTo(200);
    HttpResponse<String> early =
        putVideo(
            episodeId,
            "front",
            uploadId,
            Fixtures.video(episodeId, "lisbon", "front", mp4.length, sha256(mp4)));
    assertThat(early.statusCode()).as(early.body()).isEqualTo(422);
    assertThat(json(early).get("error").asText()).isEqualTo("video_parts_missing");
    assertThat(json(early).get("message").asText()).contains("[2, 3]");

    // A restarted recorder asks again, with and without its upload id: same upload, fresh URLs.
    JsonNode resumed =
        json(VideoParts.requestUrls(client, lisbon, episodeId, "front", mp4, uploadId));
    JsonNode lostAnswer = json(VideoParts.requestUrls(client, lisbon, episodeId, "front", mp4));
    assertThat(resumed.get("uploadId").asText()).isEqualTo(uploadId);
    assertThat(lostAnswer.get("uploadId").asText()).isEqualTo(uploadId);
    assertThat(VideoParts.putPart(client, resumed, mp4, 2).statusCode()).isEqualTo(200);
    assertThat(VideoParts.putPart(client, resumed, mp4, 3).statusCode()).isEqualTo(200);

    VideoSegment video = Fixtures.video(episodeId, "lisbon", "front", mp4.length, sha256(mp4));
    HttpResponse<String> referenced = putVideo(episodeId, "front", uploadId, video);
    assertThat(referenced.statusCode()).as(referenced.body()).isEqualTo(202);
    HttpResponse<String> again = putVideo(episodeId, "front", uploadId, video);
    assertThat(again.statusCode()).as("completed already: idempotent").isEqualTo(202);
    assertThat(
            stack.ingestEvents().stream()
                .filter(e -> e.getEpisodeId().equals(episodeId))
                .filter(e -> e.getPayload() instanceof VideoSegment))
        .containsExactly(
            stack.ingestEvents().stream()
                .filter(e -> e.getEpisodeId().equals(episodeId))
                .filter(e -> e.getPayload() instanceof VideoSegment)
                .findFirst()
                .orElseThrow());
  }

  /** A request the object store itself must refuse, with its S3 status and error code. */
  record StoreMisuse(String what, Supplier<HttpResponse<String>> send, int status, String code) {
    @Override
    public String toString() {
      return what;
    }
  }

  Stream<Arguments> storeMisuses() {
    String episodeId = Fixtures.newEpisodeId();
    putManifest(episodeId, lisbon, "front");
    byte[] mp4 = fakeMp4(3_000, 11);
    byte[] other = fakeMp4(3_000, 12);
    JsonNode urls = json(VideoParts.requestUrls(client, lisbon, episodeId, "front", mp4));
    String url = urls.get("parts").get(0).get("url").asText();
    String md5 = VideoParts.md5(mp4, 0, mp4.length);
    String otherEpisode = Fixtures.newEpisodeId();
    return Stream.of(
            new StoreMisuse(
                "a part URL used for another episode's key",
                () ->
                    VideoParts.putPart(
                        client, url.replace(episodeId, otherEpisode), mp4, 0, mp4.length, md5),
                403,
                "SignatureDoesNotMatch"),
            new StoreMisuse(
                "a part URL used for another part number",
                () ->
                    VideoParts.putPart(
                        client, url.replace("partNumber=1", "partNumber=2"), mp4, 0, 3_000, md5),
                403,
                "SignatureDoesNotMatch"),
            new StoreMisuse(
                "part bytes that differ from the signed checksum",
                () -> VideoParts.putPart(client, url, other, 0, other.length, md5),
                400,
                "BadDigest"),
            new StoreMisuse(
                "a Content-MD5 header other than the signed one",
                () ->
                    VideoParts.putPart(
                        client, url, other, 0, other.length, VideoParts.md5(other, 0, 3_000)),
                403,
                "SignatureDoesNotMatch"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storeMisuses")
  void theObjectStoreRefusesEveryMisuseOfAPartUrl(StoreMisuse misuse) {
    HttpResponse<String> answer = misuse.send().get();
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(misuse.status());
    assertThat(answer.body()).contains("<Code>" + misuse.code() + "</Code>");
  }

  byte[] gzip(byte[] raw) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  /** One bad request: what it is, how to send it, and the answer it must get. */
  record Bad(String what, Supplier<HttpResponse<String>> send, int status, String error) {
    @Override
    public String toString() {
      return what;
    }
  }

  Stream<Arguments> badInputs() throws Exception {
    String ep = openEpisode;
    String chunkPath = "v1/episodes/" + ep + "/chunks/";
    byte[] valid = CHUNK.encode(Fixtures.chunk(ep, 3, 10));
    String validJson = chunkJson(Fixtures.chunk(ep, 3, 10));
    byte[] unknownFingerprint = valid.clone();
    unknownFingerprint[4] ^= 0x5A;
    byte[] garbage = Arrays.copyOf(valid, 40);
    Arrays.fill(garbage, 10, 40, (byte) 0xFF);
    JointChunk backwards = Fixtures.chunk(ep, 4, 10);
    List<Long> mono = new java.util.ArrayList<>(backwards.getCaptureMonoNanos());
    mono.set(3, mono.get(2) - 1);
    backwards.setCaptureMonoNanos(mono);
    JointChunk differentFive = Fixtures.chunk(ep, 5, 10);
    differentFive.getState().get(0).set(0, 42f);
    byte[] oversized = new byte[256 * 1024 + 1];
    byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
    byte[] mp4 = fakeMp4(5_000, 3);
    String uploadId = VideoParts.upload(client, lisbon, ep, "front", mp4);
    VideoSegment wrongSha =
        Fixtures.video(ep, "lisbon", "front", mp4.length, sha256(fakeMp4(5_000, 4)));
    VideoSegment wrongSize = Fixtures.video(ep, "lisbon", "front", mp4.length + 1, sha256(mp4));
    // Completes the upload (all its parts are there) but is refused: the object now exists.
    assertThat(putVideo(ep, "front", uploadId, wrongSha).statusCode()).isEqualTo(422);
    String partial = Fixtures.newEpisodeId();
    putManifest(partial, lisbon, "front");
    byte[] large = fakeMp4(17 * 1024 * 1024, 5);
    JsonNode partialUrls = json(VideoParts.requestUrls(client, lisbon, partial, "front", large));
    assertThat(VideoParts.putPart(client, partialUrls, large, 2).statusCode()).isEqualTo(200);
    VideoSegment partialVideo =
        Fixtures.video(partial, "lisbon", "front", large.length, sha256(large));
    String partsPath = "v1/episodes/" + ep + "/videos/front/uploads";
    List<String> oneMd5 = VideoParts.md5s(mp4, VideoParts.PART_SIZE);
    String absentEpisode = Fixtures.newEpisodeId();
    putManifest(absentEpisode, lisbon, "front");
    VideoSegment notUploaded =
        Fixtures.video(absentEpisode, "lisbon", "front", 10, sha256(new byte[10]));
    String usedCode =
        json(client.admin("admin/v1/sites/lisbon/enrolment-codes", "{}")).get("code").asText();
    Supplier<HttpResponse<String>> enrolUsed =
        () ->
            client.send(
                client
                    .request("v1/enroll")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + usedCode + "\"}"))
                    .build());
    enrolUsed.get();
    assertThat(putChunk(ep, lisbon, Fixtures.chunk(ep, 5, 10)).statusCode()).isEqualTo(202);
    byte[] six = CHUNK.encode(Fixtures.chunk(ep, 6, 10));
    byte[] seven = CHUNK.encode(Fixtures.chunk(ep, 7, 10));
    byte[] truncatedSecond = batch(Fixtures.chunk(ep, 6, 10));
    truncatedSecond = Arrays.copyOf(truncatedSecond, truncatedSecond.length + seven.length - 9);
    System.arraycopy(seven, 0, truncatedSecond, six.length, seven.length - 9);
    JointChunk[] sixtyFive = new JointChunk[65];
    for (int i = 0; i < sixtyFive.length; i++) {
      sixtyFive[i] = Fixtures.chunk(ep, 100 + i, 2);
    }
    byte[] oversizedBatch = new byte[4 * 1024 * 1024 + 1];
    byte[] batchBomb = gzip(new byte[64 * 1024 * 1024]);
    byte[] truncatedSecondFinal = truncatedSecond;

    return Stream.of(
            new Bad(
                "malformed Avro",
                () -> client.put(chunkPath + 3, lisbon, garbage),
                400,
                "malformed_avro"),
            new Bad(
                "unknown schema fingerprint",
                () -> client.put(chunkPath + 3, lisbon, unknownFingerprint),
                400,
                "unknown_schema_fingerprint"),
            new Bad(
                "truncated body",
                () -> client.put(chunkPath + 3, lisbon, Arrays.copyOf(valid, valid.length - 9)),
                400,
                "malformed_avro"),
            new Bad(
                "body shorter than the Avro header",
                () -> client.put(chunkPath + 3, lisbon, Arrays.copyOf(valid, 7)),
                400,
                "truncated_payload"),
            new Bad(
                "not Avro at all",
                () -> client.put(chunkPath + 3, lisbon, "{\"hello\":1}".getBytes()),
                400,
                "not_single_object_encoding"),
            new Bad(
                "oversized body",
                () -> client.put(chunkPath + 3, lisbon, oversized),
                413,
                "body_too_large"),
            new Bad(
                "compression bomb",
                () ->
                    client.send(
                        client
                            .request(chunkPath + 3)
                            .header("Authorization", "Bearer " + lisbon)
                            .header("Content-Type", GatewayClient.AVRO)
                            .header("Content-Encoding", "gzip")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(bomb))
                            .build()),
                413,
                "body_too_large"),
            new Bad(
                "missing token",
                () -> client.put(chunkPath + 3, null, valid),
                401,
                "missing_token"),
            new Bad(
                "wrong token",
                () -> client.put(chunkPath + 3, "x" + lisbon, valid),
                401,
                "invalid_token"),
            new Bad(
                "another site's token",
                () -> client.put(chunkPath + 3, porto, valid),
                403,
                "episode_of_other_site"),
            new Bad(
                "revoked token",
                () -> client.put(chunkPath + 3, revoked, valid),
                401,
                "revoked_token"),
            new Bad(
                "wrong content type",
                () ->
                    client.send(
                        client
                            .request(chunkPath + 3)
                            .header("Authorization", "Bearer " + lisbon)
                            .header("Content-Type", "text/plain")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(valid))
                            .build()),
                415,
                "unsupported_content_type"),
            new Bad(
                "JSON chunk that is not JSON",
                () -> putJsonChunk(chunkPath + 3, "{\"episodeId\": \"" + ep + "\", \"sequence\":"),
                400,
                "malformed_json"),
            new Bad(
                "JSON chunk with a string for a number",
                () ->
                    putJsonChunk(
                        chunkPath + 3, validJson.replace("\"sequence\":3", "\"sequence\":\"3\"")),
                400,
                "malformed_json"),
            new Bad(
                "JSON chunk with an object for a column",
                () ->
                    putJsonChunk(
                        chunkPath + 3,
                        validJson
                            .replace("\"captureWallMicros\":[", "\"captureWallMicros\":{\"x\":[")
                            .replace("],\"state\"", "]},\"state\"")),
                400,
                "malformed_json"),
            new Bad(
                "JSON chunk with a fraction for a timestamp",
                () ->
                    putJsonChunk(
                        chunkPath + 3,
                        validJson.replace("\"captureMonoNanos\":[", "\"captureMonoNanos\":[0.5,")),
                400,
                "malformed_json"),
            new Bad(
                "JSON chunk without its sequence",
                () -> putJsonChunk(chunkPath + 3, validJson.replace("\"sequence\":3,", "")),
                400,
                "malformed_json"),
            new Bad(
                "JSON chunk with an unknown field",
                () -> putJsonChunk(chunkPath + 3, validJson.replace("{", "{\"sequense\":3,")),
                400,
                "malformed_json"),
            new Bad(
                "Avro bytes labelled as JSON",
                () ->
                    client.send(
                        client
                            .request(chunkPath + 3)
                            .header("Authorization", "Bearer " + lisbon)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(valid))
                            .build()),
                400,
                "malformed_json"),
            new Bad(
                "JSON chunk with non-monotonic timestamps (same rules as Avro)",
                () -> putJsonChunk(chunkPath + 4, chunkJson(backwards)),
                422,
                "non_monotonic_timestamps"),
            new Bad(
                "JSON chunk whose path and body sequence differ",
                () -> putJsonChunk(chunkPath + 9, validJson),
                422,
                "sequence_mismatch"),
            new Bad(
                "negative sequence",
                () -> client.put(chunkPath + "-1", lisbon, valid),
                422,
                "negative_sequence"),
            new Bad(
                "path and body sequence differ",
                () -> client.put(chunkPath + 9, lisbon, valid),
                422,
                "sequence_mismatch"),
            new Bad(
                "non-monotonic timestamps",
                () -> putChunk(ep, lisbon, backwards),
                422,
                "non_monotonic_timestamps"),
            new Bad(
                "a different chunk under an accepted sequence",
                () -> putChunk(ep, lisbon, differentFive),
                409,
                "conflicting_resend"),
            new Bad(
                "path and body episode differ",
                () ->
                    client.put(
                        "v1/episodes/" + Fixtures.newEpisodeId() + "/chunks/3", lisbon, valid),
                422,
                "episode_id_mismatch"),
            new Bad(
                "episode id that is not a UUID",
                () -> client.put("v1/episodes/not-a-uuid/chunks/3", lisbon, valid),
                400,
                "invalid_episode_id"),
            new Bad(
                "manifest naming another site",
                () ->
                    client.put(
                        "v1/episodes/" + ep,
                        porto,
                        MANIFEST.encode(Fixtures.manifest(ep, "lisbon", "front"))),
                403,
                "site_mismatch"),
            new Bad(
                "video checksum mismatch",
                () ->
                    client.put(
                        "v1/episodes/" + ep + "/videos/front", lisbon, VIDEO.encode(wrongSha)),
                422,
                "video_checksum_mismatch"),
            new Bad(
                "video size mismatch",
                () ->
                    client.put(
                        "v1/episodes/" + ep + "/videos/front", lisbon, VIDEO.encode(wrongSize)),
                422,
                "video_size_mismatch"),
            new Bad(
                "video never uploaded",
                () ->
                    client.put(
                        "v1/episodes/" + absentEpisode + "/videos/front",
                        lisbon,
                        VIDEO.encode(notUploaded)),
                422,
                "video_not_found"),
            new Bad(
                "completion while parts are missing",
                () ->
                    client.put(
                        "v1/episodes/"
                            + partial
                            + "/videos/front?uploadId="
                            + partialUrls.get("uploadId").asText(),
                        lisbon,
                        VIDEO.encode(partialVideo)),
                422,
                "video_parts_missing"),
            new Bad(
                "completion of an upload that does not exist",
                () ->
                    client.put(
                        "v1/episodes/" + absentEpisode + "/videos/front?uploadId=no-such-upload",
                        lisbon,
                        VIDEO.encode(notUploaded)),
                422,
                "video_not_found"),
            new Bad(
                "an upload id with characters S3 never uses",
                () ->
                    client.put(
                        "v1/episodes/" + ep + "/videos/front?uploadId=%3Cscript%3E",
                        lisbon,
                        VIDEO.encode(wrongSha)),
                400,
                "invalid_upload_id"),
            new Bad(
                "part URLs with a part size below 8 MiB",
                () ->
                    client.postJson(
                        partsPath,
                        lisbon,
                        VideoParts.body(mp4.length, 5L * 1024 * 1024, oneMd5, null)),
                422,
                "invalid_part_size"),
            new Bad(
                "part URLs with fewer checksums than parts",
                () ->
                    client.postJson(
                        partsPath,
                        lisbon,
                        VideoParts.body(20L * 1024 * 1024, VideoParts.PART_SIZE, oneMd5, null)),
                422,
                "part_count_mismatch"),
            new Bad(
                "part URLs with a checksum that is not an MD5",
                () ->
                    client.postJson(
                        partsPath,
                        lisbon,
                        VideoParts.body(
                            mp4.length, VideoParts.PART_SIZE, List.of("bm90IGFuIG1kNQ=="), null)),
                422,
                "invalid_part_md5"),
            new Bad(
                "part URLs without the video's size",
                () -> client.postJson(partsPath, lisbon, "{\"partSize\":8388608}"),
                400,
                "malformed_json"),
            new Bad(
                "part URLs for another site's episode",
                () ->
                    client.postJson(
                        partsPath,
                        porto,
                        VideoParts.body(mp4.length, VideoParts.PART_SIZE, oneMd5, null)),
                403,
                "episode_of_other_site"),
            new Bad(
                "part URLs for a camera not in the manifest",
                () ->
                    client.postJson(
                        "v1/episodes/" + ep + "/videos/side/uploads",
                        lisbon,
                        VideoParts.body(mp4.length, VideoParts.PART_SIZE, oneMd5, null)),
                422,
                "unknown_camera"),
            new Bad(
                "video for a camera not in the manifest",
                () ->
                    client.put(
                        "v1/episodes/" + ep + "/videos/side",
                        lisbon,
                        VIDEO.encode(Fixtures.video(ep, "lisbon", "side", 10, sha256(mp4)))),
                422,
                "unknown_camera"),
            new Bad(
                "wrong admin token",
                () ->
                    client.send(
                        client
                            .request("admin/v1/sites")
                            .header("Authorization", "Bearer nope")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"siteId\":\"x\"}"))
                            .build()),
                401,
                "invalid_admin_token"),
            new Bad("an enrolment code used twice", enrolUsed, 401, "enrolment_code_invalid"),
            new Bad(
                "admin body that is not JSON",
                () -> client.admin("admin/v1/sites", "{siteId"),
                400,
                "malformed_json"),
            new Bad(
                "batch: truncated second chunk",
                () -> postBatch(ep, truncatedSecondFinal),
                400,
                "malformed_avro"),
            new Bad(
                "batch: a chunk of another episode",
                () ->
                    postBatch(
                        ep,
                        batch(
                            Fixtures.chunk(ep, 6, 10),
                            Fixtures.chunk(Fixtures.newEpisodeId(), 7, 10))),
                422,
                "episode_id_mismatch"),
            new Bad(
                "batch: the same sequence twice",
                () -> postBatch(ep, batch(Fixtures.chunk(ep, 6, 10), Fixtures.chunk(ep, 6, 10))),
                400,
                "duplicate_sequence"),
            new Bad(
                "batch: a chunk that breaks a rule",
                () -> postBatch(ep, batch(Fixtures.chunk(ep, 6, 10), backwards)),
                422,
                "non_monotonic_timestamps"),
            new Bad(
                "batch: an accepted sequence with different content",
                () -> postBatch(ep, batch(Fixtures.chunk(ep, 6, 10), differentFive)),
                409,
                "conflicting_resend"),
            new Bad(
                "batch: more chunks than allowed",
                () -> postBatch(ep, batch(sixtyFive)),
                413,
                "too_many_chunks"),
            new Bad(
                "batch: body over the batch limit",
                () -> postBatch(ep, oversizedBatch),
                413,
                "body_too_large"),
            new Bad(
                "batch: single-chunk content type",
                () -> postBatch(client, ep, lisbon, GatewayClient.AVRO, null, six),
                415,
                "unsupported_content_type"),
            new Bad(
                "batch: compression bomb",
                () -> postBatch(client, ep, lisbon, CHUNKS_AVRO, "gzip", batchBomb),
                413,
                "body_too_large"),
            new Bad(
                "batch: another site's episode",
                () -> postBatch(client, ep, porto, CHUNKS_AVRO, null, six),
                403,
                "episode_of_other_site"),
            new Bad(
                "batch: JSON array with a bad chunk",
                () ->
                    postBatch(
                        client,
                        ep,
                        lisbon,
                        "application/json",
                        null,
                        ("[" + chunkJson(Fixtures.chunk(ep, 6, 10)) + ",{\"episodeId\":\"x\"}]")
                            .getBytes()),
                400,
                "malformed_json"),
            new Bad("batch: empty body", () -> postBatch(ep, new byte[0]), 400, "empty_body"),
            new Bad("unknown route", () -> client.get("v1/nothing", lisbon), 404, "not_found"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void eachBadInputGetsItsOwnStatusAndReason(Bad bad) {
    HttpResponse<String> answer = bad.send().get();
    assertThat(answer.statusCode()).as(bad.what() + ": " + answer.body()).isEqualTo(bad.status());
    JsonNode body = json(answer);
    assertThat(body.get("error").asText()).isEqualTo(bad.error());
    assertThat(body.get("message").asText()).isNotBlank();
    // The gateway keeps serving valid requests afterwards.
    assertThat(putChunk(openEpisode, lisbon, Fixtures.chunk(openEpisode, 0, 10)).statusCode())
        .isEqualTo(202);
  }

  @Test
  void tenThousandRandomizedPayloadsNeverGetA5xx() throws Exception {
    String episodeId = Fixtures.newEpisodeId();
    assertThat(putManifest(episodeId, lisbon, "front").statusCode()).isEqualTo(202);
    Random random = new Random(20261122);
    byte[] manifest = MANIFEST.encode(Fixtures.manifest(episodeId, "lisbon", "front"));
    byte[] chunk = CHUNK.encode(Fixtures.chunk(episodeId, 0, 20));
    byte[] video =
        VIDEO.encode(Fixtures.video(episodeId, "lisbon", "front", 10, sha256(new byte[10])));
    byte[] commit =
        COMMIT.encode(
            Fixtures.commit(
                episodeId, List.of(Fixtures.chunk(episodeId, 0, 20)), Map.of("front", 1)));
    java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(16);
    java.util.concurrent.ConcurrentHashMap<Integer, Integer> statuses =
        new java.util.concurrent.ConcurrentHashMap<>();
    List<String> fiveHundreds = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    List<java.util.concurrent.CompletableFuture<?>> pending = new java.util.ArrayList<>();
    byte[] batch =
        batch(
            Fixtures.chunk(episodeId, 0, 20),
            Fixtures.chunk(episodeId, 1, 20),
            Fixtures.chunk(episodeId, 2, 20));
    for (int i = 0; i < 10_000; i++) {
      int pick = random.nextInt(12);
      String path;
      byte[] body;
      boolean isBatch = pick >= 10;
      if (isBatch) {
        path = "v1/episodes/" + episodeId + "/chunks";
        body = dev.tributary.gateway.validation.Fuzz.mutate(batch, random);
      } else if (pick < 6) {
        String sequence =
            random.nextInt(20) == 0 ? String.valueOf(random.nextLong()) : String.valueOf(0);
        path = "v1/episodes/" + episodeId + "/chunks/" + sequence;
        body = dev.tributary.gateway.validation.Fuzz.mutate(chunk, random);
      } else if (pick < 7) {
        path = "v1/episodes/" + episodeId;
        body = dev.tributary.gateway.validation.Fuzz.mutate(manifest, random);
      } else if (pick < 8) {
        path = "v1/episodes/" + episodeId + "/videos/front";
        body = dev.tributary.gateway.validation.Fuzz.mutate(video, random);
      } else if (pick < 9) {
        path = "v1/episodes/" + episodeId + "/commit";
        body = dev.tributary.gateway.validation.Fuzz.mutate(commit, random);
      } else {
        byte[] segment = new byte[1 + random.nextInt(12)];
        random.nextBytes(segment);
        path =
            "v1/episodes/"
                + java.net.URLEncoder.encode(
                    new String(segment, java.nio.charset.StandardCharsets.ISO_8859_1),
                    java.nio.charset.StandardCharsets.UTF_8)
                + "/chunks/1";
        body = dev.tributary.gateway.validation.Fuzz.mutate(chunk, random);
      }
      HttpRequest.Builder request =
          client
              .request(path)
              .header("Authorization", "Bearer " + lisbon)
              .header(
                  "Content-Type",
                  random.nextInt(50) == 0
                      ? "text/plain"
                      : isBatch ? CHUNKS_AVRO : GatewayClient.AVRO);
      if (random.nextInt(20) == 0) {
        request.header("Content-Encoding", "gzip");
        body = random.nextBoolean() ? gzip(body) : body;
      }
      HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofByteArray(body);
      HttpRequest built = (isBatch ? request.POST(publisher) : request.PUT(publisher)).build();
      window.acquire();
      pending.add(
          client
              .http()
              .sendAsync(built, HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (response, error) -> {
                    window.release();
                    int status = error != null ? -1 : response.statusCode();
                    statuses.merge(status, 1, Integer::sum);
                    if (status >= 500 || status < 0) {
                      fiveHundreds.add(
                          built.uri()
                              + " -> "
                              + (error != null ? error.toString() : response.body()));
                    }
                  }));
    }
    java.util.concurrent.CompletableFuture.allOf(
            pending.toArray(java.util.concurrent.CompletableFuture[]::new))
        .exceptionally(e -> null)
        .get(5, java.util.concurrent.TimeUnit.MINUTES);
    assertThat(fiveHundreds).as("answers by status: %s", statuses).isEmpty();
    assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
    assertThat(putChunk(episodeId, lisbon, Fixtures.chunk(episodeId, 7, 10)).statusCode())
        .isEqualTo(202);
  }

  @Test
  void aBatchLandsInKafkaByteForByteAsTheSameChunksSentOneByOne() throws Exception {
    String episodeId = Fixtures.newEpisodeId();
    assertThat(putManifest(episodeId, lisbon, "front").statusCode()).isEqualTo(202);
    JointChunk[] chunks = new JointChunk[5];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = Fixtures.chunk(episodeId, i, 30);
      assertThat(putChunk(episodeId, lisbon, chunks[i]).statusCode()).isEqualTo(202);
    }
    // A second instance has not seen them (its ledger is its own), so the batch publishes them
    // all again: the records must be the same bytes but for the receive time.
    try (IngestGateway second = IngestGateway.start(stack.config().withPort(0))) {
      GatewayClient other = new GatewayClient(second.baseUrl(), EmbeddedStack.ADMIN_TOKEN);
      HttpResponse<String> answer =
          postBatch(other, episodeId, lisbon, CHUNKS_AVRO, null, batch(chunks));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
      assertThat(answer.body())
          .isEqualTo("{\"episodeId\":\"" + episodeId + "\",\"accepted\":[0,1,2,3,4]}");
      // Re-sent whole to the same instance: the same answer and no new events.
      HttpResponse<String> again =
          postBatch(other, episodeId, lisbon, CHUNKS_AVRO, null, batch(chunks));
      assertThat(again.statusCode()).isEqualTo(202);
      assertThat(again.body()).isEqualTo(answer.body());
    }
    byte[] id = episodeId.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    List<byte[]> records =
        stack.ingestRecords().stream()
            .filter(r -> indexOf(r, id) > 0 && decode(r).getPayload() instanceof JointChunk)
            .toList();
    assertThat(records).hasSize(10);
    for (int i = 0; i < chunks.length; i++) {
      byte[] single = records.get(i);
      byte[] batched = records.get(i + chunks.length);
      byte[] encoded = CHUNK.encode(chunks[i]);
      assertThat(Arrays.copyOfRange(single, single.length - encoded.length + 10, single.length))
          .isEqualTo(Arrays.copyOfRange(encoded, 10, encoded.length));
      assertThat(withoutReceiveTime(batched)).isEqualTo(withoutReceiveTime(single));
      assertThat(decode(batched).getPayload()).isEqualTo(chunks[i]);
    }
    // A JSON array is converted once at the edge and answered the same way.
    String json = "[" + chunkJson(chunks[0]) + "," + chunkJson(chunks[1]) + "]";
    HttpResponse<String> fromJson =
        postBatch(client, episodeId, lisbon, "application/json", null, json.getBytes());
    assertThat(fromJson.statusCode()).as(fromJson.body()).isEqualTo(202);
    assertThat(json(fromJson).get("accepted").toString()).isEqualTo("[0,1]");
    assertThat(client.get("metrics", null).body())
        .contains("tributary_gateway_chunks_total{route=\"chunks\"}")
        .contains("tributary_gateway_chunks_total{route=\"chunk\"}");
  }

  /** An ingest record with its receivedAtMicros varint cut out (field 3, after two strings). */
  static byte[] withoutReceiveTime(byte[] record) {
    int at = 10;
    for (int field = 0; field < 2; field++) {
      at += 1 + (record[at] & 0xff) / 2; // short strings: a one-byte zig-zag length
    }
    int end = at;
    while ((record[end] & 0x80) != 0) {
      end++;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(record, 0, at);
    out.write(record, end + 1, record.length - end - 1);
    return out.toByteArray();
  }

  static IngestEvent decode(byte[] record) {
    try {
      return Topics.INGEST.codec().decode(record);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void aSecondGatewayKnowsTheTokensAndSeesRevocationsWithinSeconds() {
    String token = client.enrolNewToken("braga");
    try (IngestGateway second =
        IngestGateway.start(stack.config().withGatewayId("gw-2").withPort(0))) {
      GatewayClient other = new GatewayClient(second.baseUrl(), EmbeddedStack.ADMIN_TOKEN);
      String episodeId = Fixtures.newEpisodeId();
      HttpResponse<String> manifest =
          other.put(
              "v1/episodes/" + episodeId,
              token,
              MANIFEST.encode(Fixtures.manifest(episodeId, "braga")));
      assertThat(manifest.statusCode()).as(manifest.body()).isEqualTo(202);
      assertThat(client.admin("admin/v1/sites/braga/revoke-tokens", "").statusCode())
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(
                          other
                              .put(
                                  "v1/episodes/" + episodeId + "/chunks/0",
                                  token,
                                  CHUNK.encode(Fixtures.chunk(episodeId, 0, 5)))
                              .statusCode())
                      .isEqualTo(401));
    }
  }

  @Test
  void healthMetricsAndTheOpenApiDocumentAreServed() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(client.get("health/ready", null).statusCode()).isEqualTo(200));
    assertThat(client.get("health/live", null).statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = client.get("metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("tributary_gateway_requests_total")
        .contains("tributary_gateway_produce_latency_seconds")
        .contains("tributary_gateway_requests_inflight")
        .contains("jvm_memory_used_bytes");
    HttpResponse<String> openApi = client.get("openapi.yaml", null);
    assertThat(openApi.statusCode()).isEqualTo(200);
    assertThat(openApi.body()).contains("openapi:");
  }
}
