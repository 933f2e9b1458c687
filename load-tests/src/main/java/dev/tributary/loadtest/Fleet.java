package dev.tributary.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.codec.AvroCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Simulated sites and rigs. Sites are created and enrolled through the admin API; each rig records
 * episodes of {@code chunksPerEpisode} one-second chunks and starts the next episode (a new
 * manifest) when one is full, so the gateway sees the episode churn of a real fleet. Not
 * thread-safe: one scheduler thread asks for the next request.
 */
public final class Fleet {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AvroCodec<JointChunk> CHUNKS = AvroCodec.of(JointChunk.class);
  private static final AvroCodec<EpisodeManifest> MANIFESTS = AvroCodec.of(EpisodeManifest.class);

  /** Tries of one rig's enrolment (a fresh code each) before the set-up gives up. */
  private static final int ENROL_ATTEMPTS = 3;

  static final String AVRO = "application/vnd.tributary.avro";
  static final String CHUNKS_AVRO = "application/vnd.tributary.chunks+avro";

  /**
   * One HTTP call a rig makes: {@code PUT} of a manifest or one chunk, or {@code POST} of a batch
   * of {@code chunks} chunks of one episode.
   */
  public record Call(
      String kind,
      String method,
      String path,
      String contentType,
      String token,
      byte[] body,
      int chunks) {}

  private static final class Rig {
    final String siteId;
    final String rigId;
    final String token;
    String episodeId;
    int nextSequence;

    Rig(String siteId, String rigId, String token) {
      this.siteId = siteId;
      this.rigId = rigId;
      this.token = token;
    }
  }

  private final ChunkShape shape;
  private final int chunksPerEpisode;
  private final int chunksPerCall;
  private final List<Rig> rigs;
  private final byte[][] chunkTemplates;
  private final int episodeIdOffset;
  private int cursor;

  private Fleet(ChunkShape shape, int chunksPerEpisode, int chunksPerCall, List<Rig> rigs) {
    this.shape = shape;
    this.chunksPerEpisode = chunksPerEpisode;
    this.chunksPerCall = chunksPerCall;
    this.rigs = rigs;
    // Chunks are encoded once, with a placeholder episode id, and each call only copies them and
    // writes its episode id over the placeholder: like the raw baseline, which sends pre-encoded
    // records, the generator does not spend the shared cores on Avro encoding per call.
    ChunkShape.Columns columns = shape.columns();
    this.chunkTemplates = new byte[chunksPerEpisode][];
    for (int sequence = 0; sequence < chunksPerEpisode; sequence++) {
      chunkTemplates[sequence] =
          CHUNKS.encode(shape.chunk(PLACEHOLDER_EPISODE_ID, sequence, columns));
    }
    this.episodeIdOffset = indexOf(chunkTemplates[0], PLACEHOLDER_BYTES);
  }

  /** Same length as every {@link UUID#toString()}, so encoded lengths do not change. */
  private static final String PLACEHOLDER_EPISODE_ID = "00000000-0000-0000-0000-000000000000";

  private static final byte[] PLACEHOLDER_BYTES =
      PLACEHOLDER_EPISODE_ID.getBytes(StandardCharsets.US_ASCII);

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (haystack[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("the encoded chunk does not hold its episode id");
  }

  /** Writes chunk {@code sequence} of {@code episodeId} (a UUID) into {@code out} at {@code at}. */
  private int writeChunk(String episodeId, int sequence, byte[] out, int at) {
    byte[] template = chunkTemplates[sequence];
    System.arraycopy(template, 0, out, at, template.length);
    for (int i = 0; i < PLACEHOLDER_BYTES.length; i++) {
      out[at + episodeIdOffset + i] = (byte) episodeId.charAt(i);
    }
    return at + template.length;
  }

  /**
   * Creates {@code sites} sites through the admin API and enrols {@code rigsPerSite} rigs each.
   *
   * @param chunksPerCall chunks of one episode per call: 1 = one {@code PUT .../chunks/{seq}} per
   *     chunk, more = {@code POST .../chunks} batches (the episode's last one may be shorter)
   */
  public static Fleet enrol(
      URI gateway,
      String adminToken,
      String runId,
      int sites,
      int rigsPerSite,
      ChunkShape shape,
      int chunksPerEpisode,
      int chunksPerCall) {
    if (chunksPerCall < 1) {
      throw new IllegalArgumentException("chunks per call must be >= 1, got " + chunksPerCall);
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    // Sites are enrolled 8 at a time (each call waits for the registry write's Kafka ack); the
    // rigs keep site order.
    List<CompletableFuture<List<Rig>>> perSite = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int s = 0; s < sites; s++) {
        int siteNo = s;
        perSite.add(
            CompletableFuture.supplyAsync(
                () -> enrolSite(http, gateway, adminToken, runId, siteNo, rigsPerSite), pool));
      }
      List<Rig> rigs = new ArrayList<>();
      for (var site : perSite) {
        rigs.addAll(site.join());
      }
      return new Fleet(shape, chunksPerEpisode, chunksPerCall, rigs);
    } finally {
      pool.shutdown();
    }
  }

