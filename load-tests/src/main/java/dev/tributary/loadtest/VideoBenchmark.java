package dev.tributary.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.VideoSegment;
import dev.tributary.schema.codec.AvroCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Video upload through the gateway's protocol (manifest, presigned PUT, video reference checked by
 * the gateway: HeadObject plus a streamed SHA-256 of the stored object) against the AWS SDK v2
 * uploading the same bytes to the same S3Proxy (one PutObject, and a multipart upload).
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
      List<Double> presignedPutSeconds,
      List<Double> gatewayEndToEndSeconds,
      List<Double> sdkPutObjectSeconds,
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
            .httpClient(UrlConnectionHttpClient.builder().build())
            .build();
  }

  /** Uploads {@code repetitions} objects of {@code bytes} each way, alternating the ways. */
  public Result run(String siteId, String token, int bytes, int repetitions) throws Exception {
    byte[] video = new byte[bytes];
    new Random(bytes).nextBytes(video); // MP4 is incompressible
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(video));
    List<Double> put = new ArrayList<>();
    List<Double> endToEnd = new ArrayList<>();
    List<Double> sdkPut = new ArrayList<>();
    List<Double> sdkMultipart = new ArrayList<>();
    for (int r = 0; r < repetitions; r++) {
      throughGateway(siteId, token, video, sha256, put, endToEnd);
      sdkPut.add(sdkPutObject(video));
      sdkMultipart.add(sdkMultipart(video));
    }
    return new Result(bytes, put, endToEnd, sdkPut, sdkMultipart);
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
    JsonNode upload = JSON.readTree(opened.body()).get("videoUploads").get(0);
    String camera = upload.get("cameraKey").asText();
    long putStart = System.nanoTime();
    expect(
        200,
        http.send(
            HttpRequest.newBuilder(URI.create(upload.get("uploadUrl").asText()))
                .timeout(Duration.ofMinutes(5))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(video))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
    put.add((System.nanoTime() - putStart) / 1e9);
    VideoSegment segment =
        VideoSegment.newBuilder()
            .setEpisodeId(episodeId)
            .setCameraKey(camera)
            .setObjectKey(upload.get("objectKey").asText())
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
                "v1/episodes/" + episodeId + "/videos/" + camera, token, VIDEOS.encode(segment)),
            HttpResponse.BodyHandlers.ofString()));
    endToEnd.add((System.nanoTime() - start) / 1e9);
  }

  private double sdkPutObject(byte[] video) {
    long start = System.nanoTime();
    s3.putObject(
        b -> b.bucket(BUCKET).key("raw/" + UUID.randomUUID()), RequestBody.fromBytes(video));
    return (System.nanoTime() - start) / 1e9;
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
