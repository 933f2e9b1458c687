package dev.tributary.gateway.limits;

import dev.tributary.gateway.error.Rejection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Decompresses a request body declared with {@code Content-Encoding}, refusing to produce more than
 * the route's limit: a few kilobytes of gzip can expand to gigabytes (a compression bomb), so the
 * limit applies to what comes out, not to what came in.
 */
public final class BoundedInflater {
  private BoundedInflater() {}

  /**
   * @param encoding the Content-Encoding header, or null for none
   * @throws Rejection 413 when the output exceeds {@code limit}, 400 when the bytes are not in the
   *     declared encoding, 415 for an encoding the gateway does not speak
   */
  public static byte[] inflate(byte[] body, String encoding, int limit) {
    String coding = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
    switch (coding) {
      case "", "identity" -> {
        return body;
      }
      case "gzip", "x-gzip", "deflate" -> {
        try (InputStream in = open(body, coding)) {
          return readAtMost(in, limit);
        } catch (IOException e) {
          throw Rejection.malformed(
              "malformed_compression",
              "the body is not valid "
                  + coding
                  + " ("
                  + e.getMessage()
                  + "): compress it correctly or drop the Content-Encoding header");
        }
      }
      default ->
          throw Rejection.of(
              415,
              "unsupported_content_encoding",
              "Content-Encoding '"
                  + encoding
                  + "' is not supported: send the body uncompressed, gzip or deflate");
    }
  }

  private static InputStream open(byte[] body, String coding) throws IOException {
    ByteArrayInputStream raw = new ByteArrayInputStream(body);
    return coding.equals("deflate") ? new InflaterInputStream(raw) : new GZIPInputStream(raw);
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
    byte[] buffer = new byte[16 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      if (out.size() + n > limit) {
        throw Rejection.of(
            413,
            "body_too_large",
            "the body inflates to more than "
                + limit
                + " bytes: split it into smaller chunks (limits apply after decompression)");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
