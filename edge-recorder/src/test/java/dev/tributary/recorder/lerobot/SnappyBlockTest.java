package dev.tributary.recorder.lerobot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** SnappyBlock against snappy-java (the native library parquet-java writes SNAPPY pages with). */
class SnappyBlockTest {
  private static void roundTrip(byte[] data) throws IOException {
    byte[] compressed = Snappy.compress(data);
    assertThat(SnappyBlock.decompress(compressed, 0, compressed.length, data.length))
        .as("%d bytes", data.length)
        .isEqualTo(data);
  }

  @Test
  void decompressesWhatSnappyJavaCompresses() throws IOException {
    Random random = new Random(7);
    for (int size : new int[] {0, 1, 3, 59, 60, 61, 255, 256, 65_535, 65_536, 70_000, 1 << 20}) {
      byte[] noise = new byte[size];
      random.nextBytes(noise); // long literals (1-4 length bytes)
      roundTrip(noise);
      byte[] runs = new byte[size];
      for (int i = 0; i < size; i++) {
        runs[i] = (byte) ((i / 97) % 5); // overlapping copies
      }
      roundTrip(runs);
      byte[] floats = new byte[size]; // float32 columns: noisy low bytes, repeated high bytes
      for (int i = 0; i + 4 <= size; i += 4) {
        int bits = Float.floatToRawIntBits(10f + (float) Math.sin(i / 400.0) * 30f);
        floats[i] = (byte) random.nextInt();
        floats[i + 1] = (byte) (bits >>> 8);
        floats[i + 2] = (byte) (bits >>> 16);
        floats[i + 3] = (byte) (bits >>> 24);
      }
      roundTrip(floats);
    }
    roundTrip("shoulder_pan.pos ".repeat(5000).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCorruptBlockIsAnIoException() throws IOException {
    byte[] data = "Pick the orange cube and place it in the box. ".repeat(100).getBytes();
    byte[] compressed = Snappy.compress(data);
    assertThatThrownBy(() -> SnappyBlock.decompress(compressed, 0, compressed.length, 10))
        .hasMessageContaining("page header says 10");
    assertThatThrownBy(
            () -> SnappyBlock.decompress(compressed, 0, compressed.length - 3, data.length))
        .isInstanceOf(IOException.class);
    byte[] badOffset = Arrays.copyOf(compressed, compressed.length);
    for (int i = 3; i < badOffset.length; i++) {
      badOffset[i] = (byte) 0xff; // copies 4 GB back
    }
    assertThatThrownBy(() -> SnappyBlock.decompress(badOffset, 0, badOffset.length, data.length))
        .isInstanceOf(IOException.class);
  }
}
