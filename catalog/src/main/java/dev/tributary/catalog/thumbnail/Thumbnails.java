package dev.tributary.catalog.thumbnail;

import dev.tributary.catalog.export.VideoSource;
import dev.tributary.catalog.query.EpisodeVideoQuery;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An episode's thumbnail: its first video object, one frame from about the middle, as a JPEG at
 * most {@link #MAX_WIDTH} pixels wide. Videos never change, so JPEGs are kept in a bounded LRU of
 * {@link #CACHE_ENTRIES} episodes (a few KiB each); failures are not cached. Blocking (a table scan
 * and an FFmpeg decode); thread-safe.
 */
public final class Thumbnails {
  public static final int MAX_WIDTH = 160;
  public static final int CACHE_ENTRIES = 256;

  /** What {@link #get} found. */
  public sealed interface Result {}

  /** The JPEG. */
  public record Jpeg(byte[] bytes) implements Result {}

  /**
   * No thumbnail for a reason that is not the video's fault; {@code code} is one of {@code
   * unknown_episode}, {@code no_video}, {@code video_missing}.
   */
  public record Missing(String code, String message) implements Result {}

  /** The video exists but gives no frame; the message is one line. */
  public record Undecodable(String message) implements Result {}

  private final EpisodeVideoQuery query;
  private final VideoSource videos;
  private final Map<String, byte[]> cache;

  public Thumbnails(EpisodeVideoQuery query, VideoSource videos) {
    this(query, videos, CACHE_ENTRIES);
  }

  Thumbnails(EpisodeVideoQuery query, VideoSource videos, int cacheEntries) {
    this.query = query;
    this.videos = videos;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > cacheEntries;
          }
        };
  }

  public Result get(String episodeId) {
    byte[] cached = cached(episodeId);
    if (cached != null) {
      return new Jpeg(cached);
    }
    Optional<List<String>> keys = query.videoKeys(episodeId);
    if (keys.isEmpty()) {
      return new Missing("unknown_episode", "no episode '" + episodeId + "' in the curated table");
    }
    if (keys.get().isEmpty()) {
      return new Missing("no_video", "episode " + episodeId + " has no video");
    }
    String key = keys.get().get(0);
    Path file = videos.locate(key);
    if (file == null) {
      return new Missing("video_missing", "video object '" + key + "' is not in the object store");
    }
    byte[] jpeg;
    try {
      jpeg = FrameThumbnailer.jpeg(file, MAX_WIDTH);
    } catch (ThumbnailException e) {
      return new Undecodable("video object '" + key + "': " + e.getMessage());
    } catch (RuntimeException e) {
      return new Undecodable(
          ("video object '" + key + "': " + e).replace('\n', ' ').replace('\r', ' '));
    }
    synchronized (cache) {
      cache.put(episodeId, jpeg);
    }
    return new Jpeg(jpeg);
  }

  /** How many JPEGs are cached. */
  public int cachedCount() {
    synchronized (cache) {
      return cache.size();
    }
  }

  private byte[] cached(String episodeId) {
    synchronized (cache) {
      return cache.get(episodeId);
    }
  }
}
