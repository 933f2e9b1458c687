package dev.tributary.gateway.http;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.gateway.limits.SiteRateLimiter;
import dev.tributary.gateway.metrics.GatewayMetrics;
import dev.tributary.gateway.publish.EpisodeIntake;
import dev.tributary.gateway.publish.EpisodeIntake.ChunkAccepted;
import dev.tributary.gateway.publish.EpisodeIntake.PartUrlsRequest;
import dev.tributary.gateway.publish.EpisodeIntake.StatusView;
import dev.tributary.gateway.validation.ChunkBatch;
import dev.tributary.gateway.validation.ReceivedChunk;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The site-facing episode protocol: thin translations from HTTP to {@link EpisodeIntake}. */
final class EpisodeRoutes {
  /** The JSON body of {@code POST .../videos/{cameraKey}/uploads}; boxed to spot absent fields. */
  record PartUrlsBody(Long sizeBytes, Long partSize, List<String> partMd5s, String uploadId) {}

  private final EpisodeIntake intake;
  private final GatewayMetrics metrics;
  private final SiteRateLimiter rateLimiter;
  private final ChunkBatch batch;

  EpisodeRoutes(
      EpisodeIntake intake, GatewayMetrics metrics, SiteRateLimiter rateLimiter, ChunkBatch batch) {
    this.intake = intake;
    this.metrics = metrics;
    this.rateLimiter = rateLimiter;
    this.batch = batch;
  }

  void manifest(RoutingContext ctx) {
    Handlers.answer(
        ctx,
        202,
        c ->
            intake.manifest(Handlers.site(c), c.pathParam("episodeId"), Handlers.body(c, metrics)));
  }

  void chunk(RoutingContext ctx) {
    metrics.chunksIn("chunk", 1);
    if (Guards.isJson(ctx)) {
      // Converted once, here: from now on the chunk is the Avro record, as if sent in Avro.
      Handlers.answerEncoded(
          ctx,
          202,
          c ->
              intake.chunk(
                  Handlers.site(c),
                  c.pathParam("episodeId"),
                  c.pathParam("sequence"),
                  JsonChunks.read(Handlers.body(c, metrics))),
          EpisodeRoutes::chunkAnswer);
      return;
    }
    Handlers.answerEncoded(
        ctx,
        202,
        c ->
            intake.chunk(
                Handlers.site(c),
                c.pathParam("episodeId"),
                c.pathParam("sequence"),
                Handlers.body(c, metrics)),
        EpisodeRoutes::chunkAnswer);
  }

  private static Buffer chunkAnswer(ChunkAccepted accepted) {
    return Responses.chunkAccepted(accepted.episodeId(), accepted.sequence());
  }

  /**
   * A batch: split (Avro back to back, or a JSON array converted once here), one rate-limit token
   * per chunk beyond the one the guard took, then the intake checks and publishes them all.
   */
  void chunks(RoutingContext ctx) {
    Handlers.answerEncoded(
        ctx,
        202,
        c -> {
          byte[] body = Handlers.body(c, metrics);
          List<ReceivedChunk> chunks =
              Guards.isJson(c) ? batch.of(JsonChunks.readBatch(body)) : batch.split(body);
          metrics.chunksIn("chunks", chunks.size());
          String siteId = Handlers.site(c);
          Guards.charge(rateLimiter, siteId, chunks.size() - 1);
          return intake.chunks(siteId, c.pathParam("episodeId"), chunks);
        },
        accepted -> Responses.batchAccepted(accepted.episodeId(), accepted.sequences()));
  }

  void video(RoutingContext ctx) {
    Handlers.answer(
        ctx,
        202,
        c ->
            intake.video(
                Handlers.site(c),
                c.pathParam("episodeId"),
                c.pathParam("cameraKey"),
                c.queryParams().get("uploadId"),
                Handlers.body(c, metrics)));
  }

  void videoUpload(RoutingContext ctx) {
    PartUrlsBody body = Responses.readJson(ctx, PartUrlsBody.class, null);
    if (body.sizeBytes() == null || body.partSize() == null || body.partMd5s() == null) {
      throw Rejection.malformed(
          "malformed_json",
          "send JSON {\"sizeBytes\":N,\"partSize\":N,\"partMd5s\":[\"<base64 MD5 per part>\"],"
              + "\"uploadId\":\"<when resuming>\"}");
    }
    Handlers.answer(
        ctx,
        200,
        c ->
            intake.videoUpload(
                Handlers.site(c),
                c.pathParam("episodeId"),
                c.pathParam("cameraKey"),
                new PartUrlsRequest(
                    body.sizeBytes(), body.partSize(), body.partMd5s(), body.uploadId())));
  }

  void commit(RoutingContext ctx) {
    Handlers.answer(
        ctx,
        202,
        c -> intake.commit(Handlers.site(c), c.pathParam("episodeId"), Handlers.body(c, metrics)));
  }

  void status(RoutingContext ctx) {
    StatusView view = intake.status(Handlers.site(ctx), ctx.pathParam("episodeId"));
    if (view.progress() != null) {
      // What this instance saw arrive; headers so the protocol's JSON body stays as documented.
      ctx.response()
          .putHeader("Tributary-Chunks-Received", String.valueOf(view.progress().chunks()))
          .putHeader("Tributary-Videos-Received", String.valueOf(view.progress().videos()))
          .putHeader("Tributary-Committed", String.valueOf(view.progress().committed()));
    }
    Responses.json(ctx, 200, view.status());
  }
}
