package dev.tributary.curation.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.media.ConstantRateVideoWriter;
import dev.tributary.media.FrameSampler;
import dev.tributary.media.SampledVideo;
import dev.tributary.media.VideoCodec;
import dev.tributary.media.VideoFrameReader;
import dev.tributary.recorder.sim.SimFaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline samples a video on a grid shifted onto its keyframes ({@link
 * FrameSampler#sampleWithTimes}); episodes stored before sampled at the slice centres ({@link
 * FrameSampler#sample}), and a re-encoded copy with other keyframes gets another grid. Frame hashes
 * of the same recording must still agree across both placements and across keyframe structures:
 * confirmed as copies, and never "the frames differ" (what turns a trajectory match into a replay,
 * below 50 % of time-aligned frames within 10 bits, {@code verdict.FrameReview}).
 */
class SamplePlacementTest {
  private static final double FRAME_REVIEW_MIN_AGREEMENT = 0.5;

  @TempDir Path dir;

  private static FrameHashes hashes(SampledVideo v) {
    return FrameHashes.of(List.of(new CameraSample("0", v, new double[] {0}, 15, 0)));
  }

  /** Decodes and encodes again at the same size with a keyframe every {@code gop} frames. */
  private static Path reencode(Path src, Path dst, VideoCodec codec, int gop) throws Exception {
    try (VideoFrameReader r = VideoFrameReader.open(src, 160, 120);
        ConstantRateVideoWriter w = new ConstantRateVideoWriter(dst, codec, 160, 120, 15, 1, gop)) {
      while (r.next()) {
        w.write(r.image());
      }
      w.finish();
    }
    return dst;
  }

  @Test
  void reencodedCopiesAgreeWithTheirOriginalAcrossPlacementsAndKeyframes() throws Exception {
    SimulatedVideos sim = new SimulatedVideos(dir);
    List<Double> agreements = new ArrayList<>();
    for (int s = 0; s < 6; s++) {
      SimulatedVideos.Recorded r = sim.record("site-" + s, s, SimFaults.none(), 8, 1, 160, 120, 15);
      Path original = r.files().values().iterator().next(); // a keyframe every 2 s
      FrameHashes storedBefore = hashes(FrameSampler.sample(original, 8, 128));
      FrameHashes storedNow = hashes(FrameSampler.sampleWithTimes(original, 8, 128).sampled());
      List<Path> copies =
          List.of(
              original,
              reencode(original, dir.resolve(s + "-gop1s.mp4"), VideoCodec.H264, 15),
              reencode(original, dir.resolve(s + "-gop4s.mp4"), VideoCodec.H264, 60),
              reencode(original, dir.resolve(s + "-av1.mp4"), VideoCodec.AV1, 2));
      for (Path copy : copies) {
        FrameHashes fresh = hashes(FrameSampler.sampleWithTimes(copy, 8, 128).sampled());
        for (FrameHashes stored : List.of(storedBefore, storedNow)) {
          assertThat(fresh.confirms(stored)).isTrue();
          // FrameReview's tolerance for an 8 s overlap: half a slice
          double agreement = fresh.alignedMatchedFraction(stored, 0, 0.5, 10);
          agreements.add(agreement);
          assertThat(agreement).isGreaterThanOrEqualTo(FRAME_REVIEW_MIN_AGREEMENT);
        }
      }
    }
    System.out.printf(
        "time-aligned agreement of copies (keyframe grid vs centred and keyframe grids): min %.2f,"
            + " mean %.2f over %d pairs%n",
        agreements.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        agreements.stream().mapToDouble(Double::doubleValue).average().orElse(0),
        agreements.size());
  }
}
