package dev.tributary.recorder.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.recorder.testing.Episodes;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointContentHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path root;

  @Test
  void aFinishedEpisodeIsSpooledWithACommitDescribingItsChunks() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, "lisbon", 3, 30);

    SpooledEpisode episode = spool.read(id);
    assertThat(episode.chunks()).hasSize(3);
    assertThat(episode.commit().getChunkCount()).isEqualTo(3);
    assertThat(episode.commit().getSampleCount()).isEqualTo(90);
    assertThat(episode.commit().getContentSha256().toString())
        .isEqualTo(JointContentHash.of(episode.chunks()));
    assertThat(spool.ledger(id).state()).isEqualTo(EpisodeState.SPOOLED);
    assertThat(spool.pendingUploads()).containsExactly(id);
  }

  @Test
  void aNewRecordingIsRefusedWithAClearMessageAboveTheQuotaWhileSpooledEpisodesStay()
      throws Exception {
    Spool spool = Spool.open(root, new SpoolConfig(4096, 0));
    String first = Episodes.write(spool, "lisbon", 3, 60);
    assertThat(spool.usedBytes()).isGreaterThan(4096);

    assertThatThrownBy(
            () -> spool.startEpisode(Episodes.manifest("lisbon", UUID.randomUUID().toString())))
        .isInstanceOf(SpoolFullException.class)
        .hasMessageContaining("quota")
        .hasMessageContaining("1 episode(s) are waiting for upload")
        .hasMessageContaining("Nothing already recorded is dropped");
    assertThat(spool.read(first).chunks()).hasSize(3);
    assertThat(spool.pendingUploads()).containsExactly(first);
  }

  @Test
  void recordingResumesOnceAcknowledgedEpisodesFreedTheSpace() throws Exception {
    Spool spool = Spool.open(root, new SpoolConfig(4096, 0));
    String first = Episodes.write(spool, "lisbon", 3, 60);
    spool.acknowledge(first, spool.read(first).commit());

    assertThat(spool.usedBytes()).isLessThan(4096);
    Episodes.write(spool, "lisbon", 1, 10);
  }

  @Test
  void acknowledgingDeletesTheDataButKeepsTheLedgerAcrossRestarts() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, "lisbon", 2, 30);
    spool.acknowledge(id, spool.read(id).commit());

    Path dir = root.resolve("episodes").resolve(id);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ledger.json");
    }
    Spool reopened = Spool.open(root, SpoolConfig.defaults());
    EpisodeLedger ledger = reopened.ledger(id);
    assertThat(ledger.state()).isEqualTo(EpisodeState.ACKNOWLEDGED);
    assertThat(ledger.sampleCount()).isEqualTo(60);
    assertThat(reopened.pendingUploads()).isEmpty();
  }

  @Test
  void anEpisodeInterruptedWhileRecordingIsSalvagedWithItsDurableChunksAndOnlyItsCompleteCameras()
      throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = UUID.randomUUID().toString();
    EpisodeManifest manifest =
        EpisodeManifest.newBuilder(Episodes.manifest("lisbon", id))
            .setCameras(
                List.of(new CameraSpec("observation.images.top", "top", 64, 48, 15f, "h264")))
            .build();
    EpisodeWriter writer = spool.startEpisode(manifest);
    writer.appendChunk(Episodes.chunk(id, 0, 30));
    writer.appendChunk(Episodes.chunk(id, 1, 30));
    Files.write(writer.partialVideoFile("observation.images.top"), new byte[1000]);
    // The process dies here: no video finished, no commit. Simulate a torn third chunk too.
    Path segment = root.resolve("episodes").resolve(id).resolve("records.seg");
    Files.write(segment, new byte[] {0, 0, 1, 0, 1, 2}, StandardOpenOption.APPEND);

    Spool reopened = Spool.open(root, SpoolConfig.defaults());

    EpisodeLedger ledger = reopened.ledger(id);
    assertThat(ledger.state()).isEqualTo(EpisodeState.SPOOLED);
    assertThat(ledger.note()).contains("salvaged");
    SpooledEpisode episode = reopened.read(id);
    assertThat(episode.chunks()).hasSize(2);
    assertThat(episode.manifest().getCameras()).isEmpty();
    assertThat(episode.commit().getSampleCount()).isEqualTo(60);
    assertThat(episode.commit().getContentSha256().toString())
        .isEqualTo(JointContentHash.of(episode.chunks()));
    assertThat(writer.partialVideoFile("observation.images.top")).doesNotExist();
  }

  @Test
  void anEpisodeInterruptedBeforeAnyChunkWasDurableIsDiscardedNotUploaded() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = UUID.randomUUID().toString();
    spool.startEpisode(Episodes.manifest("lisbon", id)).close();

    Spool reopened = Spool.open(root, SpoolConfig.defaults());

    assertThat(reopened.contains(id)).isFalse();
    assertThat(reopened.pendingUploads()).isEmpty();
    assertThat(root.resolve("episodes").resolve(id)).doesNotExist();
  }

  @Test
  void aHalfWrittenLedgerReplacementIsIgnoredAndTheLastCompleteLedgerWins() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, "lisbon", 1, 30);
    spool.update(id, b -> b.manifestAcked().state(EpisodeState.UPLOADING));
    Path dir = root.resolve("episodes").resolve(id);
    Files.write(dir.resolve("ledger.json.tmp"), "{\"episodeId\":".getBytes());

    Spool reopened = Spool.open(root, SpoolConfig.defaults());

    assertThat(reopened.ledger(id).manifestAcked()).isTrue();
    assertThat(reopened.ledger(id).state()).isEqualTo(EpisodeState.UPLOADING);
    assertThat(dir.resolve("ledger.json.tmp")).doesNotExist();
  }

  @Test
  void aFolderWithoutALedgerIsAnInterruptedCreationAndIsRemoved() throws Exception {
    Path orphan = root.resolve("episodes").resolve(UUID.randomUUID().toString());
    Files.createDirectories(orphan);
    Files.write(orphan.resolve("records.seg"), new byte[] {1, 2, 3});

    Spool spool = Spool.open(root, SpoolConfig.defaults());

    assertThat(orphan).doesNotExist();
    assertThat(spool.ledgers()).isEmpty();
  }

  @Test
  void anEpisodeWhoseSegmentRottedInTheMiddleIsMarkedFailedAndKeptNotTruncated() throws Exception {
    Spool spool = Spool.open(root, SpoolConfig.defaults());
    String id = Episodes.write(spool, "lisbon", 3, 30);
    Path segment = root.resolve("episodes").resolve(id).resolve("records.seg");
    long size = Files.size(segment);
    long secondChunk = SegmentFile.readIntact(segment).get(2).offset();
    byte[] bytes = Files.readAllBytes(segment);
    bytes[(int) secondChunk + SegmentFile.FRAME_HEADER_BYTES + 5] ^= 0x01;
    Files.write(segment, bytes);

    Spool reopened = Spool.open(root, SpoolConfig.defaults());

    assertThat(reopened.ledger(id).state()).isEqualTo(EpisodeState.FAILED);
    assertThat(reopened.ledger(id).failureReason()).contains("spool corrupt");
    assertThat(Files.size(segment)).isEqualTo(size);
  }
}
