package dev.tributary.curation.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.dedup.ExactKey;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointContentHash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class JointMatrixTest {
  private final SyntheticEpisode episode =
      SyntheticEpisode.builder().seed(4).samples(250).chunkSize(37).build();

  @Test
  void theColumnsHoldEveryChunksSamplesInSequenceOrder() {
    JointMatrix x = JointMatrix.of(episode.manifest, episode.chunks);

    assertThat(x.wellFormed()).isTrue();
    assertThat(x.samples()).isEqualTo(250);
    assertThat(x.chunkCount()).isEqualTo(episode.chunks.size());
    JointChunk second = episode.chunks.get(1);
    assertThat(x.monoNanos()[37]).isEqualTo(second.getCaptureMonoNanos().get(0));
    assertThat(x.wallMicros()[40]).isEqualTo(second.getCaptureWallMicros().get(3));
    assertThat(x.state()[2][38]).isEqualTo(second.getState().get(2).get(1));
    assertThat(x.action()[5][74]).isEqualTo(episode.chunks.get(2).getAction().get(5).get(0));
    assertThat(x.actionEverywhere()).isTrue();
  }

  @Test
  void theContentHashIsTheRecordersDigestOfTheChunks() {
    assertThat(JointMatrix.of(episode.manifest, episode.chunks).contentSha256())
        .isEqualTo(episode.commit.getContentSha256())
        .isEqualTo(floatByFloat(episode.chunks));
  }

  @Test
  void chunksWithoutActionAmongOthersWithOneHashAsTheRecorderDoes() {
    List<JointChunk> mixed = new ArrayList<>(episode.chunks);
    mixed.set(1, JointChunk.newBuilder(mixed.get(1)).setAction(List.of()).build());
    JointMatrix x = JointMatrix.of(episode.manifest, mixed);

    assertThat(x.actionEverywhere()).isFalse();
    assertThat(x.hasAction(36)).isTrue();
    assertThat(x.hasAction(37)).isFalse();
    assertThat(x.hasAction(74)).isTrue();
    assertThat(x.contentSha256())
        .isEqualTo(JointContentHash.of(mixed))
        .isEqualTo(floatByFloat(mixed));
  }

  @Test
  void anEpisodeWithoutActionHasNoActionColumn() {
    SyntheticEpisode stateOnly = SyntheticEpisode.builder().seed(5).withoutAction().build();
    JointMatrix x = JointMatrix.of(stateOnly.manifest, stateOnly.chunks);

    assertThat(x.action()).isEmpty();
    assertThat(x.hasAction(0)).isFalse();
    assertThat(x.contentSha256()).isEqualTo(stateOnly.commit.getContentSha256());
  }

  @Test
  void aChunkOfAnotherShapeLeavesOnlyTheCaptureTimes() {
    List<JointChunk> bad = new ArrayList<>(episode.chunks);
    bad.set(
        2, JointChunk.newBuilder(bad.get(2)).setState(bad.get(2).getState().subList(0, 5)).build());
    JointMatrix x = JointMatrix.of(episode.manifest, bad);

    assertThat(x.wellFormed()).isFalse();
    assertThat(x.samples()).isEqualTo(250);
    assertThat(x.state()).isEmpty();
  }

  @Test
  void theExactKeyIsTheSampleBySampleDigestOfTheQuantisedState() throws Exception {
    JointMatrix x = JointMatrix.of(episode.manifest, episode.chunks);
    // The key as it was computed from the chunks before the matrix: one digest update per sample.
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    String robotType = episode.manifest.getRobotType();
    byte[] robot = robotType.getBytes(StandardCharsets.UTF_8);
    digest.update(
        ByteBuffer.allocate(8 + robot.length).putInt(robot.length).put(robot).putInt(6).array());
    for (JointChunk c : episode.chunks) {
      for (int i = 0; i < c.getCaptureMonoNanos().size(); i++) {
        ByteBuffer sample = ByteBuffer.allocate(48);
        for (int j = 0; j < 6; j++) {
          sample.putLong(Math.round(c.getState().get(j).get(i) / ExactKey.QUANTUM));
        }
        digest.update(sample.array());
      }
    }

    assertThat(ExactKey.of(robotType, x.state(), x.samples()))
        .isEqualTo(HexFormat.of().formatHex(digest.digest()));
  }

  /** The content hash as it was computed before it was buffered: one digest update per float. */
  private static String floatByFloat(List<JointChunk> chunks) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (JointChunk c : chunks) {
        for (int i = 0; i < c.getCaptureMonoNanos().size(); i++) {
          for (List<Float> joint : c.getState()) {
            digest.update(
                ByteBuffer.allocate(4).putInt(Float.floatToIntBits(joint.get(i))).array());
          }
          for (List<Float> joint : c.getAction()) {
            digest.update(
                ByteBuffer.allocate(4).putInt(Float.floatToIntBits(joint.get(i))).array());
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