  private static List<Rig> enrolSite(
      HttpClient http, URI gateway, String adminToken, String runId, int s, int rigsPerSite) {
    List<Rig> rigs = new ArrayList<>();
    String siteId = "site-" + runId + "-" + s;
    post(
        http,
        gateway.resolve("admin/v1/sites"),
        adminToken,
        "{\"siteId\":\"" + siteId + "\",\"displayName\":\"Load site " + s + "\"}");
    for (int r = 0; r < rigsPerSite; r++) {
      rigs.add(new Rig(siteId, "rig-" + r, enrolRig(http, gateway, adminToken, siteId)));
    }
    return rigs;
  }

  /**
   * One rig's token. A 503 from {@code v1/enroll} (the registry did not read its claim back in time
   * on a loaded machine) is retried with a fresh code, as the gateway's message tells a participant
   * to: the first code may already count as used.
   */
  private static String enrolRig(HttpClient http, URI gateway, String adminToken, String siteId) {
    for (int attempt = 1; ; attempt++) {
      String code =
          post(
                  http,
                  gateway.resolve("admin/v1/sites/" + siteId + "/enrolment-codes"),
                  adminToken,
                  "{}")
              .get("code")
              .asText();
      try {
        return post(http, gateway.resolve("v1/enroll"), null, "{\"code\":\"" + code + "\"}")
            .get("token")
            .asText();
      } catch (SetupCallFailed e) {
        if (e.status != 503 || attempt == ENROL_ATTEMPTS) {
          throw e;
        }
        System.err.println(
            "enrolment attempt " + attempt + " answered 503, retrying: " + e.getMessage());
      }
    }
  }

  public int rigCount() {
    return rigs.size();
  }

  public ChunkShape shape() {
    return shape;
  }

  public int chunksPerCall() {
    return chunksPerCall;
  }

  /**
   * The next call of the next rig (round robin): a manifest when its episode is full, else its next
   * chunk, or its next {@code chunksPerCall} chunks in one batch.
   */
  public Call next() {
    Rig rig = rigs.get(cursor);
    cursor = (cursor + 1) % rigs.size();
    if (rig.episodeId == null || rig.nextSequence >= chunksPerEpisode) {
      rig.episodeId = UUID.randomUUID().toString();
      rig.nextSequence = 0;
      EpisodeManifest manifest = shape.manifest(rig.episodeId, rig.siteId, rig.rigId);
      return new Call(
          "manifest",
          "PUT",
          "/v1/episodes/" + rig.episodeId,
          AVRO,
          rig.token,
          MANIFESTS.encode(manifest),
          0);
    }
    if (chunksPerCall == 1) {
      int sequence = rig.nextSequence++;
      byte[] body = new byte[chunkTemplates[sequence].length];
      writeChunk(rig.episodeId, sequence, body, 0);
      return new Call(
          "chunk",
          "PUT",
          "/v1/episodes/" + rig.episodeId + "/chunks/" + sequence,
          AVRO,
          rig.token,
          body,
          1);
    }
    int count = Math.min(chunksPerCall, chunksPerEpisode - rig.nextSequence);
    int length = 0;
    for (int i = 0; i < count; i++) {
      length += chunkTemplates[rig.nextSequence + i].length;
    }
    byte[] body = new byte[length];
    int at = 0;
    for (int i = 0; i < count; i++) {
      at = writeChunk(rig.episodeId, rig.nextSequence++, body, at);
    }
    return new Call(
        "chunk",
        "POST",
        "/v1/episodes/" + rig.episodeId + "/chunks",
        CHUNKS_AVRO,
        rig.token,
        body,
        count);
  }

  /** A site token of the first rig, for single-rig protocols (video). */
  public String firstSiteId() {
    return rigs.get(0).siteId;
  }

  public String firstToken() {
    return rigs.get(0).token;
  }

  private static JsonNode post(HttpClient http, URI uri, String bearer, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new SetupCallFailed(
            response.statusCode(),
            "setup call " + uri + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("setup call " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during setup", e);
    }
  }

  /** A setup call answered with an error status. */
  private static final class SetupCallFailed extends IllegalStateException {
    private final int status;

    SetupCallFailed(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
