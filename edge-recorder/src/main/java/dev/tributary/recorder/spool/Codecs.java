package dev.tributary.recorder.spool;

import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VideoSegment;
import dev.tributary.schema.codec.AvroCodec;
import dev.tributary.schema.codec.InvalidPayloadException;
import java.io.IOException;

/** The Avro single-object codecs of the records the recorder spools and sends. */
public final class Codecs {
  public static final AvroCodec<EpisodeManifest> MANIFEST = AvroCodec.of(EpisodeManifest.class);
  public static final AvroCodec<JointChunk> CHUNK = AvroCodec.of(JointChunk.class);
  public static final AvroCodec<VideoSegment> VIDEO = AvroCodec.of(VideoSegment.class);
  public static final AvroCodec<EpisodeCommit> COMMIT = AvroCodec.of(EpisodeCommit.class);

  private Codecs() {}

  static <V extends org.apache.avro.specific.SpecificRecord> V decode(
      AvroCodec<V> codec, byte[] bytes, String where) throws IOException {
    try {
      return codec.decode(bytes);
    } catch (InvalidPayloadException e) {
      throw new IOException(
          where + ": a CRC-valid record does not decode as " + codec.type().getSimpleName(), e);
    }
  }
}
