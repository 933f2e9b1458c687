package dev.tributary.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.gateway.publish.EpisodeIntake.ChunkAccepted;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResponsesTest {
  @Test
  void thePreEncodedChunkAnswerIsJacksonsByteForByte() throws Exception {
    ObjectMapper jackson = new ObjectMapper();
    for (int sequence : new int[] {0, 1, 59, 1_000_000, Integer.MAX_VALUE}) {
      String id = UUID.randomUUID().toString();
      assertThat(Responses.chunkAccepted(id, sequence).getBytes())
          .isEqualTo(jackson.writeValueAsBytes(new ChunkAccepted(id, sequence)));
    }
    // An id needing escapes (never valid, but never wrong either) goes through Jackson.
    String odd = "a\"b\\c\u0001é";
    assertThat(Responses.chunkAccepted(odd, 3).getBytes())
        .isEqualTo(jackson.writeValueAsBytes(new ChunkAccepted(odd, 3)));
  }

  @Test
  void thePreEncodedBatchAnswerIsJacksonsByteForByte() throws Exception {
    ObjectMapper jackson = new ObjectMapper();
    for (int[] sequences :
        new int[][] {{0}, {0, 1, 2}, {59, 7, Integer.MAX_VALUE}, new int[64], new int[0]}) {
      String id = UUID.randomUUID().toString();
      assertThat(Responses.batchAccepted(id, sequences).getBytes())
          .isEqualTo(jackson.writeValueAsBytes(new Responses.BatchAnswer(id, sequences)));
    }
    assertThat(Responses.batchAccepted("e", new int[] {3, 4}).toString())
        .isEqualTo("{\"episodeId\":\"e\",\"accepted\":[3,4]}");
    String odd = "a\"b\\c\u0001é";
    assertThat(Responses.batchAccepted(odd, new int[] {1}).getBytes())
        .isEqualTo(jackson.writeValueAsBytes(new Responses.BatchAnswer(odd, new int[] {1})));
  }
}
