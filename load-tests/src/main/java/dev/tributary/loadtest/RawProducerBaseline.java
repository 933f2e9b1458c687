package dev.tributary.loadtest;

import dev.tributary.gateway.publish.KafkaSender;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline: a plain {@link KafkaProducer} with the gateway's own settings ({@link
 * KafkaSender#config}: idempotent, {@code acks=all}, the same linger and compression, 256 KiB
 * batches) sending the very records the gateway would send (an {@link IngestEvent} around a chunk
 * of the same shape, keyed by episode id) to a topic with the same partition count, as fast as it
 * can with the same 16 MiB of unacknowledged bytes the gateway allows itself.
 */
public final class RawProducerBaseline {
  private static final long IN_FLIGHT_BYTES = 16L * 1024 * 1024;
  private static final int DISTINCT_RECORDS = 2048;

  /** What the baseline reached in its measured window. */
  public record Result(
      ChunkShape shape,
      double recordsPerSecond,
      double chunkMegabytesPerSecond,
      double meanRecordBytes,
      long errors,
      Histogram latencyMicros,
      long recordsAcknowledged,
      double driverCpuSeconds) {}

  private RawProducerBaseline() {}

  public static Result run(
      String bootstrapServers,
      ChunkShape shape,
      String topic,
      GatewayTuning tuning,
      Duration warmup,
      Duration measure)
      throws Exception {
    BenchStack.ensureIngestTopic(bootstrapServers, topic);
    List<String> keys = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    List<Integer> chunkBytes = new ArrayList<>();
    ChunkShape.Columns columns = shape.columns();
    var chunkCodec = dev.tributary.schema.codec.AvroCodec.of(JointChunk.class);
    for (int i = 0; i < DISTINCT_RECORDS; i++) {
      String episodeId = UUID.randomUUID().toString();
      JointChunk chunk = shape.chunk(episodeId, i % 60, columns);
      IngestEvent event =
          IngestEvent.newBuilder()
              .setSiteId("site-raw-" + (i % 100))
              .setEpisodeId(episodeId)
              .setReceivedAtMicros(System.currentTimeMillis() * 1000)
              .setGatewayId("gw-bench")
              .setPayload(chunk)
              .build();
      keys.add(episodeId);
      values.add(Topics.INGEST.codec().encode(event));
      chunkBytes.add(chunkCodec.encode(chunk).length);
    }
    // Exactly the gateway's producer settings (idempotence, acks, compression, linger, batch size,
    // buffer, timeouts), so the ratio compares HTTP + gateway against the same producer.
    Map<String, Object> config =
        new HashMap<>(
            KafkaSender.config(
                bootstrapServers,
                "raw-baseline",
                8 * 1024 * 1024,
                tuning.lingerMs(),
                tuning.compression()));
    Semaphore budget = new Semaphore((int) IN_FLIGHT_BYTES);
    Recorder latency = new Recorder(3_600_000_000L, 3);
    LongAdder acked = new LongAdder();
    LongAdder ackedChunkBytes = new LongAdder();
    LongAdder ackedRecordBytes = new LongAdder();
    LongAdder errors = new LongAdder();
    AtomicLong inFlight = new AtomicLong();
    LongAdder ackedAll = new LongAdder();
    double driverCpu0 = CpuTime.driverSeconds();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      long start = System.nanoTime();
      long windowStart = start + warmup.toNanos();
      long windowEnd = windowStart + measure.toNanos();
      for (int i = 0; System.nanoTime() < windowEnd; i++) {
        int n = i % DISTINCT_RECORDS;
        byte[] value = values.get(n);
        int chunkSize = chunkBytes.get(n);
        budget.acquire(value.length);
        inFlight.incrementAndGet();
        long sent = System.nanoTime();
        producer.send(
            new ProducerRecord<>(topic, keys.get(n), value),
            (metadata, error) -> {
              long now = System.nanoTime();
              budget.release(value.length);
              inFlight.decrementAndGet();
              if (error == null) {
                ackedAll.increment();
              }
              if (error != null) {
                errors.increment();
              } else if (now >= windowStart && now < windowEnd) {
                acked.increment();
                ackedChunkBytes.add(chunkSize);
                ackedRecordBytes.add(value.length);
                latency.recordValue((now - sent) / 1000);
              }
            });
      }
      producer.flush();
      // before close(): the producer's I/O thread is still alive to be counted
      double driverCpu = CpuTime.driverSeconds() - driverCpu0;
      double seconds = measure.toNanos() / 1e9;
      long count = Math.max(1, acked.sum());
      return new Result(
          shape,
          acked.sum() / seconds,
          ackedChunkBytes.sum() / seconds / 1_000_000.0,
          ackedRecordBytes.sum() / (double) count,
          errors.sum(),
          latency.getIntervalHistogram(),
          ackedAll.sum(),
          driverCpu);
    }
  }
}
