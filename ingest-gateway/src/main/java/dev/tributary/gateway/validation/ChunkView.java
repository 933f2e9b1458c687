package dev.tributary.gateway.validation;

import dev.tributary.schema.JointChunk;
import java.util.List;

/**
 * Read access to a joint chunk's fields, as the protocol's chunk rules need them. Two sources: a
 * decoded {@link JointChunk} ({@link #of}) and a body scanned in place ({@link ChunkScanner}), so
 * the rules are written once and a chunk need not be turned into boxed lists to be checked.
 */
public interface ChunkView {
  String episodeId();

  int sequence();

  int firstSampleIndex();

  /** The length of {@code captureMonoNanos}. */
  int sampleCount();

  long captureMonoNanos(int sample);

  int captureWallMicrosCount();

  Columns state();

  Columns action();

  /** A {@code array<array<float>>} column set: {@code value(joint, sample)}. */
  interface Columns {
    int count();

    int length(int joint);

    float value(int joint, int sample);
  }

  /** A view of a decoded chunk. */
  static ChunkView of(JointChunk chunk) {
    return new Decoded(chunk);
  }

  /** Adapts the generated record; boxed, so only for the slow paths (JSON, non-canonical Avro). */
  final class Decoded implements ChunkView {
    private final JointChunk chunk;

    Decoded(JointChunk chunk) {
      this.chunk = chunk;
    }

    @Override
    public String episodeId() {
      return chunk.getEpisodeId();
    }

    @Override
    public int sequence() {
      return chunk.getSequence();
    }

    @Override
    public int firstSampleIndex() {
      return chunk.getFirstSampleIndex();
    }

    @Override
    public int sampleCount() {
      return chunk.getCaptureMonoNanos().size();
    }

    @Override
    public long captureMonoNanos(int sample) {
      return chunk.getCaptureMonoNanos().get(sample);
    }

    @Override
    public int captureWallMicrosCount() {
      return chunk.getCaptureWallMicros().size();
    }

    @Override
    public Columns state() {
      return columns(chunk.getState());
    }

    @Override
    public Columns action() {
      return columns(chunk.getAction());
    }

    private static Columns columns(List<List<Float>> columns) {
      return new Columns() {
        @Override
        public int count() {
          return columns.size();
        }

        @Override
        public int length(int joint) {
          return columns.get(joint).size();
        }

        @Override
        public float value(int joint, int sample) {
          return columns.get(joint).get(sample);
        }
      };
    }
  }
}
