package dev.tributary.recorder.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFileTest {
  @TempDir Path dir;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Path segmentWith(String... bodies) throws Exception {
    Path path = dir.resolve("records.seg");
    try (SegmentFile segment = SegmentFile.create(path)) {
      for (String body : bodies) {
        segment.append(RecordType.CHUNK, bytes(body));
      }
    }
    return path;
  }

  @Test
  void recordsAppendedAreReadBackInOrderWithTheirTypes() throws Exception {
    Path path = segmentWith("one", "two", "three");
    try (SegmentFile segment = SegmentFile.open(path)) {
      assertThat(segment.records())
          .extracting(r -> new String(r.body(), StandardCharsets.UTF_8))
          .containsExactly("one", "two", "three");
      assertThat(segment.records()).allMatch(r -> r.type() == RecordType.CHUNK);
      assertThat(segment.size()).isEqualTo(Files.size(path));
    }
  }

  private static void flipBit(Path path, long at) throws Exception {
    try (FileChannel channel =
        FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, at);
      one.put(0, (byte) (one.get(0) ^ 0x10));
      one.rewind();
      channel.write(one, at);
    }
  }

  @Test
  void aFlippedBitInTheLastRecordIsCaughtByItsCrcAndTruncatedAsATornTail() throws Exception {
    Path path = segmentWith("first record", "second record");
    long lastOffset = SegmentFile.readIntact(path).get(1).offset();
    flipBit(path, lastOffset + SegmentFile.FRAME_HEADER_BYTES + 3);

    try (SegmentFile segment = SegmentFile.open(path)) {
      assertThat(segment.records())
          .extracting(r -> new String(r.body(), StandardCharsets.UTF_8))
          .containsExactly("first record");
      assertThat(Files.size(path)).isEqualTo(lastOffset);
    }
  }

  @Test
  void aFlippedBitInAMiddleRecordIsReportedAsCorruptionAndNothingIsTruncated() throws Exception {
    Path path = segmentWith("first record", "second record", "third record");
    long size = Files.size(path);
    long secondOffset = SegmentFile.readIntact(path).get(1).offset();
    flipBit(path, secondOffset + SegmentFile.FRAME_HEADER_BYTES + 3);

    assertThatThrownBy(() -> SegmentFile.open(path))
        .isInstanceOf(CorruptSegmentException.class)
        .hasMessageContaining("fails its CRC32C but an intact record follows");
    assertThat(Files.size(path)).isEqualTo(size);
  }

  @Test
  void aTornTailFromACrashIsTruncatedAndAppendingContinuesAfterTheLastIntactRecord()
      throws Exception {
    Path path = segmentWith("kept 1", "kept 2");
    long intactSize = Files.size(path);
    // A crash mid-append: a header that promises 100 bytes followed by only 5 of them.
    ByteBuffer torn = ByteBuffer.allocate(13).putInt(100).putInt(0xdeadbeef).put(bytes("parti"));
    torn.flip();
    Files.write(path, torn.array(), StandardOpenOption.APPEND);

    try (SegmentFile segment = SegmentFile.open(path)) {
      assertThat(segment.records()).hasSize(2);
      assertThat(Files.size(path)).isEqualTo(intactSize);
      segment.append(RecordType.COMMIT, bytes("after restart"));
    }
    assertThat(SegmentFile.readIntact(path))
        .extracting(SpoolRecord::type)
        .containsExactly(RecordType.CHUNK, RecordType.CHUNK, RecordType.COMMIT);
  }

  @Test
  void aHeaderCutInTheMiddleIsATornTailToo() throws Exception {
    Path path = segmentWith("kept");
    long intactSize = Files.size(path);
    Files.write(path, new byte[] {0, 0, 0}, StandardOpenOption.APPEND);

    try (SegmentFile segment = SegmentFile.open(path)) {
      assertThat(segment.records()).hasSize(1);
    }
    assertThat(Files.size(path)).isEqualTo(intactSize);
  }

  @Test
  void aFileThatIsNotASpoolSegmentIsRefusedRatherThanTruncated() throws Exception {
    Path path = dir.resolve("foreign.seg");
    Files.write(path, bytes("hello, this is somebody else's file"));

    assertThatThrownBy(() -> SegmentFile.open(path))
        .hasMessageContaining("not a Tributary spool segment");
    assertThat(Files.readString(path)).startsWith("hello");
  }
}
