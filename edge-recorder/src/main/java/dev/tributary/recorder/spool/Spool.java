package dev.tributary.recorder.spool;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointContentHash;
import dev.tributary.schema.VideoSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable local store of a site's episodes. Layout:
 *
 * <pre>
 * root/episodes/&lt;episodeId&gt;/ledger.json     upload state, replaced atomically
 *                              records.seg     append-only framed records (manifest, chunks, videos, commit)
 *                              &lt;cameraKey&gt;.mp4 one file per camera
 * </pre>
 *
 * An episode's data files are deleted only after its ledger durably says ACKNOWLEDGED; the ledger
 * itself stays as a small tombstone so a restarted recorder knows the episode was delivered.
 */
public final class Spool {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  static final String EPISODES = "episodes";
  static final String SEGMENT = "records.seg";
  static final String LEDGER = "ledger.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path root;
  private final Path episodesDir;
  private final SpoolConfig config;
  private final Map<String, EpisodeLedger> ledgers = new ConcurrentHashMap<>();
  private final Set<String> writing = ConcurrentHashMap.newKeySet();
  private final List<Consumer<String>> completionListeners = new CopyOnWriteArrayList<>();
  private long lastAcknowledgedOrder;

  private Spool(Path root, SpoolConfig config) {
    this.root = root;
    this.episodesDir = root.resolve(EPISODES);
    this.config = config;
  }

  /** Opens (creating if needed) a spool and recovers every episode left by an earlier run. */
  public static Spool open(Path root, SpoolConfig config) throws IOException {
    Spool spool = new Spool(root, config);
    Durable.createDirectory(spool.episodesDir);
    spool.recover();
    return spool;
  }

  public Path root() {
    return root;
  }

  public SpoolConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- recording

  /**
   * Starts a new episode. Refused with a message saying why when the spool is above its quota or
   * the disk is nearly full; episodes already spooled keep uploading.
   */
  public EpisodeWriter startEpisode(EpisodeManifest manifest)
      throws SpoolFullException, IOException {
    checkCanRecord();
    String id = manifest.getEpisodeId();
    Path dir = episodesDir.resolve(id);
    synchronized (this) {
      if (ledgers.containsKey(id) || Files.exists(dir)) {
        throw new IllegalStateException("episode " + id + " already exists in spool " + root);
      }
      writing.add(id);
      Durable.createDirectory(dir);
      EpisodeLedger ledger = EpisodeLedger.recording(id, manifest.getStartedAtMicros());
      writeLedger(dir, ledger);
      ledgers.put(id, ledger);
    }
    SegmentFile segment = SegmentFile.create(dir.resolve(SEGMENT));
    segment.append(RecordType.MANIFEST, Codecs.MANIFEST.encode(manifest));
    return new EpisodeWriter(this, dir, segment, manifest);
  }

  /** Throws with an explanation when a new recording would exceed the quota or fill the disk. */
  public void checkCanRecord() throws SpoolFullException {
    long used = usedBytes();
    long waiting =
        ledgers.values().stream()
            .filter(l -> l.state() == EpisodeState.SPOOLED || l.state() == EpisodeState.UPLOADING)
            .count();
    if (used >= config.quotaBytes()) {
      throw new SpoolFullException(
          String.format(
              "spool %s holds %s, at or above its quota of %s: not starting a new recording."
                  + " %d episode(s) are waiting for upload; recording resumes once they are"
                  + " acknowledged and deleted (or raise the spool quota). Nothing already"
                  + " recorded is dropped.",
              root, mib(used), mib(config.quotaBytes()), waiting));
    }
    long free;
    try {
      free = Files.getFileStore(root).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read free space of " + root, e);
    }
    if (free < config.minFreeBytes()) {
      throw new SpoolFullException(
          String.format(
              "the disk holding spool %s has only %s free, below the reserve of %s: not starting a"
                  + " new recording. %d episode(s) are waiting for upload; free disk space or wait"
                  + " for them to be acknowledged.",
              root, mib(free), mib(config.minFreeBytes()), waiting));
    }
  }

  void completed(String episodeId, EpisodeCommit commit) throws IOException {
    update(
        episodeId,
        b ->
            b.state(EpisodeState.SPOOLED)
                .summary(commit.getSampleCount(), commit.getContentSha256()));
    writing.remove(episodeId);
    for (Consumer<String> listener : completionListeners) {
      listener.accept(episodeId);
    }
  }

  /** Called with an episode id each time a recording completes. */
  public void onEpisodeComplete(Consumer<String> listener) {
    completionListeners.add(listener);
  }

