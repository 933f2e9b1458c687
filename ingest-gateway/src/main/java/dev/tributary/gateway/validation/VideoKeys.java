package dev.tributary.gateway.validation;

/**
 * Where an episode's videos live in the bucket (docs/protocol.md, "Episode ids and object keys").
 */
public final class VideoKeys {
  private VideoKeys() {}

  /** {@code sites/{siteId}/episodes/{episodeId}/{cameraKey}.mp4} */
  public static String objectKey(String siteId, String episodeId, String cameraKey) {
    return "sites/" + siteId + "/episodes/" + episodeId + "/" + cameraKey + ".mp4";
  }
}
