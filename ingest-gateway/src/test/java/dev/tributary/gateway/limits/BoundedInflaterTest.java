package dev.tributary.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.gateway.error.Rejection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BoundedInflaterTest {
  static byte[] gzip(byte[] raw) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  @Test
  void uncompressedBodiesPassThrough() {
    byte[] body = "abc".getBytes(StandardCharsets.UTF_8);
    assertThat(BoundedInflater.inflate(body, null, 10)).isSameAs(body);
    assertThat(BoundedInflater.inflate(body, "identity", 10)).isSameAs(body);
  }

  @Test
  void gzipAndDeflateBodiesAreInflated() throws Exception {
    byte[] raw = "hello hello hello".getBytes(StandardCharsets.UTF_8);
    assertThat(BoundedInflater.inflate(gzip(raw), "gzip", 100)).isEqualTo(raw);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
      d.write(raw);
    }
    assertThat(BoundedInflater.inflate(out.toByteArray(), "deflate", 100)).isEqualTo(raw);
  }

  @Test
  void aCompressionBombIsRefusedOnceItsOutputPassesTheLimit() throws Exception {
    byte[] bomb = gzip(new byte[100 * 1024 * 1024]);
    assertThat(bomb.length).isLessThan(200 * 1024);
    assertThatThrownBy(() -> BoundedInflater.inflate(bomb, "gzip", 4 * 1024 * 1024))
        .isInstanceOfSatisfying(
            Rejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(413);
              assertThat(r.reason()).isEqualTo("body_too_large");
            });
  }

  @Test
  void bytesThatAreNotInTheDeclaredEncodingAre400AndUnknownEncodings415() {
    assertThatThrownBy(() -> BoundedInflater.inflate(new byte[] {1, 2, 3}, "gzip", 100))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("malformed_compression"));
    assertThatThrownBy(() -> BoundedInflater.inflate(new byte[] {1}, "br", 100))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(415));
  }
}
