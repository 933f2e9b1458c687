package dev.tributary.recorder.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.recorder.testing.Episodes;
import dev.tributary.schema.JointChunk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload reads the spooled chunk bytes as they are: no decoding, no encoding again. */
class SpooledChunkTest {
  @TempDir Path root;

  @Test
  void readsTheSequenceInPlaceAndKeepsTheSpooledBytes() throws Exception {
    String id = UUID.randomUUID().toString();
    for (int sequence : new int[] {0, 1, 63, 64, 300, 70_000}) {
      JointChunk chunk = Episodes.chunk(id, sequence, 30);
      byte[] spooled = Codecs.CHUNK.encode(chunk);
      SpooledChunk read = SpooledChunk.of(spooled, "test");
      assertThat(read.sequence()).isEqualTo(sequence);
      assertThat(read.bytes()).isSameAs(spooled);
      assertThat(read.decode()).isEqualTo(chunk);
    }
  }

  @Test
  void bytesThatAreNotAChunkAreReportedAsBefore() {
    byte[] garbage = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    assertThatThrownBy(() -> SpooledChunk.of(garbage, "seg"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("seg");
  }

  @Test
  void theUploadReadGivesTheSpooledBytesInSequenceOrder() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, "lisbon", 3, 30);
    SpooledEpisode decoded = spool.read(id);
    SpooledUpload upload = spool.readForUpload(id);
    assertThat(upload.chunks()).extracting(SpooledChunk::sequence).containsExactly(0, 1, 2);
    List<JointChunk> chunks = decoded.chunks();
    for (int i = 0; i < chunks.size(); i++) {
      assertThat(upload.chunks().get(i).bytes()).isEqualTo(Codecs.CHUNK.encode(chunks.get(i)));
    }
    assertThat(upload.manifest()).isEqualTo(decoded.manifest());
    assertThat(upload.commit()).isEqualTo(decoded.commit());
  }
}
