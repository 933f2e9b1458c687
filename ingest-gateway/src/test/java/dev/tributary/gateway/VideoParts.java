package dev.tributary.gateway;

import static dev.tributary.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The recorder's side of a multipart video upload (docs/protocol.md), for gateway tests. */
final class VideoParts {
  static final long PART_SIZE = 8L * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private VideoParts() {}

  /** Base64 MD5 of each {@code partSize} slice of {@code video}, as Content-MD5 wants it. */
  static List<String> md5s(byte[] video, long partSize) {
    List<String> out = new ArrayList<>();
    for (long offset = 0; offset < video.length; offset += partSize) {
      int length = (int) Math.min(partSize, video.length - offset);
      out.add(md5(video, (int) offset, length));
    }
    return out;
  }

  static String md5(byte[] bytes, int offset, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      digest.update(bytes, offset, length);
      return Base64.getEncoder().encodeToString(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String body(long sizeBytes, long partSize, List<String> md5s, String uploadId) {
    ObjectNode body = JSON.createObjectNode().put("sizeBytes", sizeBytes).put("partSize", partSize);
    md5s.forEach(body.putArray("partMd5s")::add);
    if (uploadId != null) {
      body.put("uploadId", uploadId);
    }
    return body.toString();
  }

  /** {@code POST .../videos/{camera}/uploads} for the whole of {@code video}. */
  static HttpResponse<String> requestUrls(
      GatewayClient client, String token, String episodeId, String camera, byte[] video) {
    return requestUrls(client, token, episodeId, camera, video, null);
  }

  static HttpResponse<String> requestUrls(
      GatewayClient client,
      String token,
      String episodeId,
      String camera,
      byte[] video,
      String uploadId) {
    return client.postJson(
        "v1/episodes/" + episodeId + "/videos/" + camera + "/uploads",
        token,
        body(video.length, PART_SIZE, md5s(video, PART_SIZE), uploadId));
  }

  /** PUTs one part to its presigned URL with the given Content-MD5 header (null for none). */
  static HttpResponse<String> putPart(
      GatewayClient client, String url, byte[] bytes, int offset, int length, String md5) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes, offset, length));
    if (md5 != null) {
      request.header("Content-MD5", md5);
    }
    return client.send(request.build());
  }

  /** PUTs part {@code partNumber} of an answer of {@link #requestUrls}. */
  static HttpResponse<String> putPart(
      GatewayClient client, JsonNode urls, byte[] video, int partNumber) {
    int offset = (int) ((partNumber - 1) * PART_SIZE);
    int length = (int) Math.min(PART_SIZE, video.length - offset);
    return putPart(
        client,
        urls.get("parts").get(partNumber - 1).get("url").asText(),
        video,
        offset,
        length,
        md5(video, offset, length));
  }

  /** Uploads every part of {@code video}; answers the upload id for the VideoSegment call. */
  static String upload(
      GatewayClient client, String token, String episodeId, String camera, byte[] video) {
    HttpResponse<String> answer = requestUrls(client, token, episodeId, camera, video);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode urls = json(answer);
    for (int n = 1; n <= urls.get("parts").size(); n++) {
      HttpResponse<String> part = putPart(client, urls, video, n);
      assertThat(part.statusCode()).as("part " + n + ": " + part.body()).isEqualTo(200);
    }
    return urls.get("uploadId").asText();
  }
}
