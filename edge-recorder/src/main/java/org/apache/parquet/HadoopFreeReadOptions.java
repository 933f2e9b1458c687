package org.apache.parquet;

import java.util.HashMap;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * {@link ParquetReadOptions} built without Hadoop on the class path (the recorder's single jar has
 * none). parquet-java 1.17's {@code ParquetReadOptions.Builder} always calls {@code
 * ParquetInputFormat.getFilter}, whose superclass is Hadoop's {@code FileInputFormat}
 * (apache/parquet-java#3780), so the options are made with the builder's defaults through the
 * package-private constructor instead: no filters, heap buffers, a {@link
 * PlainParquetConfiguration} and the given codecs. This class lives in Parquet's package only for
 * that constructor; the compiler checks its signature on every Parquet upgrade.
 */
public final class HadoopFreeReadOptions {
  private HadoopFreeReadOptions() {}

  public static ParquetReadOptions create(CompressionCodecFactory codecs) {
    return new ParquetReadOptions(
        false, // useSignedStringMinMax
        true, // useStatsFilter
        true, // useDictionaryFilter
        true, // useRecordFilter
        true, // useColumnIndexFilter
        false, // usePageChecksumVerification
        true, // useBloomFilter
        false, // useOffHeapDecryptBuffer
        false, // useHadoopVectoredIo
        FilterCompat.NOOP,
        ParquetMetadataConverter.NO_FILTER,
        codecs,
        new HeapByteBufferAllocator(),
        8 * 1024 * 1024, // maxAllocationSize, the builder's default
        new HashMap<>(),
        null, // no decryption
        null, // no metrics callback
        new PlainParquetConfiguration());
  }
}
