package dev.tributary.recorder.lerobot;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet page decompression without Hadoop's {@code CompressionCodec} (parquet-hadoop's own {@code
 * CodecFactory} goes through it): SNAPPY (pandas/pyarrow's and HF datasets' default, what every
 * LeRobot file seen so far uses), ZSTD and LZ4_RAW in pure Java with aircompressor (which
 * parquet-hadoop already depends on), GZIP with the JDK. LZO, BROTLI and Hadoop-framed LZ4 are
 * refused by name. Read only.
 */
final class ParquetCodecs implements CompressionCodecFactory {
  static final ParquetCodecs INSTANCE = new ParquetCodecs();

  /** A column chunk compressed with a codec this reader does not have. */
  static final class UnsupportedCodecException extends RuntimeException {
    UnsupportedCodecException(CompressionCodecName codec) {
      super(
          "its pages are compressed with "
              + codec
              + ", which the recorder cannot read (it reads UNCOMPRESSED, SNAPPY, GZIP, ZSTD and"
              + " LZ4_RAW); rewrite the file with pyarrow's default (snappy) or zstd");
    }
  }

  private ParquetCodecs() {}

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return switch (codec) {
      case UNCOMPRESSED -> new Block(null);
      case SNAPPY -> new Block(new SnappyDecompressor());
      case ZSTD -> new Block(new ZstdDecompressor());
      case LZ4_RAW -> new Block(new Lz4Decompressor());
      case GZIP -> new Gzip();
      default -> throw new UnsupportedCodecException(codec);
    };
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    throw new UnsupportedOperationException("the recorder only reads Parquet");
  }

  @Override
  public void release() {}

  /** A decompressor that works on whole pages in byte arrays; buffers go through the same path. */
  private interface ByteArrayDecompressor extends BytesInputDecompressor {
    @Override
    default void decompress(ByteBuffer in, int compressedSize, ByteBuffer out, int decompressedSize)
        throws IOException {
      byte[] bytes = new byte[compressedSize];
      in.get(bytes);
      out.put(decompress(BytesInput.from(bytes), decompressedSize).toByteBuffer());
    }

    @Override
    default void release() {}
  }

  /** A codec whose page is one block with a known decompressed size. */
  private record Block(Decompressor decompressor) implements ByteArrayDecompressor {
    @Override
    public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
      if (decompressor == null) {
        return bytes;
      }
      byte[] in = bytes.toByteArray();
      byte[] out = new byte[decompressedSize];
      int n;
      try {
        n = decompressor.decompress(in, 0, in.length, out, 0, decompressedSize);
      } catch (RuntimeException e) { // aircompressor's MalformedInputException and bounds errors
        throw new IOException("corrupt compressed page: " + e.getMessage(), e);
      }
      if (n != decompressedSize) {
        throw new IOException(
            "corrupt compressed page: " + n + " bytes instead of " + decompressedSize);
      }
      return BytesInput.from(out);
    }
  }

  private record Gzip() implements ByteArrayDecompressor {
    @Override
    public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
      byte[] out;
      try (InputStream in = new GZIPInputStream(bytes.toInputStream())) {
        out = in.readNBytes(decompressedSize);
      }
      if (out.length != decompressedSize) {
        throw new IOException(
            "corrupt compressed page: " + out.length + " bytes instead of " + decompressedSize);
      }
      return BytesInput.from(out);
    }
  }
}
