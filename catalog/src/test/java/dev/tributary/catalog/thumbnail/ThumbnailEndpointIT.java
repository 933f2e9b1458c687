package dev.tributary.catalog.thumbnail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.catalog.CatalogService;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.export.VideoSource;
import dev.tributary.catalog.query.EpisodeVideoQuery;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.testing.TestLake.EpisodeRow;
import dev.tributary.media.H264Mp4Writer;
import dev.tributary.media.YuvImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailEndpointIT {
  private static final String BUCKET = "tributary-videos";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FRAMES = 60;

  @TempDir Path dir;
  TestLake lake;
  Path objects;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  EpisodeRow withVideo = EpisodeRow.of("aachen", "ACCEPTED", 2.0, FRAMES);
  EpisodeRow small = EpisodeRow.of("aachen", "ACCEPTED", 1.0, 30);
  EpisodeRow objectMissing = EpisodeRow.of("bologna", "REJECTED", 2.0, FRAMES);
  EpisodeRow corrupt = EpisodeRow.of("bologna", "ACCEPTED", 2.0, FRAMES);
  EpisodeRow noVideo = EpisodeRow.of("cork", "ACCEPTED", 2.0, FRAMES);

  @BeforeEach
  void writeEpisodesAndVideos() throws Exception {
    lake = TestLake.withCuratedTables(dir.resolve("data"));
    objects = dir.resolve("data/objects");
    // Luma rises frame by frame, so the thumbnail's brightness tells which frame was decoded.
    writeMp4(video(withVideo), 320, 240, i -> 40 + 2 * i, FRAMES);
    writeMp4(video(small), 64, 48, i -> 128, 30);
    Files.createDirectories(video(corrupt).getParent());
    Files.writeString(video(corrupt), "this is not an MP4 file");
    lake.appendEpisodes(List.of(withVideo, small, objectMissing, corrupt));
    lake.appendEpisodes(List.of(noVideo), r -> r.setField("video_keys", List.of()));
  }

  @AfterEach
  void closeLake() throws Exception {
    lake.close();
  }

  @Test
  void servesAJpegOfTheMiddleFrameAtMost160PxWideAndOneLineErrors() throws Exception {
    try (CatalogService service = start(VideoSource.localObjects(objects, BUCKET))) {
      HttpResponse<byte[]> ok = get(service, withVideo.episodeId());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("content-type")).hasValue("image/jpeg");
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(ok.body()));
      assertThat(image).as("a decodable JPEG").isNotNull();
      assertThat(image.getWidth()).isEqualTo(160);
      assertThat(image.getHeight()).isEqualTo(120);
      // Frame 30 of 60 has luma 100, i.e. grey ~98 in full-range RGB; the first is ~28, the last
      // ~163.
      assertThat(meanRed(image)).isBetween(84.0, 112.0);
      // Cached: the same bytes again.
      assertThat(get(service, withVideo.episodeId()).body()).isEqualTo(ok.body());

      BufferedImage narrow =
          ImageIO.read(new ByteArrayInputStream(get(service, small.episodeId()).body()));
      assertThat(narrow.getWidth()).as("never upscaled").isEqualTo(64);
      assertThat(narrow.getHeight()).isEqualTo(48);

      assertError(get(service, "no-such-episode"), 404, "unknown_episode");
      assertError(get(service, noVideo.episodeId()), 404, "no_video");
      assertError(get(service, objectMissing.episodeId()), 404, "video_missing");
      JsonNode undecodable =
          assertError(get(service, corrupt.episodeId()), 422, "undecodable_video");
      assertThat(undecodable.path("message").asText())
          .contains(corrupt.episodeId())
          .doesNotContain("\n");
    }
  }

  @Test
  void withoutVideosConfiguredEveryThumbnailIsA404() throws Exception {
    try (CatalogService service = start(null)) {
      assertError(get(service, withVideo.episodeId()), 404, "videos_not_configured");
    }
  }

  @Test
  void theCacheIsBoundedAndEvictsTheLeastRecentlyUsed() {
    Thumbnails thumbnails =
        new Thumbnails(
            new EpisodeVideoQuery(lake.catalog()), VideoSource.localObjects(objects, BUCKET), 1);
    assertThat(thumbnails.get(withVideo.episodeId())).isInstanceOf(Thumbnails.Jpeg.class);
    assertThat(thumbnails.get(small.episodeId())).isInstanceOf(Thumbnails.Jpeg.class);
    assertThat(thumbnails.get(corrupt.episodeId())).isInstanceOf(Thumbnails.Undecodable.class);
    assertThat(thumbnails.cachedCount()).isEqualTo(1);
  }

  private CatalogService start(VideoSource videos) {
    return CatalogService.start(
        new CatalogServiceConfig("127.0.0.1", 0, lake.config(), Duration.ofMillis(200))
            .withVideos(videos));
  }

  private Path video(EpisodeRow row) {
    return objects.resolve(BUCKET).resolve(row.siteId() + "/" + row.episodeId() + "/front.mp4");
  }

  private static void writeMp4(
      Path file, int width, int height, java.util.function.IntUnaryOperator luma, int frames)
      throws Exception {
    Files.createDirectories(file.getParent());
    try (H264Mp4Writer writer = new H264Mp4Writer(file, width, height, 30)) {
      for (int i = 0; i < frames; i++) {
        YuvImage image = new YuvImage(width, height);
        Arrays.fill(image.y(), (byte) luma.applyAsInt(i));
        Arrays.fill(image.u(), (byte) 128);
        Arrays.fill(image.v(), (byte) 128);
        writer.write(image);
      }
      assertThat(writer.finish()).isEqualTo(frames);
    }
  }

  private static double meanRed(BufferedImage image) {
    long sum = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        sum += (image.getRGB(x, y) >> 16) & 0xff;
      }
    }
    return (double) sum / (image.getWidth() * image.getHeight());
  }

  private HttpResponse<byte[]> get(CatalogService service, String episodeId) throws Exception {
    URI uri = service.baseUrl().resolve("api/v1/episodes/" + episodeId + "/thumbnail.jpg");
    return client.send(
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + service.adminToken())
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode assertError(HttpResponse<byte[]> response, int status, String code)
      throws Exception {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertThat(response.statusCode()).as(body).isEqualTo(status);
    JsonNode json = JSON.readTree(body);
    assertThat(json.path("error").asText()).as(body).isEqualTo(code);
    assertThat(json.path("message").asText()).isNotBlank();
    return json;
  }
}
