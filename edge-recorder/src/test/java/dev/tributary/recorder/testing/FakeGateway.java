package dev.tributary.recorder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VideoSegment;
import dev.tributary.schema.codec.AvroCodec;
import dev.tributary.schema.codec.InvalidPayloadException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory gateway implementing docs/protocol.md for tests: enrolment, manifest, multipart
 * video uploads with "presigned" part URLs it serves itself (each bound to its Content-MD5, like
 * S3's), chunks, video references (completing the upload, then checked against the stored object),
 * commit. Records every call it accepted, and can fail, stall or go offline on demand.
 *
 * <p>Its default part size is tiny ({@link #DEFAULT_PART_SIZE}) so that test videos of a few KiB
 * travel in several parts; the real gateway advertises 8-16 MiB.
 */
public final class FakeGateway implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AvroCodec<EpisodeManifest> MANIFEST = AvroCodec.of(EpisodeManifest.class);
  private static final AvroCodec<JointChunk> CHUNK = AvroCodec.of(JointChunk.class);
  private static final AvroCodec<VideoSegment> VIDEO = AvroCodec.of(VideoSegment.class);
  private static final AvroCodec<EpisodeCommit> COMMIT = AvroCodec.of(EpisodeCommit.class);

  /** One accepted call: what kind, for which episode, under which key, with which body hash. */
  public record Accepted(String kind, String episodeId, String key, String bodySha256) {
    public String logicalKey() {
      return episodeId + "/" + kind + "/" + key;
    }
  }

  private int port;
  private HttpServer server;
  private ExecutorService executor;
  private final Map<String, String> codes = new ConcurrentHashMap<>();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<String, EpisodeManifest> manifests = new ConcurrentHashMap<>();
  private final Map<String, JointChunk> chunks = new ConcurrentHashMap<>();
  private final Map<String, EpisodeCommit> commits = new ConcurrentHashMap<>();
  private final Map<String, VideoSegment> videos = new ConcurrentHashMap<>();
  private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
  private final Map<String, String> acceptedBodies = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger batchRequests = new AtomicInteger();
  private volatile boolean batchRoute = true;
  private volatile int failStatus = 503;
  private volatile Integer failRetryAfter;
  private volatile int acceptBudget = Integer.MAX_VALUE;
  private final AtomicReference<CountDownLatch> stall = new AtomicReference<>();
  private final Map<String, String> rejectEpisodes = new ConcurrentHashMap<>();
  private volatile boolean rejectUploads;

  public static final long DEFAULT_PART_SIZE = 4096;

  /** A multipart upload in progress: parts by number. */
  private record Upload(String uploadId, Map<Integer, byte[]> parts) {}

  private volatile long partSize = DEFAULT_PART_SIZE;
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final AtomicInteger uploadIds = new AtomicInteger();
  private final AtomicInteger partUrlRequests = new AtomicInteger();
  private final List<String> partsReceived = new CopyOnWriteArrayList<>();
  private final AtomicInteger partBudget = new AtomicInteger(Integer.MAX_VALUE);
  private final AtomicInteger corruptParts = new AtomicInteger();

  private FakeGateway(int port) throws IOException {
    this.port = port;
    bind();
  }

  public static FakeGateway start() throws IOException {
    return new FakeGateway(0);
  }

  private void bind() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
    port = server.getAddress().getPort();
    executor =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "fake-gateway");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  // ------------------------------------------------------------------ control

  /** Issues a single-use enrolment code for a site. */
  public String issueCode(String siteId) {
    String code = "code-" + UUID.randomUUID();
    codes.put(code, siteId);
    return code;
  }

  /** Issues a token directly (as if enrolled earlier). */
  public String issueToken(String siteId) {
    String token = "token-" + UUID.randomUUID();
    tokens.put(token, siteId);
    return token;
  }

  public void revokeTokens() {
    tokens.clear();
  }

  /**
   * The next {@code n} episode calls fail with {@code status} (and Retry-After seconds if given).
   */
  public void failNext(int n, int status, Integer retryAfterSeconds) {
    failStatus = status;
    failRetryAfter = retryAfterSeconds;
    failNext.set(n);
  }

  /** Accepts this many more episode calls, then answers 503 to every call until reset. */
  public void acceptOnly(int calls) {
    acceptBudget = calls;
  }

  public void acceptAll() {
    acceptBudget = Integer.MAX_VALUE;
  }

  /** Calls hang without an answer until {@link #unstall()}, then get a 503 (never processed). */
  public void stall() {
    stall.set(new CountDownLatch(1));
  }

  public void unstall() {
    CountDownLatch latch = stall.getAndSet(null);
    if (latch != null) {
      latch.countDown();
    }
  }

  /** Every call about this episode is answered 422 with this error code. */
  public void rejectEpisode(String episodeId, String error) {
    rejectEpisodes.put(episodeId, error);
  }

  /** Presigned part uploads are answered 403 (as an expired URL would be). */
  public void rejectUploads(boolean value) {
    rejectUploads = value;
  }

  /** The part size advertised in manifest answers from now on. */
  public void partSize(long bytes) {
    partSize = bytes;
  }

  /** Accepts this many more part PUTs, then answers 503 to every part until reset. */
  public void acceptPartsOnly(int parts) {
    partBudget.set(parts);
  }

  public void acceptAllParts() {
    partBudget.set(Integer.MAX_VALUE);
  }

  /** The next {@code n} part bodies arrive with one byte flipped, as corruption in transit. */
  public void corruptNextParts(int n) {
    corruptParts.set(n);
  }

  /** Forgets every multipart upload in progress, as a bucket lifecycle rule aborting them would. */
  public void abortUploads() {
    uploads.clear();
  }

  /** Stops listening: connections are refused, as when the gateway is unreachable. */
  public synchronized void goOffline() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Listens again on the same port. */
  public synchronized void goOnline() throws IOException {
    bind();
  }

  // ------------------------------------------------------------------ observations

  /** Without the batch route the gateway answers 404 to it, as one older than batches. */
  public void batchRoute(boolean present) {
    batchRoute = present;
  }

  /** Chunk batches ({@code POST .../chunks}) accepted so far. */
  public int batchRequests() {
    return batchRequests.get();
  }

  public List<Accepted> accepted() {
    return List.copyOf(accepted);
  }

  public int requestCount() {
    return requests.get();
  }

  public Set<String> committedEpisodes() {
    return Set.copyOf(commits.keySet());
  }

  public EpisodeCommit commit(String episodeId) {
    return commits.get(episodeId);
  }

  public EpisodeManifest manifest(String episodeId) {
    return manifests.get(episodeId);
  }

  /** Chunks received for an episode, by sequence. */
  public List<JointChunk> chunks(String episodeId) {
    List<JointChunk> out = new ArrayList<>();
    for (int seq = 0; chunks.containsKey(episodeId + "/" + seq); seq++) {
      out.add(chunks.get(episodeId + "/" + seq));
    }
    return out;
  }

  /** The video reference of an episode's camera, once accepted. */
  public VideoSegment video(String episodeId, String cameraKey) {
    return videos.get(episodeId + "/" + cameraKey);
  }

  public byte[] object(String objectKey) {
    return objects.get(objectKey);
  }

  /** {@code POST .../uploads} calls answered (part URLs handed out). */
  public int partUrlRequests() {
    return partUrlRequests.get();
  }

  /** Every part PUT the store accepted, as {@code "<objectKey>#<partNumber>"}, in arrival order. */
  public List<String> partsReceived() {
    return List.copyOf(partsReceived);
  }

  /**
   * Whether an episode is complete the way the pipeline defines it: manifest, commit, chunks
   * 0..chunkCount-1 and one accepted video reference per manifest camera.
   */
  public boolean isComplete(String episodeId) {
    EpisodeManifest manifest = manifests.get(episodeId);
    EpisodeCommit commit = commits.get(episodeId);
    if (manifest == null || commit == null || chunks(episodeId).size() < commit.getChunkCount()) {
      return false;
    }
    for (CameraSpec camera : manifest.getCameras()) {
      boolean found =
          accepted.stream()
              .anyMatch(
                  a ->
                      a.kind().equals("video")
                          && a.episodeId().equals(episodeId)
                          && a.key().equals(camera.getKey().toString()));
      if (!found) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ protocol

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      CountDownLatch latch = stall.get();
      if (latch != null) {
        try {
          latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        error(exchange, 503, "stalled", "gateway was stalled", 0);
        return;
      }
      if (path.startsWith("/parts/") && method.equals("PUT")) {
        putPart(exchange, path.substring("/parts/".length()), body);
        return;
      }
      if (path.equals("/v1/enroll") && method.equals("POST")) {
        enroll(exchange, body);
        return;
      }
      boolean partUrls = method.equals("POST") && path.endsWith("/uploads");
      boolean batch = method.equals("POST") && path.endsWith("/chunks") && batchRoute && !partUrls;
      if (!path.startsWith("/v1/episodes/") || !(method.equals("PUT") || partUrls || batch)) {
        error(exchange, 404, "not_found", "no route " + method + " " + path, null);
        return;
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String site = auth == null ? null : tokens.get(auth.replaceFirst("^Bearer ", ""));
      if (site == null) {
        error(exchange, 401, "token_invalid", "missing or unknown site token", null);
        return;
      }
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        error(exchange, failStatus, "injected_failure", "injected by the test", failRetryAfter);
        return;
      }
      String type =
          partUrls
              ? "application/json"
              : batch ? "application/vnd.tributary.chunks+avro" : "application/vnd.tributary.avro";
      if (!type.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        error(
            exchange, 415, "unsupported_content_type", "send application/vnd.tributary.avro", null);
        return;
      }
      synchronized (this) {
        if (acceptBudget <= 0) {
          error(exchange, 503, "overloaded", "try later", 0);
          return;
        }
        String[] parts = path.substring("/v1/episodes/".length()).split("/");
        if (partUrls) {
          partUrls(exchange, site, parts, body);
        } else if (batch) {
          chunkBatch(exchange, parts[0], body);
        } else {
          episodeCall(exchange, site, parts, body, exchange.getRequestURI().getQuery());
        }
      }
    } catch (InvalidPayloadException e) {
      error(exchange, 400, e.getClass().getSimpleName(), e.getMessage(), null);
    } catch (RuntimeException e) {
      error(exchange, 500, "internal", e.toString(), null);
    }
  }

  private void enroll(HttpExchange exchange, byte[] body) throws IOException {
    JsonNode request = JSON.readTree(body);
    String site = codes.remove(request.path("code").asText());
    if (site == null) {
      error(exchange, 401, "enrolment_code_invalid", "unknown or used enrolment code", null);
      return;
    }
    String token = issueToken(site);
    ObjectNode answer = JSON.createObjectNode().put("siteId", site).put("token", token);
    send(exchange, 200, answer);
  }

  private static String objectKey(String site, String episodeId, String camera) {
    return "sites/" + site + "/episodes/" + episodeId + "/" + camera + ".mp4";
  }

  /** POST .../videos/{camera}/uploads: the upload in progress for the key (or a new one). */
  private void partUrls(HttpExchange exchange, String site, String[] parts, byte[] body)
      throws IOException {
    String episodeId = parts[0];
    String rejection = rejectEpisodes.get(episodeId);
    if (rejection != null) {
      error(exchange, 422, rejection, "rejected by the test", null);
      return;
    }
    JsonNode request = JSON.readTree(body);
    long size = request.path("sizeBytes").asLong();
    long part = request.path("partSize").asLong();
    JsonNode md5s = request.path("partMd5s");
    if (size <= 0 || part <= 0 || md5s.size() != (int) ((size + part - 1) / part)) {
      error(exchange, 422, "part_count_mismatch", "one MD5 per part", null);
      return;
    }
    String key = objectKey(site, episodeId, parts[2]);
    Upload upload =
        uploads.computeIfAbsent(
            key,
            k -> new Upload("upload-" + uploadIds.incrementAndGet(), new ConcurrentHashMap<>()));
    partUrlRequests.incrementAndGet();
    ObjectNode answer =
        JSON.createObjectNode()
            .put("episodeId", episodeId)
            .put("cameraKey", parts[2])
            .put("objectKey", key)
            .put("uploadId", upload.uploadId())
            .put("partSize", part)
            .put("expiresAt", Instant.now().plusSeconds(900).toString());
    ArrayNode urls = answer.putArray("parts");
    for (int n = 1; n <= md5s.size(); n++) {
      urls.addObject()
          .put("partNumber", n)
          .put("sizeBytes", Math.min(part, size - (n - 1) * part))
          .put(
              "url",
              url()
                  + "parts/"
                  + key
                  + "?uploadId="
                  + upload.uploadId()
                  + "&partNumber="
                  + n
                  + "&md5="
                  + URLEncoder.encode(md5s.get(n - 1).asText(), StandardCharsets.UTF_8)
                  + "&X-Amz-Signature=fake");
    }
    send(exchange, 200, answer);
  }

  /** PUT of one part to its URL, checked like S3 checks a presigned UploadPart with Content-MD5. */
  private void putPart(HttpExchange exchange, String key, byte[] body) throws IOException {
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
    }
    if (partBudget.get() <= 0) {
      xmlError(exchange, 503, "SlowDown");
      return;
    }
    if (corruptParts.getAndUpdate(n -> Math.max(0, n - 1)) > 0 && body.length > 0) {
      body[body.length / 2] ^= 0x40;
    }
    String md5 = exchange.getRequestHeaders().getFirst("Content-MD5");
    if (rejectUploads || !query.get("md5").equals(md5)) {
      xmlError(exchange, 403, "SignatureDoesNotMatch");
      return;
    }
    if (!md5(body).equals(md5)) {
      xmlError(exchange, 400, "BadDigest");
      return;
    }
    Upload upload = uploads.get(key);
    if (upload == null || !upload.uploadId().equals(query.get("uploadId"))) {
      xmlError(exchange, 404, "NoSuchUpload");
      return;
    }
    int partNumber = Integer.parseInt(query.get("partNumber"));
    upload.parts().put(partNumber, body);
    partsReceived.add(key + "#" + partNumber);
    partBudget.decrementAndGet();
    exchange
        .getResponseHeaders()
        .add("ETag", "\"" + HexFormat.of().formatHex(Base64.getDecoder().decode(md5)) + "\"");
    exchange.sendResponseHeaders(200, -1);
  }

  /**
   * Completes {@code uploadId} of {@code key} into the object when all parts of a {@code size}-byte
   * video are there; false (after answering 422) when parts are missing.
   */
  private boolean complete(HttpExchange exchange, String key, String uploadId, long size)
      throws IOException {
    Upload upload = uploads.get(key);
    if (upload == null || !upload.uploadId().equals(uploadId)) {
      return true; // completed earlier, or unknown: the object check decides
    }
    long part = upload.parts().values().stream().mapToLong(b -> b.length).max().orElse(0);
    int count = part == 0 ? 1 : (int) ((size + part - 1) / part);
    java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
    for (int n = 1; n <= count; n++) {
      byte[] bytes = upload.parts().get(n);
      if (bytes == null) {
        error(exchange, 422, "video_parts_missing", "part " + n + " of " + key + " missing", null);
        return false;
      }
      whole.write(bytes);
    }
    objects.put(key, whole.toByteArray());
    uploads.remove(key);
    return true;
  }

  private static void xmlError(HttpExchange exchange, int status, String code) throws IOException {
    byte[] bytes =
        ("<?xml version='1.0' encoding='UTF-8'?><Error><Code>"
                + code
                + "</Code><Message>refused by the fake store</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String md5(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void episodeCall(
      HttpExchange exchange, String site, String[] parts, byte[] body, String query)
      throws IOException, InvalidPayloadException {
    String episodeId = parts[0];
    String rejection = rejectEpisodes.get(episodeId);
    if (rejection != null) {
      error(exchange, 422, rejection, "rejected by the test", null);
      return;
    }
    String sha = sha256(body);
    if (parts.length == 1) {
      EpisodeManifest manifest = MANIFEST.decode(body);
      if (!manifest.getEpisodeId().toString().equals(episodeId)) {
        error(exchange, 400, "episode_id_mismatch", "path and body differ", null);
        return;
      }
      if (!manifest.getSiteId().toString().equals(site)) {
        error(exchange, 403, "site_mismatch", "manifest site differs from the token's", null);
        return;
      }
      ObjectNode answer = JSON.createObjectNode().put("episodeId", episodeId);
      ArrayNode targets = answer.putArray("videoUploads");
      for (CameraSpec camera : manifest.getCameras()) {
        targets
            .addObject()
            .put("cameraKey", camera.getKey().toString())
            .put("objectKey", objectKey(site, episodeId, camera.getKey().toString()))
            .put("partSize", partSize);
      }
      if (accept(exchange, new Accepted("manifest", episodeId, "", sha), answer)) {
        manifests.put(episodeId, manifest);
      }
    } else if (parts[1].equals("chunks")) {
      JointChunk chunk = CHUNK.decode(body);
      if (chunk.getSequence() != Integer.parseInt(parts[2])) {
        error(exchange, 400, "sequence_mismatch", "path and body differ", null);
        return;
      }
      if (accept(
          exchange,
          new Accepted("chunk", episodeId, parts[2], sha),
          JSON.createObjectNode()
              .put("episodeId", episodeId)
              .put("sequence", chunk.getSequence()))) {
        chunks.put(episodeId + "/" + chunk.getSequence(), chunk);
      }
    } else if (parts[1].equals("videos")) {
      VideoSegment video = VIDEO.decode(body);
      if (query != null && query.startsWith("uploadId=")) {
        String uploadId = URLDecoder.decode(query.substring(9), StandardCharsets.UTF_8);
        if (!complete(exchange, video.getObjectKey().toString(), uploadId, video.getSizeBytes())) {
          return;
        }
      }
      byte[] object = objects.get(video.getObjectKey().toString());
      if (object == null) {
        error(exchange, 422, "video_object_missing", "no object " + video.getObjectKey(), null);
        return;
      }
      if (object.length != video.getSizeBytes()
          || !sha256(object).equals(video.getSha256().toString())) {
        error(exchange, 422, "video_checksum_mismatch", "stored object differs", null);
        return;
      }
      if (accept(
          exchange,
          new Accepted("video", episodeId, parts[2], sha),
          JSON.createObjectNode().put("episodeId", episodeId).put("cameraKey", parts[2]))) {
        videos.put(episodeId + "/" + video.getCameraKey(), video);
      }
    } else if (parts[1].equals("commit")) {
      EpisodeCommit commit = COMMIT.decode(body);
      commits.put(episodeId, commit);
      accept(
          exchange,
          new Accepted("commit", episodeId, "", sha),
          JSON.createObjectNode().put("episodeId", episodeId));
    } else {
      error(exchange, 404, "not_found", "unknown episode resource " + parts[1], null);
    }
  }

  /**
   * {@code POST .../chunks}: the chunks' encodings back to back. Like the real gateway, every chunk
   * is checked before any is accepted, and each is recorded as if it had been sent alone; the
   * accept budget must hold all of them.
   */
  private void chunkBatch(HttpExchange exchange, String episodeId, byte[] body)
      throws IOException, InvalidPayloadException {
    String rejection = rejectEpisodes.get(episodeId);
    if (rejection != null) {
      error(exchange, 422, rejection, "chunk [0] of the batch: rejected by the test", null);
      return;
    }
    List<JointChunk> batch = new ArrayList<>();
    java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
    org.apache.avro.specific.SpecificDatumReader<JointChunk> reader =
        new org.apache.avro.specific.SpecificDatumReader<>(JointChunk.class);
    while (in.available() > 0) {
      if (in.skip(10) != 10) {
        throw new InvalidPayloadException("malformed_avro", "truncated header");
      }
      batch.add(
          reader.read(null, org.apache.avro.io.DecoderFactory.get().directBinaryDecoder(in, null)));
    }
    List<Accepted> calls = new ArrayList<>();
    ArrayNode sequences = JSON.createArrayNode();
    for (JointChunk chunk : batch) {
      Accepted call =
          new Accepted(
              "chunk", episodeId, String.valueOf(chunk.getSequence()), sha256(CHUNK.encode(chunk)));
      if (!chunk.getEpisodeId().toString().equals(episodeId)) {
        error(exchange, 422, "episode_id_mismatch", "a chunk of another episode", null);
        return;
      }
      String held = acceptedBodies.get(call.logicalKey());
      if (held != null && !held.equals(call.bodySha256())) {
        error(exchange, 409, "conflicting_resend", call.logicalKey() + " differs", null);
        return;
      }
      calls.add(call);
      sequences.add(chunk.getSequence());
    }
    if (acceptBudget < calls.size()) {
      error(exchange, 503, "overloaded", "try later", 0);
      return;
    }
    for (int i = 0; i < calls.size(); i++) {
      acceptedBodies.putIfAbsent(calls.get(i).logicalKey(), calls.get(i).bodySha256());
      acceptBudget--;
      accepted.add(calls.get(i));
      chunks.put(episodeId + "/" + batch.get(i).getSequence(), batch.get(i));
    }
    batchRequests.incrementAndGet();
    ObjectNode answer = JSON.createObjectNode().put("episodeId", episodeId);
    answer.set("accepted", sequences);
    send(exchange, 202, answer);
  }

  private boolean accept(HttpExchange exchange, Accepted call, JsonNode answer) throws IOException {
    String held = acceptedBodies.putIfAbsent(call.logicalKey(), call.bodySha256());
    if (held != null && !held.equals(call.bodySha256())) {
      // As the real gateway: the same identity with different content is refused.
      error(
          exchange,
          409,
          "conflicting_resend",
          call.logicalKey() + " was accepted with different content",
          null);
      return false;
    }
    acceptBudget--;
    accepted.add(call);
    send(exchange, 202, answer);
    return true;
  }

  private static void error(
      HttpExchange exchange, int status, String error, String message, Integer retryAfter)
      throws IOException {
    if (retryAfter != null) {
      exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfter));
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("message", message);
    send(exchange, status, JSON.valueToTree(body));
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    unstall();
    server.stop(0);
    executor.shutdownNow();
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