  // ---------------------------------------------------------------- reading and ledger

  public boolean contains(String episodeId) {
    return ledgers.containsKey(episodeId);
  }

  public EpisodeLedger ledger(String episodeId) {
    return ledgers.get(episodeId);
  }

  /** Every episode's ledger, oldest recording first. */
  public List<EpisodeLedger> ledgers() {
    List<EpisodeLedger> out = new ArrayList<>(ledgers.values());
    out.sort(
        Comparator.comparingLong(EpisodeLedger::recordedAtMicros)
            .thenComparing(EpisodeLedger::episodeId));
    return out;
  }

  /** Episodes complete on disk and not yet acknowledged or failed, oldest first. */
  public List<String> pendingUploads() {
    return ledgers().stream()
        .filter(l -> l.state() == EpisodeState.SPOOLED || l.state() == EpisodeState.UPLOADING)
        .map(EpisodeLedger::episodeId)
        .toList();
  }

  /** Durably applies a change to an episode's ledger and returns the new ledger. */
  public synchronized EpisodeLedger update(
      String episodeId, UnaryOperator<EpisodeLedger.Builder> change) throws IOException {
    EpisodeLedger current = ledgers.get(episodeId);
    if (current == null) {
      throw new IllegalArgumentException("no episode " + episodeId + " in spool " + root);
    }
    EpisodeLedger next = change.apply(current.toBuilder()).build();
    writeLedger(episodesDir.resolve(episodeId), next);
    ledgers.put(episodeId, next);
    return next;
  }

  /**
   * Records the gateway's acknowledgement of the commit, then deletes the episode's data files
   * (never before the ledger saying so is durable).
   */
  public synchronized EpisodeLedger acknowledge(String episodeId, EpisodeCommit commit)
      throws IOException {
    long order = ++lastAcknowledgedOrder;
    EpisodeLedger ledger =
        update(
            episodeId,
            b ->
                b.committed(
                    commit.getSampleCount(), commit.getContentSha256(), nowMicros(), order));
    deleteDataFiles(episodesDir.resolve(episodeId));
    return ledger;
  }

  /** Reads a complete episode back. */
  public SpooledEpisode read(String episodeId) throws IOException {
    Path dir = episodesDir.resolve(episodeId);
    Parsed parsed = parse(dir, SegmentFile.readIntact(dir.resolve(SEGMENT)));
    if (parsed.manifest == null || parsed.commit == null) {
      throw new IOException(
          "episode " + episodeId + " in " + dir + " is not complete (no manifest or commit)");
    }
    Map<String, Path> files = new LinkedHashMap<>();
    for (String camera : parsed.videos.keySet()) {
      files.put(camera, dir.resolve(videoFileName(camera)));
    }
    return new SpooledEpisode(parsed.manifest, parsed.chunks, parsed.videos, files, parsed.commit);
  }

  /**
   * Reads a complete episode back for upload: as {@link #read}, but the chunks are the spooled
   * bytes ({@link SpooledChunk}), not decoded.
   */
  public SpooledUpload readForUpload(String episodeId) throws IOException {
    Path dir = episodesDir.resolve(episodeId);
    String where = dir.resolve(SEGMENT).toString();
    EpisodeManifest manifest = null;
    TreeMap<Integer, SpooledChunk> chunks = new TreeMap<>();
    Map<String, VideoSegment> videos = new LinkedHashMap<>();
    EpisodeCommit commit = null;
    for (SpoolRecord record : SegmentFile.readIntact(dir.resolve(SEGMENT))) {
      switch (record.type()) {
        case MANIFEST -> manifest = Codecs.decode(Codecs.MANIFEST, record.body(), where);
        case CHUNK -> {
          SpooledChunk chunk = SpooledChunk.of(record.body(), where);
          chunks.put(chunk.sequence(), chunk);
        }
        case VIDEO -> {
          VideoSegment video = Codecs.decode(Codecs.VIDEO, record.body(), where);
          videos.put(video.getCameraKey(), video);
        }
        case COMMIT -> commit = Codecs.decode(Codecs.COMMIT, record.body(), where);
      }
    }
    if (manifest == null || commit == null) {
      throw new IOException(
          "episode " + episodeId + " in " + dir + " is not complete (no manifest or commit)");
    }
    Map<String, Path> files = new LinkedHashMap<>();
    for (String camera : videos.keySet()) {
      files.put(camera, dir.resolve(videoFileName(camera)));
    }
    return new SpooledUpload(manifest, new ArrayList<>(chunks.values()), videos, files, commit);
  }

