package dev.tributary.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.VideoSegment;
import dev.tributary.schema.codec.AvroCodec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Video upload through the gateway's protocol (manifest, part URLs for the parts' MD5s, presigned
 * part PUTs with Content-MD5, video reference with the upload id: the gateway completes the
 * multipart upload, then HeadObject plus a streamed SHA-256 of the stored object) against the AWS
 * SDK v2 uploading the same bytes to the same S3Proxy as a multipart upload with the same part
 * size. Both send their parts one after the other.
 */
public final class VideoBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AvroCodec<EpisodeManifest> MANIFESTS = AvroCodec.of(EpisodeManifest.class);
  private static final AvroCodec<VideoSegment> VIDEOS = AvroCodec.of(VideoSegment.class);
  private static final String BUCKET = "tributary-videos";
  private static final int PART_BYTES = 8 * 1024 * 1024;

  /** Seconds per repetition of each way of uploading one object of {@code bytes}. */
  public record Result(
      long bytes,
      List<Double> presignedPartsSeconds,
      List<Double> gatewayEndToEndSeconds,
      List<Double> sdkMultipartSeconds) {

    public static double megabytesPerSecond(long bytes, List<Double> seconds) {
      List<Double> sorted = new ArrayList<>(seconds);
      sorted.sort(Double::compare);
      return bytes / 1_000_000.0 / sorted.get(sorted.size() / 2);
    }
  }

  private final URI gateway;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final S3Client s3;

  public VideoBenchmark(URI gateway, URI s3Endpoint, String accessKey, String secretKey) {
    this.gateway = gateway;
    this.s3 =
        S3Client.builder()
            .endpointOverride(s3Endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            // The fastest raw baseline: no CRC32 trailer per part (the SDK default streams the
            // part aws-chunked with a trailing checksum, which S3Proxy handles slowly).
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .httpClient(UrlConnectionHttpClient.builder().build())
            .build();
  }

  /** Uploads {@code repetitions} objects of {@code bytes} each way, alternating the ways. */
  public Result run(String siteId, String token, int bytes, int repetitions) throws Exception {
    byte[] video = new byte[bytes];
    new Random(bytes).nextBytes(video); // MP4 is incompressible
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(video));
    List<Double> parts = new ArrayList<>();
    List<Double> endToEnd = new ArrayList<>();
    List<Double> sdkMultipart = new ArrayList<>();
    for (int r = 0; r < repetitions; r++) {
      throughGateway(siteId, token, video, sha256, parts, endToEnd);
      sdkMultipart.add(sdkMultipart(video));
    }
    return new Result(bytes, parts, endToEnd, sdkMultipart);
  }

  private void throughGateway(
      String siteId,
      String token,
      byte[] video,
      String sha256,
      List<Double> put,
      List<Double> endToEnd)
      throws Exception {
    String episodeId = UUID.randomUUID().toString();
    long start = System.nanoTime();
    EpisodeManifest manifest = ChunkShape.ARM_6DOF_30HZ.manifest(episodeId, siteId, "rig-video");
    HttpResponse<String> opened =
        expect(
            202,
            http.send(
                avroPut("v1/episodes/" + episodeId, token, MANIFESTS.encode(manifest)),
                HttpResponse.BodyHandlers.ofString()));
    JsonNode target = JSON.readTree(opened.body()).get("videoUploads").get(0);
    String camera = target.get("cameraKey").asText();
    long partSize = target.get("partSize").asLong();
    // The recorder's work: one MD5 per part, signed into that part's URL by the gateway.
    ObjectNode request =
        JSON.createObjectNode().put("sizeBytes", video.length).put("partSize", partSize);
    ArrayNode md5s = request.putArray("partMd5s");
    for (long offset = 0; offset < video.length; offset += partSize) {
      md5s.add(md5(video, (int) offset, (int) Math.min(partSize, video.length - offset)));
    }
    JsonNode urls =
        JSON.readTree(
            expect(
                    200,
                    http.send(
                        HttpRequest.newBuilder(
                                gateway.resolve(
                                    "v1/episodes/" + episodeId + "/videos/" + camera + "/uploads"))
                            .timeout(Duration.ofMinutes(1))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                            .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .body());
    long partsStart = System.nanoTime();
    for (JsonNode part : urls.get("parts")) {
      int offset = (int) ((part.get("partNumber").asInt() - 1) * partSize);
      int length = part.get("sizeBytes").asInt();
      expect(
          200,
          http.send(
              HttpRequest.newBuilder(URI.create(part.get("url").asText()))
                  .timeout(Duration.ofMinutes(5))
                  .header("Content-MD5", md5s.get(part.get("partNumber").asInt() - 1).asText())
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(video, offset, length))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    put.add((System.nanoTime() - partsStart) / 1e9);
    VideoSegment segment =
        VideoSegment.newBuilder()
            .setEpisodeId(episodeId)
            .setCameraKey(camera)
            .setObjectKey(target.get("objectKey").asText())
            .setSizeBytes(video.length)
            .setSha256(sha256)
            .setFrameCount(1800)
            .setFirstFrameMicros(1_700_000_000_000_000L)
            .setLastFrameMicros(1_700_000_060_000_000L)
            .build();
    expect(
        202,
        http.send(
            avroPut(
                "v1/episodes/"
                    + episodeId
                    + "/videos/"
                    + camera
                    + "?uploadId="
                    + URLEncoder.encode(urls.get("uploadId").asText(), StandardCharsets.UTF_8),
                token,
                VIDEOS.encode(segment)),
            HttpResponse.BodyHandlers.ofString()));
    endToEnd.add((System.nanoTime() - start) / 1e9);
  }

  private static String md5(byte[] bytes, int offset, int length) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("MD5");
    digest.update(bytes, offset, length);
    return Base64.getEncoder().encodeToString(digest.digest());
  }

  private double sdkMultipart(byte[] video) {
    String key = "raw/" + UUID.randomUUID();
    long start = System.nanoTime();
    String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    for (int offset = 0, n = 1; offset < video.length; offset += PART_BYTES, n++) {
      int length = Math.min(PART_BYTES, video.length - offset);
      int partNumber = n;
      String etag =
          s3.uploadPart(
                  b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(partNumber),
                  RequestBody.fromByteBuffer(java.nio.ByteBuffer.wrap(video, offset, length)))
              .eTag();
      parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
    }
    s3.completeMultipartUpload(
        b ->
            b.bucket(BUCKET)
                .key(key)
                .uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
    return (System.nanoTime() - start) / 1e9;
  }

  private HttpRequest avroPut(String path, String token, byte[] body) {
    return HttpRequest.newBuilder(gateway.resolve(path))
        .timeout(Duration.ofMinutes(5))
        .header("Content-Type", "application/vnd.tributary.avro")
        .header("Authorization", "Bearer " + token)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.uri().getPath()
              + " answered "
              + response.statusCode()
              + " (expected "
              + status
              + "): "
              + response.body());
    }
    return response;
  }
}
