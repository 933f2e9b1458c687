package dev.tributary.recorder.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.recorder.spool.Codecs;
import dev.tributary.recorder.spool.VideoUpload;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VideoSegment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The recorder's side of the ingest protocol ({@code docs/protocol.md}): every call returns a
 * {@link CallOutcome} instead of throwing, so the uploader's retry policy sees every failure in one
 * place. Blocking; interruptible.
 */
public final class GatewayClient {
  public static final String AVRO = "application/vnd.tributary.avro";

  /** A chunk batch: chunks' Avro single-object encodings back to back. */
  public static final String CHUNKS_AVRO = "application/vnd.tributary.chunks+avro";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Supplier<String> token;
  private final AtomicLong bytesSent = new AtomicLong();
  private final BandwidthLimiter limiter;

  public GatewayClient(URI base, Supplier<String> token, Duration requestTimeout) {
    this(base, token, requestTimeout, null);
  }

  /**
   * @param limiter paces video uploads (the bulk of the bytes); null for no cap
   */
  public GatewayClient(
      URI base, Supplier<String> token, Duration requestTimeout, BandwidthLimiter limiter) {
    this(base, token, requestTimeout, limiter, null);
  }

  /**
   * @param trust the certificates an {@code https://} gateway must chain to ({@link
   *     GatewayTrust#fromFile}); null: the JVM's default trust store
   */
  public GatewayClient(
      URI base,
      Supplier<String> token,
      Duration requestTimeout,
      BandwidthLimiter limiter,
      SSLContext trust) {
    this.limiter = limiter;
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.token = token;
    this.requestTimeout = requestTimeout;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER);
    if (trust != null) {
      builder.sslContext(trust); // host name verification stays on (the JDK's default)
    }
    this.http = builder.build();
  }

  public URI base() {
    return base;
  }

  /** Bytes of request bodies sent so far (for progress and bytes/s). */
  public long bytesSent() {
    return bytesSent.get();
  }

  /** {@code POST /v1/enroll}: exchanges an enrolment code for a site token. */
  public CallOutcome enroll(String code) throws InterruptedException {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(Map.of("code", code));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("v1/enroll"))
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return send(request, body.length);
  }

  public CallOutcome putManifest(EpisodeManifest manifest) throws InterruptedException {
    return putAvro("v1/episodes/" + seg(manifest.getEpisodeId()), Codecs.MANIFEST.encode(manifest));
  }

  public CallOutcome putChunk(JointChunk chunk) throws InterruptedException {
    return putAvro(
        "v1/episodes/" + seg(chunk.getEpisodeId()) + "/chunks/" + chunk.getSequence(),
        Codecs.CHUNK.encode(chunk));
  }

  /**
   * {@code PUT /v1/episodes/{episodeId}/chunks/{sequence}} with a chunk's encoding as it was
   * spooled ({@code Codecs.CHUNK.encode}), sent as it is.
   */
  public CallOutcome putChunk(String episodeId, int sequence, byte[] encoded)
      throws InterruptedException {
    return putAvro("v1/episodes/" + seg(episodeId) + "/chunks/" + sequence, encoded);
  }

  /**
   * {@code POST /v1/episodes/{episodeId}/chunks}: several chunks of one episode in one request; the
   * 202 acknowledges every one of them.
   *
   * @param body the chunks' encodings ({@code Codecs.CHUNK.encode}) back to back
   */
  public CallOutcome postChunkBatch(String episodeId, byte[] body) throws InterruptedException {
    HttpRequest request =
        authorized(
                HttpRequest.newBuilder(base.resolve("v1/episodes/" + seg(episodeId) + "/chunks")))
            .timeout(requestTimeout)
            .header("Content-Type", CHUNKS_AVRO)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return send(request, body.length);
  }

  /**
   * {@code PUT .../videos/{cameraKey}[?uploadId=]}: the gateway completes that multipart upload,
   * checks the object against the reference, then publishes it.
   *
   * @param uploadId the multipart upload holding the parts; null when the object is already whole
   */
  public CallOutcome putVideoSegment(VideoSegment video, String uploadId)
      throws InterruptedException {
    return putAvro(
        "v1/episodes/"
            + seg(video.getEpisodeId())
            + "/videos/"
            + seg(video.getCameraKey())
            + (uploadId == null ? "" : "?uploadId=" + seg(uploadId)),
        Codecs.VIDEO.encode(video));
  }

  /**
   * {@code POST .../videos/{cameraKey}/uploads}: opens or resumes the camera's multipart upload;
   * the answer holds its {@code uploadId} and one presigned URL per part.
   *
   * @param partMd5s base64 MD5 of each part, in order (signed into the part URLs)
   * @param uploadId the upload this recorder already holds, or null
   */
  public CallOutcome requestPartUrls(
      String episodeId,
      String cameraKey,
      long sizeBytes,
      long partSize,
      List<String> partMd5s,
      String uploadId)
      throws InterruptedException {
    ObjectNode request =
        JSON.createObjectNode().put("sizeBytes", sizeBytes).put("partSize", partSize);
    partMd5s.forEach(request.putArray("partMd5s")::add);
    if (uploadId != null) {
      request.put("uploadId", uploadId);
    }
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(request);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest http =
        authorized(
                HttpRequest.newBuilder(
                    base.resolve(
                        "v1/episodes/"
                            + seg(episodeId)
                            + "/videos/"
                            + seg(cameraKey)
                            + "/uploads")))
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return send(http, body.length);
  }

  public CallOutcome putCommit(EpisodeCommit commit) throws InterruptedException {
    return putAvro(
        "v1/episodes/" + seg(commit.getEpisodeId()) + "/commit", Codecs.COMMIT.encode(commit));
  }

  public CallOutcome episodeStatus(String episodeId) throws InterruptedException {
    HttpRequest request =
        authorized(HttpRequest.newBuilder(base.resolve("v1/episodes/" + seg(episodeId))))
            .timeout(requestTimeout)
            .GET()
            .build();
    return send(request, 0);
  }

  /**
   * {@code PUT} of one part of a file to its presigned object-store URL (no site token: the URL is
   * the credential), with the {@code Content-MD5} that was signed into it. Read from disk as it is
   * sent, through the bandwidth limiter when there is one. On 2xx the outcome carries the store's
   * ETag for the part. Relative URLs resolve against the gateway.
   */
  public CallOutcome uploadPart(
      String url, Path file, long offset, long length, String md5Base64, Duration timeout)
      throws InterruptedException {
    if (!java.nio.file.Files.isRegularFile(file)) {
      return new CallOutcome.Rejected(0, "video_file_missing", file + " does not exist");
    }
    // Known length (S3 needs Content-Length), content read through the limiter.
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(
                () -> {
                  try {
                    InputStream in = FileParts.open(file, offset, length);
                    return limiter == null ? in : limiter.throttle(in);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }),
            length);
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(url))
            .timeout(timeout)
            .header("Content-MD5", md5Base64)
            .PUT(body)
            .build();
    return send(request, length);
  }

  /** The camera targets of a manifest answer ({@code videoUploads}: object key, part size). */
  public static List<VideoUpload> videoUploads(JsonNode manifestAnswer) {
    List<VideoUpload> out = new ArrayList<>();
    JsonNode uploads = manifestAnswer == null ? null : manifestAnswer.get("videoUploads");
    if (uploads != null && uploads.isArray()) {
      for (JsonNode u : uploads) {
        out.add(
            VideoUpload.target(
                u.path("cameraKey").asText(),
                u.path("objectKey").asText(null),
                u.path("partSize").asLong(0)));
      }
    }
    return out;
  }

  private CallOutcome putAvro(String path, byte[] body) throws InterruptedException {
    HttpRequest request =
        authorized(HttpRequest.newBuilder(base.resolve(path)))
            .timeout(requestTimeout)
            .header("Content-Type", AVRO)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return send(request, body.length);
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
    String value = token.get();
    return value == null ? builder : builder.header("Authorization", "Bearer " + value);
  }

  private CallOutcome send(HttpRequest request, long bodyBytes) throws InterruptedException {
    var future = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      // A hard deadline on top of the request timeout: a stalled body upload must not hang us.
      long deadlineMillis = request.timeout().orElse(requestTimeout).toMillis() + 5_000;
      response = future.get(deadlineMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (TimeoutException e) {
      future.cancel(true);
      return new CallOutcome.Retry(describe(request) + " timed out", null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new CallOutcome.Retry(describe(request) + " failed: " + cause, null);
    }
    bytesSent.addAndGet(bodyBytes);
    return classify(response);
  }

  static CallOutcome classify(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    JsonNode body = parse(response.body());
    if (status >= 200 && status < 300) {
      return new CallOutcome.Accepted(
          status, body, response.headers().firstValue("ETag").orElse(null));
    }
    // The gateway answers JSON; the object store answers S3's XML <Error><Code>..<Message>..
    String text = bodyText(response.body());
    String error = body.path("error").asText(xmlElement(text, "Code", "http_" + status));
    String message = body.path("message").asText(xmlElement(text, "Message", text));
    Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After"));
    if (status == 408 || status == 409 || status == 429 || status >= 500) {
      return new CallOutcome.Retry(status, error, message, retryAfter);
    }
    if (status == 401 || status == 403) {
      return new CallOutcome.Unauthorized(status, error, message);
    }
    return new CallOutcome.Rejected(status, error, message);
  }

  private static Duration retryAfter(Optional<String> header) {
    if (header.isEmpty()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.get().trim());
      return Duration.ofSeconds(Math.max(0, seconds));
    } catch (NumberFormatException e) {
      try {
        var date =
            java.time.ZonedDateTime.parse(
                header.get().trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(java.time.Instant.now(), date.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (java.time.format.DateTimeParseException ignored) {
        return null;
      }
    }
  }

  private static String xmlElement(String text, String name, String otherwise) {
    int start = text.indexOf("<" + name + ">");
    int end = text.indexOf("</" + name + ">");
    return start < 0 || end < start ? otherwise : text.substring(start + name.length() + 2, end);
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return NullNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return NullNode.getInstance();
    }
  }

  private static String bodyText(byte[] body) {
    if (body == null || body.length == 0) {
      return "(no body)";
    }
    String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    return text.replaceAll("\\s+", " ").trim();
  }

  private static String describe(HttpRequest request) {
    return request.method() + " " + request.uri().getPath();
  }

  private static String seg(CharSequence value) {
    return URLEncoder.encode(value.toString(), StandardCharsets.UTF_8).replace("+", "%20");
  }
}
