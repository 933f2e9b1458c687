package dev.tributary.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.gateway.error.Rejection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartPlanTest {
  static final long MIB = 1024 * 1024;
  static final String MD5 = "1B2M2Y8AsgTpgAmY7PhCfg==";

  static String reason(Runnable call) {
    try {
      call.run();
    } catch (Rejection r) {
      return r.reason();
    }
    return "accepted";
  }

  @Test
  void aTwentyMibVideoInEightMibPartsIsTwoFullPartsAndAShortLastOne() {
    PartPlan plan = PartPlan.of(20 * MIB, 8 * MIB);
    assertThat(plan.partCount()).isEqualTo(3);
    assertThat(List.of(plan.sizeOf(1), plan.sizeOf(2), plan.sizeOf(3)))
        .containsExactly(8 * MIB, 8 * MIB, 4 * MIB);
  }

  @Test
  void aVideoSmallerThanOnePartIsASinglePartAndAnExactMultipleHasNoEmptyTail() {
    assertThat(PartPlan.of(300_000, 8 * MIB).partCount()).isEqualTo(1);
    assertThat(PartPlan.of(300_000, 8 * MIB).sizeOf(1)).isEqualTo(300_000);
    assertThat(PartPlan.of(16 * MIB, 8 * MIB).partCount()).isEqualTo(2);
    assertThat(PartPlan.of(16 * MIB, 8 * MIB).sizeOf(2)).isEqualTo(8 * MIB);
  }

  @Test
  void partSizesOutsideEightToSixteenMibAndImpossibleSizesAreRefused() {
    assertThat(reason(() -> PartPlan.of(MIB, 5 * MIB))).isEqualTo("invalid_part_size");
    assertThat(reason(() -> PartPlan.of(MIB, 17 * MIB))).isEqualTo("invalid_part_size");
    assertThat(reason(() -> PartPlan.of(0, 8 * MIB))).isEqualTo("invalid_size");
    assertThat(reason(() -> PartPlan.of(8 * MIB * 10_001, 8 * MIB))).isEqualTo("invalid_size");
  }

  @Test
  void oneWellFormedMd5IsNeededPerPart() {
    PartPlan plan = PartPlan.of(20 * MIB, 8 * MIB);
    assertThat(reason(() -> plan.checkMd5s(List.of(MD5, MD5, MD5)))).isEqualTo("accepted");
    assertThat(reason(() -> plan.checkMd5s(List.of(MD5, MD5)))).isEqualTo("part_count_mismatch");
    assertThat(reason(() -> plan.checkMd5s(null))).isEqualTo("part_count_mismatch");
    assertThat(reason(() -> plan.checkMd5s(List.of(MD5, MD5, "not-base64-of-16-bytes!!"))))
        .isEqualTo("invalid_part_md5");
    assertThat(reason(() -> plan.checkMd5s(Collections.nCopies(3, "AAAA"))))
        .isEqualTo("invalid_part_md5");
  }

  @Test
  void storedPartsMustBeCompleteAndCutAsPlanned() {
    PartPlan plan = PartPlan.of(20 * MIB, 8 * MIB);
    Map<Integer, Long> all = Map.of(1, 8 * MIB, 2, 8 * MIB, 3, 4 * MIB);
    assertThat(reason(() -> plan.checkStoredParts("k", "u", all))).isEqualTo("accepted");
    assertThatThrownBy(() -> plan.checkStoredParts("k", "u", Map.of(1, 8 * MIB)))
        .isInstanceOf(Rejection.class)
        .hasMessageContaining("[2, 3]");
    assertThat(reason(() -> plan.checkStoredParts("k", "u", Map.of(1, 8 * MIB, 3, 4 * MIB))))
        .isEqualTo("video_parts_missing");
    assertThat(
            reason(
                () -> plan.checkStoredParts("k", "u", Map.of(1, 8 * MIB, 2, 8 * MIB, 3, 5 * MIB))))
        .isEqualTo("video_size_mismatch");
    assertThat(
            reason(
                () ->
                    plan.checkStoredParts(
                        "k", "u", Map.of(1, 8 * MIB, 2, 8 * MIB, 3, 4 * MIB, 4, MIB))))
        .isEqualTo("video_size_mismatch");
    assertThat(PartPlan.inferPartSize(all)).isEqualTo(8 * MIB);
  }

  @Test
  void uploadIdsAreLimitedToTheCharactersS3Uses() {
    assertThat(PartPlan.requireUploadId("2d4eab25-74f1-436d-bfe8-6230873c3317")).isNotNull();
    assertThat(reason(() -> PartPlan.requireUploadId("<script>"))).isEqualTo("invalid_upload_id");
    assertThat(reason(() -> PartPlan.requireUploadId(""))).isEqualTo("invalid_upload_id");
  }
}