  /** Bytes of data files of episodes still to upload (the upload's remaining work). */
  public long pendingBytes() {
    long total = 0;
    for (String id : pendingUploads()) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(episodesDir.resolve(id))) {
        for (Path file : files) {
          if (!file.getFileName().toString().startsWith(LEDGER)) {
            total += Files.size(file);
          }
        }
      } catch (IOException e) {
        // acknowledged and deleted while we looked
      }
    }
    return total;
  }

  /** Bytes of unacknowledged episode data on disk. */
  public long usedBytes() {
    try (Stream<Path> files = Files.walk(episodesDir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0; // deleted while walking
                }
              })
          .sum();
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("spool {}: cannot measure used bytes ({}); assuming full", root, e.toString());
      return Long.MAX_VALUE;
    }
  }

  // ---------------------------------------------------------------- recovery

  private void recover() throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(episodesDir)) {
      stream.forEach(dirs::add);
    }
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try {
        recoverEpisode(dir);
      } catch (CorruptSegmentException e) {
        String id = dir.getFileName().toString();
        LOG.error(
            "spool {}: episode {} is corrupt ({}); marked FAILED and kept for an operator",
            root,
            id,
            e.getMessage());
        if (ledgers.containsKey(id)) {
          update(id, b -> b.failed("spool corrupt: " + e.getMessage()));
        }
      } catch (IOException | RuntimeException e) {
        LOG.error(
            "spool {}: cannot recover episode folder {} ({}); leaving it untouched for an operator",
            root,
            dir.getFileName(),
            e.toString());
      }
    }
    lastAcknowledgedOrder =
        ledgers.values().stream().mapToLong(EpisodeLedger::acknowledgedOrder).max().orElse(0);
    long pending = pendingUploads().size();
    if (!ledgers.isEmpty()) {
      LOG.info(
          "spool {}: recovered {} episode(s), {} waiting for upload, {} in use",
          root,
          ledgers.size(),
          pending,
          mib(usedBytes()));
    }
  }

  private void recoverEpisode(Path dir) throws IOException {
    String id = dir.getFileName().toString();
    Files.deleteIfExists(dir.resolve(LEDGER + ".tmp"));
    Path ledgerFile = dir.resolve(LEDGER);
    if (!Files.exists(ledgerFile)) {
      // The ledger is written before anything else and deleted before anything else: without it
      // the folder is a creation or deletion that a crash interrupted; it holds nothing durable.
      LOG.warn("spool {}: removing episode folder {} that has no ledger", root, id);
      deleteRecursively(dir);
      return;
    }
    EpisodeLedger ledger = JSON.readValue(Files.readAllBytes(ledgerFile), EpisodeLedger.class);
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*.part")) {
      for (Path part : parts) {
        LOG.info(
            "spool {}: episode {}: removing unfinished video file {} ({} bytes)",
            root,
            id,
            part.getFileName(),
            Files.size(part));
        Files.delete(part);
      }
    }
    ledgers.put(id, ledger);
    switch (ledger.state()) {
      case ACKNOWLEDGED, DISCARDED -> deleteDataFiles(dir);
      case FAILED -> {}
      case SPOOLED, UPLOADING -> {
        Parsed parsed = parse(dir, openAndRepair(dir));
        if (parsed.commit == null) {
          update(id, b -> b.failed("spool data of a complete episode lost its commit record"));
        }
      }
      case RECORDING -> salvage(dir, id);
    }
  }

  private List<SpoolRecord> openAndRepair(Path dir) throws IOException {
    Path segmentPath = dir.resolve(SEGMENT);
    if (!Files.exists(segmentPath)) {
      return List.of();
    }
    try (SegmentFile segment = SegmentFile.open(segmentPath)) {
      return segment.records();
    }
  }

  /**
   * Finishes an episode whose recording was interrupted (crash, kill, power loss): keeps every
   * durable joint chunk and every camera whose video was complete, and commits that.
   */
  private void salvage(Path dir, String id) throws IOException {
    Path segmentPath = dir.resolve(SEGMENT);
    if (!Files.exists(segmentPath)) {
      discard(id, "recording interrupted before its first record was durable");
      return;
    }
    try (SegmentFile segment = SegmentFile.open(segmentPath)) {
      Parsed parsed = parse(dir, segment.records());
      if (parsed.commit != null) {
        update(
            id,
            b ->
                b.state(EpisodeState.SPOOLED)
                    .summary(parsed.commit.getSampleCount(), parsed.commit.getContentSha256()));
        return;
      }
      if (parsed.manifest == null || parsed.chunks.isEmpty()) {
        discard(id, "recording interrupted before any joint sample was durable");
        return;
      }
      EpisodeManifest manifest = parsed.manifest;
      List<CameraSpec> kept =
          manifest.getCameras().stream()
              .filter(c -> parsed.videos.containsKey(c.getKey()))
              .toList();
      if (kept.size() != manifest.getCameras().size()) {
        EpisodeManifest trimmed = EpisodeManifest.newBuilder(manifest).setCameras(kept).build();
        segment.append(RecordType.MANIFEST, Codecs.MANIFEST.encode(trimmed));
      }
      int samples = parsed.chunks.stream().mapToInt(c -> c.getCaptureMonoNanos().size()).sum();
      Map<String, Integer> frames = new LinkedHashMap<>();
      parsed.videos.forEach((k, v) -> frames.put(k, v.getFrameCount()));
      EpisodeCommit commit =
          EpisodeCommit.newBuilder()
              .setEpisodeId(id)
              .setChunkCount(parsed.chunks.size())
              .setSampleCount(samples)
              .setVideoFrameCounts(frames)
              .setContentSha256(JointContentHash.of(parsed.chunks))
              .setCommittedAtMicros(nowMicros())
              .build();
      segment.append(RecordType.COMMIT, Codecs.COMMIT.encode(commit));
      String note =
          String.format(
              "salvaged after an interrupted recording: %d chunk(s), %d sample(s), cameras kept %s"
                  + " of %s",
              parsed.chunks.size(),
              samples,
              frames.keySet(),
              manifest.getCameras().stream().map(CameraSpec::getKey).toList());
      LOG.warn("spool {}: episode {} {}", root, id, note);
      update(
          id,
          b ->
              b.state(EpisodeState.SPOOLED).summary(samples, commit.getContentSha256()).note(note));
    }
  }

  /**
   * Drops an episode that has nothing durable worth delivering. Its folder goes entirely (ledger
   * included): nothing of it was ever sent, so no tombstone is needed, and a regenerable source
   * (the simulator) records it again.
   */
  private void discard(String id, String reason) throws IOException {
    LOG.warn("spool {}: episode {} discarded: {}", root, id, reason);
    delete(id);
  }

  /** Removes an unfinished episode entirely: ledger first, so a crash midway leaves no ledger. */
  synchronized void delete(String episodeId) throws IOException {
    Path dir = episodesDir.resolve(episodeId);
    Files.deleteIfExists(dir.resolve(LEDGER));
    Durable.fsyncDirectory(dir);
    ledgers.remove(episodeId);
    writing.remove(episodeId);
    deleteRecursively(dir);
    Durable.fsyncDirectory(episodesDir);
  }

  // ---------------------------------------------------------------- helpers

  private record Parsed(
      EpisodeManifest manifest,
      List<JointChunk> chunks,
      Map<String, VideoSegment> videos,
      EpisodeCommit commit) {}

  private static Parsed parse(Path dir, List<SpoolRecord> records) throws IOException {
    EpisodeManifest manifest = null;
    TreeMap<Integer, JointChunk> chunks = new TreeMap<>();
    Map<String, VideoSegment> videos = new LinkedHashMap<>();
    EpisodeCommit commit = null;
    String where = dir.resolve(SEGMENT).toString();
    for (SpoolRecord record : records) {
      switch (record.type()) {
        case MANIFEST -> manifest = Codecs.decode(Codecs.MANIFEST, record.body(), where);
        case CHUNK -> {
          JointChunk chunk = Codecs.decode(Codecs.CHUNK, record.body(), where);
          chunks.put(chunk.getSequence(), chunk);
        }
        case VIDEO -> {
          VideoSegment video = Codecs.decode(Codecs.VIDEO, record.body(), where);
          videos.put(video.getCameraKey(), video);
        }
        case COMMIT -> commit = Codecs.decode(Codecs.COMMIT, record.body(), where);
      }
    }
    return new Parsed(manifest, new ArrayList<>(chunks.values()), videos, commit);
  }

  private static void writeLedger(Path dir, EpisodeLedger ledger) throws IOException {
    Durable.replaceAtomically(dir.resolve(LEDGER), JSON.writeValueAsBytes(ledger));
  }

  private static void deleteDataFiles(Path dir) throws IOException {
    boolean deleted = false;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (!file.getFileName().toString().equals(LEDGER)) {
          Files.deleteIfExists(file);
          deleted = true;
        }
      }
    }
    if (deleted) {
      Durable.fsyncDirectory(dir);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static String videoFileName(String cameraKey) {
    return cameraKey + ".mp4";
  }

  static long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }
}
