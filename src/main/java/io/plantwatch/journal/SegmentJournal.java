package io.plantwatch.journal;

import io.plantwatch.domain.JournalSettings;
import io.plantwatch.domain.Reading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link ReadingJournal}: a directory of append-only segment files on disk. It survives
 * a restart and a {@code kill -9} of the console; with {@link JournalSettings.Fsync#ALWAYS} it also
 * survives power loss (see "What survives what" below).
 *
 * <h2>Files</h2>
 * All numbers little-endian; CRC is CRC32C ({@link CRC32C}).
 * <ul>
 *   <li>{@code journal.lock}: held with an OS file lock while the journal is open (one process at a
 *       time; the OS releases it when the process dies, also on {@code kill -9}).</li>
 *   <li>{@code tags.dict}: the dictionary of (tag, engineering unit) pairs. Header {@code "PWJDICT1"},
 *       int version 1, int 0 (16 bytes); then one entry per pair in order of first use:
 *       {@code int n, int index, u16 tagBytes, tag UTF-8, u16 unitBytes, unit UTF-8, int crc} where
 *       {@code n} counts the bytes from {@code index} to the end of the unit and the CRC covers
 *       {@code n} and those bytes. An entry is written before the first record that uses it.</li>
 *   <li>{@code <20-digit base offset>.seg}: one segment of {@code capacity} fixed-size records.
 *       Header, 64 bytes: {@code "PWJSEG01"}, int version 1, int record size 24, int capacity, int 0,
 *       long base offset, int header CRC (over bytes 0–31), int 0, long sealed-at (epoch ms of the
 *       wall clock when the segment's last record was appended; 0 while it is the active segment),
 *       16 bytes 0. Record {@code i} (offset {@code base + i}) is at {@code 64 + 24 i}:
 *       {@code int dictionary index, long event time (epoch ms), double value, int crc}, the CRC over
 *       the 8-byte offset followed by the record's first 20 bytes (so a record at the wrong place or
 *       from a stale file never checks out). Offset → file position is therefore O(1), and the
 *       segment containing an offset is found by binary search over the segments' base offsets.</li>
 * </ul>
 * Segments are written through a shared memory mapping of the whole file (created at full size,
 * sparse). A new segment is written as {@code .seg.tmp} with its header and renamed atomically.
 *
 * <h2>Recovery on {@link #open}</h2>
 * Leftover {@code .tmp} files are deleted. The dictionary is read up to its first incomplete or
 * corrupt entry, and cut there. Every segment header is checked (magic, version, record size, base
 * offset against the file name, CRC); consecutive segments must be contiguous and every segment but
 * the last must be full, with a valid last record. The last segment is scanned record by record: the
 * first record that is all zero, fails its CRC or names a dictionary entry that does not exist ends
 * the journal; the file is cut there (a torn or partial record written when the process died) and
 * the next append continues at that offset. Anything else that does not check out is an
 * {@link IOException} naming the file and what to do; the journal is never opened on garbage.
 *
 * <h2>What survives what</h2>
 * <ul>
 *   <li>Process crash or {@code kill -9}: every reading whose {@link #append} returned, in every
 *       fsync mode: the data is in the operating system's page cache (a shared mapping), which
 *       outlives the process. A record being written at that instant is cut on recovery.</li>
 *   <li>Power loss or an OS crash: only what was forced to the device. {@code ALWAYS} forces the
 *       record (and a new dictionary entry, a new segment file and its directory entry) before
 *       {@code append} returns, so nothing acknowledged is lost, at the cost of one device flush per
 *       reading; {@code PERIODIC} forces about once a second from a background thread and may lose
 *       the last ~1 s; {@code NEVER} leaves it to the OS (Linux writes dirty pages back within
 *       ~30 s by default). After a power loss without {@code ALWAYS} the recovery may find a segment
 *       that is not full followed by a later one: {@link #open} then fails, naming both files.</li>
 * </ul>
 *
 * <h2>Retention</h2>
 * Whole segments are deleted, oldest first, never the active (last) one: while the oldest segment
 * was sealed longer ago than {@link JournalSettings#retentionAge()} (wall time of its last append,
 * from the {@link Clock}), and while the journal is larger than
 * {@link JournalSettings#retentionBytes()} (each segment counted at its full size,
 * {@code 64 + 24 × capacity} bytes). It runs on {@link #open}, when a new segment is started, every
 * minute on the journal's background thread, and on {@link #enforceRetention()}. Each deletion is logged at INFO with the
 * file, its offsets and the reason. {@link #startOffset()} then moves up to the oldest remaining
 * segment. A reader that still holds a deleted segment's mapping keeps reading it (POSIX unlink
 * semantics; on Windows the delete of a mapped file may fail and is logged and retried on the next
 * start).
 *
 * <h2>Threading</h2>
 * {@link #append} is synchronised (one writer at a time) and notifies listeners on the caller's
 * thread after the reading is readable. Any number of threads may {@link #read} offsets in
 * {@code [startOffset(), endOffset())} concurrently: readers see {@code endOffset} through a
 * volatile read published after the record and its dictionary entry. One daemon thread,
 * {@code plantwatch-journal-<dir>}, forces writes ({@code PERIODIC}) and applies retention.
 *
 * <p>Throughput: see docs/BENCHMARKS.md ("Durable journal"); an append is a dictionary lookup, a
 * CRC32C of 28 bytes and a 24-byte store into the mapping (no system call unless a segment rolls or
 * the mode is {@code ALWAYS}).
 */
public final class SegmentJournal implements ReadingJournal, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentJournal.class);

    static final int HEADER = 64;
    static final int RECORD = 24;
    static final int VERSION = 1;
    static final String LOCK_FILE = "journal.lock";
    static final String DICT_FILE = "tags.dict";
    static final String SEGMENT_SUFFIX = ".seg";
    private static final byte[] SEG_MAGIC = "PWJSEG01".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DICT_MAGIC = "PWJDICT1".getBytes(StandardCharsets.US_ASCII);
    private static final int DICT_HEADER = 16;
    private static final int SEALED_AT = 40;
    private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{20})\\.seg");
    /** Largest capacity whose mapping stays below 2 GiB. */
    static final int MAX_CAPACITY = (Integer.MAX_VALUE - HEADER) / RECORD;
    private static final long RETENTION_PERIOD_MILLIS = 60_000;
    private static final long FSYNC_PERIOD_MILLIS = 1_000;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLES =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final Path dir;
    private final JournalSettings settings;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel dictChannel;
    private final TagDictionary dictionary = new TagDictionary();
    private final List<AppendListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService maintenance;

    /** Oldest first; the last one is the active segment. Replaced (copy on write) under the lock. */
    private volatile Segment[] segments;
    private volatile long end;
    private volatile boolean closed;

    // writer state, guarded by this
    private int activeCount;
    private final byte[] scratch = new byte[32];
    private final CRC32C crc = new CRC32C();
    // fsync state, guarded by this
    private boolean dictDirty;
    private boolean dirDirty;
    private final List<Segment> unforced = new ArrayList<>();

    /** One segment file. */
    static final class Segment {
        final Path file;
        final long base;
        final int capacity;
        volatile long sealedAtMillis;
        private volatile MappedByteBuffer map;

        Segment(Path file, long base, int capacity, long sealedAtMillis, MappedByteBuffer map) {
            this.file = file;
            this.base = base;
            this.capacity = capacity;
            this.sealedAtMillis = sealedAtMillis;
            this.map = map;
        }

        long bytes() {
            return HEADER + (long) capacity * RECORD;
        }

        long endOffset() {
            return base + capacity;
        }

        /** The mapping, created read-only on first use for segments written by an earlier run. */
        MappedByteBuffer map() {
            MappedByteBuffer m = map;
            if (m == null) {
                synchronized (this) {
                    m = map;
                    if (m == null) {
                        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                            m = ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes());
                            m.order(ByteOrder.LITTLE_ENDIAN);
                            map = m;
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot map journal segment " + file + ": " + e.getMessage(), e);
                        }
                    }
                }
            }
            return m;
        }
    }

    private SegmentJournal(Path dir, JournalSettings settings, Clock clock, FileChannel lockChannel, FileLock lock,
            FileChannel dictChannel) {
        this.dir = dir;
        this.settings = settings;
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.dictChannel = dictChannel;
        String name = "plantwatch-journal-" + dir.getFileName();
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the journal in {@code dir} (created when missing), recovering it after a crash, with the
     * system clock for retention.
     *
     * @throws IOException when the directory holds something that is not a PlantWatch journal, a file
     *                     is damaged beyond a torn tail, or another process has the journal open; the
     *                     message names the file and what to do
     */
    public static SegmentJournal open(Path dir, JournalSettings settings) throws IOException {
        return open(dir, settings, Clock.systemUTC());
    }

    /**
     * Opens the journal in {@code dir} with the given clock for retention (tests inject one).
     *
     * @param dir      the journal's own directory, e.g. {@code <data dir>/journal}; created when missing
     * @param settings segment size (for new segments; existing ones keep theirs), retention, fsync mode
     * @param clock    wall clock that stamps sealed segments and judges their age
     * @throws IOException              see {@link #open(Path, JournalSettings)}
     * @throws IllegalArgumentException when {@code settings.segmentReadings()} is above {@value #MAX_CAPACITY}
     */
    public static SegmentJournal open(Path dir, JournalSettings settings, Clock clock) throws IOException {
        if (settings.segmentReadings() > MAX_CAPACITY) {
            throw new IllegalArgumentException("journal.segmentReadings must be <= " + MAX_CAPACITY + " (a segment is"
                    + " mapped as one buffer below 2 GiB), was " + settings.segmentReadings());
        }
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("journal " + dir + " is already open (" + dir.resolve(LOCK_FILE)
                    + " is locked): another PlantWatch console or a journal still open in this one uses it;"
                    + " close it or choose another data directory");
        }
        FileChannel dictChannel = null;
        try {
            checkOurs(dir);
            dictChannel = FileChannel.open(dir.resolve(DICT_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            SegmentJournal journal = new SegmentJournal(dir, settings, clock, lockChannel, lock, dictChannel);
            journal.recover();
            journal.enforceRetention();
            journal.startMaintenance();
            return journal;
        } catch (IOException | RuntimeException e) {
            if (dictChannel != null) {
                dictChannel.close();
            }
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    /** Refuses a directory that holds files but is not a journal (a wrong path in the site file). */
    private static void checkOurs(Path dir) throws IOException {
        if (Files.exists(dir.resolve(DICT_FILE))) {
            return;
        }
        List<String> others = new ArrayList<>();
        boolean segmentsFound = false;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                if (name.equals(LOCK_FILE)) {
                    continue;
                }
                if (name.endsWith(SEGMENT_SUFFIX)) {
                    segmentsFound = true;
                }
                others.add(name);
            }
        }
        if (segmentsFound) {
            throw new IOException("journal " + dir + " has segment files but no " + DICT_FILE
                    + " (the tag dictionary): restore it from a backup, or move the segments away to start an empty"
                    + " journal");
        }
        if (!others.isEmpty()) {
            others.sort(null);
            throw new IOException("directory " + dir + " is not a PlantWatch journal (it holds "
                    + others.subList(0, Math.min(5, others.size())) + (others.size() > 5 ? " …" : "")
                    + " and no " + DICT_FILE + "): point journal.dir at an empty or journal directory");
        }
    }

    // ---------------------------------------------------------------- recovery

    private void recover() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                if (p.getFileName().toString().endsWith(".tmp")) {
                    LOG.info("journal {}: deleting {} left by an interrupted segment roll", dir, p.getFileName());
                    Files.delete(p);
                }
            }
        }
        recoverDictionary();
        List<Segment> found = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                Matcher m = SEGMENT_NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.add(readHeader(p, Long.parseLong(m.group(1))));
                }
            }
        }
        found.sort((a, b) -> Long.compare(a.base, b.base));
        for (int i = 0; i < found.size(); i++) {
            Segment s = found.get(i);
            if (s.capacity > 0) {
                continue;
            }
            if (i < found.size() - 1) {
                throw new IOException("journal segment " + s.file + " has no header although later segments follow it:"
                        + " the file is damaged (power loss without journal.fsync=always?); move it and the earlier"
                        + " segments away to keep the journal from " + found.get(i + 1).base + " on");
            }
            LOG.warn("journal {}: deleting {}, the newest segment, which has no header (left by an interrupted roll)",
                    dir, s.file.getFileName());
            Files.delete(s.file);
            found.remove(i);
        }
        for (int i = 0; i + 1 < found.size(); i++) {
            Segment s = found.get(i);
            Segment next = found.get(i + 1);
            if (s.endOffset() != next.base) {
                throw new IOException("journal segment " + s.file + " holds offsets [" + s.base + ", " + s.endOffset()
                        + ") but the next segment " + next.file.getFileName() + " starts at " + next.base
                        + ": segments are missing or were copied from another journal; restore the missing segment,"
                        + " or move the older segments away to keep the journal from " + next.base + " on");
            }
            if (Files.size(s.file) < s.bytes()) {
                throw new IOException("journal segment " + s.file + " is " + Files.size(s.file) + " bytes, shorter than"
                        + " its " + s.capacity + " records (" + s.bytes() + " bytes) although "
                        + next.file.getFileName() + " follows it: the file was cut; restore it, or move it and the"
                        + " earlier segments away to keep the journal from " + next.base + " on");
            }
            if (!recordValid(s.map(), s.base, s.capacity - 1)) {
                throw new IOException("journal segment " + s.file + " is not complete (its last record, offset "
                        + (s.endOffset() - 1) + ", does not check out) although " + next.file.getFileName()
                        + " follows it: readings were lost, typically by a power loss without journal.fsync=always;"
                        + " move " + next.file.getFileName() + " and later segments away to keep the journal up to"
                        + " the damage");
            }
        }
        if (found.isEmpty()) {
            segments = new Segment[0];
            end = 0;
            activeCount = 0;
            LOG.info("journal {}: empty ({} readings per segment, fsync {})", dir, settings.segmentReadings(),
                    settings.fsync());
            return;
        }
        Segment last = found.remove(found.size() - 1);
        ByteBuffer scan = mapReadWrite(last.file, last.bytes()); // extends a cut file with zeros
        int count = 0;
        while (count < last.capacity && recordValid(scan, last.base, count)) {
            count++;
        }
        long sealedAt = last.sealedAtMillis;
        if (count < last.capacity) {
            long cut = HEADER + (long) count * RECORD;
            boolean torn = !recordZero(scan, count);
            try (FileChannel ch = FileChannel.open(last.file, StandardOpenOption.WRITE)) {
                // cut what follows the last whole record (torn record, stale bytes); the new mapping reads zeros there
                if (ch.size() > cut) {
                    ch.truncate(cut);
                }
            }
            if (torn) {
                LOG.warn("journal {}: cut a torn or unreadable record at offset {} in {} (written when the console"
                        + " stopped abruptly); the journal continues at that offset", dir, last.base + count,
                        last.file.getFileName());
            }
            sealedAt = 0;
        } else if (sealedAt == 0) {
            sealedAt = Files.getLastModifiedTime(last.file).toMillis();
        }
        // a fresh mapping: the scanning one must not be touched past the cut
        Segment active = new Segment(last.file, last.base, last.capacity, sealedAt,
                mapReadWrite(last.file, last.bytes()));
        found.add(active);
        segments = found.toArray(new Segment[0]);
        activeCount = count;
        end = active.base + count;
        LOG.info("journal {}: offsets [{}, {}) in {} segments, {} dictionary entries, fsync {}", dir,
                segments[0].base, end, segments.length, dictionary.size(), settings.fsync());
    }

    /** Reads and checks a segment header; a blank header (all zero or empty file) gives capacity 0. */
    private Segment readHeader(Path file, long nameBase) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (h.hasRemaining() && ch.read(h) >= 0) {
                // read the whole header
            }
        }
        byte[] b = h.array();
        if (h.position() < HEADER || isZero(b, 0, HEADER)) {
            if (h.position() == 0 || isZero(b, 0, h.position())) {
                return new Segment(file, nameBase, 0, 0, null);
            }
            throw new IOException("journal segment " + file + " has a short header (" + h.position()
                    + " bytes): the file is damaged; move it away (readings from offset " + nameBase + " on are lost)");
        }
        if (!Arrays.equals(b, 0, 8, SEG_MAGIC, 0, 8)) {
            throw new IOException("file " + file + " is not a PlantWatch journal segment (wrong magic): remove it from"
                    + " the journal directory " + dir);
        }
        int version = h.getInt(8);
        int recordSize = h.getInt(12);
        int capacity = h.getInt(16);
        long base = h.getLong(24);
        CRC32C c = new CRC32C();
        c.update(b, 0, 32);
        if ((int) c.getValue() != h.getInt(32)) {
            throw new IOException("journal segment " + file + " has a damaged header (CRC mismatch): move it away");
        }
        if (version != VERSION || recordSize != RECORD) {
            throw new IOException("journal segment " + file + " is format version " + version + " with " + recordSize
                    + "-byte records; this console reads version " + VERSION + " with " + RECORD
                    + "-byte records: use the PlantWatch version that wrote it");
        }
        if (base != nameBase || capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IOException("journal segment " + file + " says base offset " + base + " and capacity " + capacity
                    + ", which does not match its name: it was renamed or copied; restore its original name");
        }
        return new Segment(file, base, capacity, h.getLong(SEALED_AT), null);
    }

    private boolean recordValid(ByteBuffer map, long base, int i) {
        int pos = HEADER + i * RECORD;
        int idx = map.getInt(pos);
        if (idx < 0 || idx >= dictionary.size()) {
            return false;
        }
        byte[] s = new byte[28];
        LONGS.set(s, 0, base + i);
        map.get(pos, s, 8, 20);
        CRC32C c = new CRC32C();
        c.update(s, 0, 28);
        return (int) c.getValue() == map.getInt(pos + 20) && !recordZero(map, i);
    }

    private static boolean recordZero(ByteBuffer map, int i) {
        int pos = HEADER + i * RECORD;
        return map.getLong(pos) == 0 && map.getLong(pos + 8) == 0 && map.getLong(pos + 16) == 0;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private void recoverDictionary() throws IOException {
        Path file = dir.resolve(DICT_FILE);
        long size = dictChannel.size();
        if (size == 0) {
            ByteBuffer h = ByteBuffer.allocate(DICT_HEADER).order(ByteOrder.LITTLE_ENDIAN);
            h.put(DICT_MAGIC).putInt(VERSION).putInt(0).flip();
            writeFully(dictChannel, h, 0);
            dictChannel.force(true);
            forceDirectory();
            return;
        }
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE)).order(ByteOrder.LITTLE_ENDIAN);
        while (all.hasRemaining() && dictChannel.read(all, all.position()) >= 0) {
            // read the whole dictionary
        }
        all.flip();
        byte[] magic = new byte[8];
        if (all.remaining() < DICT_HEADER) {
            throw new IOException("tag dictionary " + file + " is shorter than its header: the file is damaged;"
                    + " restore it from a backup or move the journal directory away");
        }
        all.get(magic);
        if (!Arrays.equals(magic, DICT_MAGIC)) {
            throw new IOException("file " + file + " is not a PlantWatch tag dictionary (wrong magic): point"
                    + " journal.dir at a journal directory, or move the directory away");
        }
        int version = all.getInt();
        if (version != VERSION) {
            throw new IOException("tag dictionary " + file + " is format version " + version + "; this console reads "
                    + VERSION + ": use the PlantWatch version that wrote it");
        }
        all.getInt();
        long good = DICT_HEADER;
        CRC32C c = new CRC32C();
        while (all.remaining() >= 4) {
            int start = all.position();
            int n = all.getInt();
            if (n < 8 || n > all.remaining() - 4) {
                break;
            }
            c.reset();
            c.update(all.array(), start, 4 + n);
            int idx = all.getInt();
            int tagLen = Short.toUnsignedInt(all.getShort());
            if (tagLen > n - 8) {
                break;
            }
            String tag = new String(all.array(), all.position(), tagLen, StandardCharsets.UTF_8);
            all.position(all.position() + tagLen);
            int unitLen = Short.toUnsignedInt(all.getShort());
            if (6 + tagLen + 2 + unitLen != n) {
                break;
            }
            String unit = new String(all.array(), all.position(), unitLen, StandardCharsets.UTF_8);
            all.position(all.position() + unitLen);
            if ((int) c.getValue() != all.getInt() || idx != dictionary.size() || dictionary.find(tag, unit) >= 0) {
                break;
            }
            dictionary.add(tag, unit);
            good = all.position();
        }
        if (good < size) {
            LOG.warn("journal {}: cut {} bytes of an incomplete tag dictionary entry at the end of {}", dir,
                    size - good, file.getFileName());
            dictChannel.truncate(good);
        }
    }

    // ---------------------------------------------------------------- append

    /**
     * Appends a reading at {@link #endOffset()}, then calls the listeners on this thread.
     *
     * @return the reading's offset
     * @throws IllegalStateException    when the journal is closed
     * @throws UncheckedIOException     when a new segment, a dictionary entry or the record cannot be written
     *                                  (disk full: segments are sparse files whose blocks are allocated as
     *                                  records are written); the reading is not appended, the journal stays
     *                                  consistent and the next append retries
     * @throws IllegalArgumentException when the unit is longer than 65,535 UTF-8 bytes
     */
    @Override
    public long append(Reading reading) {
        long offset;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("journal " + dir + " is closed");
            }
            Segment[] segs = segments;
            Segment seg;
            if (segs.length == 0 || activeCount == segs[segs.length - 1].capacity) {
                seg = roll();
            } else {
                seg = segs[segs.length - 1];
            }
            int idx = dictionary.find(reading.tag(), reading.unit());
            if (idx < 0) {
                idx = addToDictionary(reading.tag(), reading.unit());
            }
            offset = end;
            byte[] s = scratch;
            LONGS.set(s, 0, offset);
            INTS.set(s, 8, idx);
            LONGS.set(s, 12, reading.eventTimeMillis());
            DOUBLES.set(s, 20, reading.value());
            crc.reset();
            crc.update(s, 0, 28);
            INTS.set(s, 28, (int) crc.getValue());
            int pos = HEADER + activeCount * RECORD;
            MappedByteBuffer map = seg.map();
            try {
                map.put(pos, s, 8, RECORD);
            } catch (InternalError e) {
                // the JVM reports SIGBUS on a mapped page as InternalError: no block could be allocated
                throw new UncheckedIOException(new IOException("cannot write journal segment " + seg.file + " at offset "
                        + offset + ": the file system refused the page (disk full?); free space or lower"
                        + " journal.retention.size", e));
            }
            if (settings.fsync() == JournalSettings.Fsync.ALWAYS) {
                map.force(pos, RECORD);
            }
            activeCount++;
            if (activeCount == seg.capacity) {
                long now = clock.millis();
                map.putLong(SEALED_AT, now);
                seg.sealedAtMillis = now;
                if (settings.fsync() == JournalSettings.Fsync.ALWAYS) {
                    map.force(SEALED_AT, 8);
                }
            }
            end = offset + 1;
        }
        for (AppendListener l : listeners) {
            l.onAppended(offset, reading);
        }
        return offset;
    }

    private int addToDictionary(String tag, String unit) {
        byte[] t = tag.getBytes(StandardCharsets.UTF_8);
        byte[] u = unit.getBytes(StandardCharsets.UTF_8);
        if (t.length > 0xFFFF || u.length > 0xFFFF) {
            throw new IllegalArgumentException("unit of " + tag + " is longer than 65,535 bytes");
        }
        int n = 4 + 2 + t.length + 2 + u.length;
        ByteBuffer b = ByteBuffer.allocate(4 + n + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(n).putInt(dictionary.size()).putShort((short) t.length).put(t).putShort((short) u.length).put(u);
        CRC32C c = new CRC32C();
        c.update(b.array(), 0, 4 + n);
        b.putInt((int) c.getValue()).flip();
        try {
            writeFully(dictChannel, b, dictChannel.size());
            if (settings.fsync() == JournalSettings.Fsync.ALWAYS) {
                dictChannel.force(false);
            } else {
                dictDirty = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tag dictionary " + dir.resolve(DICT_FILE) + ": "
                    + e.getMessage(), e);
        }
        return dictionary.add(tag, unit);
    }

    /** Creates the segment that starts at {@link #end}; runs retention. Under the lock. */
    private Segment roll() {
        long base = end;
        int capacity = settings.segmentReadings();
        Path file = dir.resolve(String.format("%020d%s", base, SEGMENT_SUFFIX));
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put(SEG_MAGIC).putInt(VERSION).putInt(RECORD).putInt(capacity).putInt(0).putLong(base);
        CRC32C c = new CRC32C();
        c.update(h.array(), 0, 32);
        h.putInt((int) c.getValue()).putInt(0).putLong(0).putLong(0).putLong(0).flip();
        Segment seg;
        try {
            Files.deleteIfExists(tmp); // left by a roll that failed (disk full) and is now retried
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(ch, h, 0);
                if (settings.fsync() == JournalSettings.Fsync.ALWAYS) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (settings.fsync() == JournalSettings.Fsync.ALWAYS) {
                forceDirectory();
            } else {
                dirDirty = true; // PERIODIC: the next flush makes the new directory entry durable
            }
            seg = new Segment(file, base, capacity, 0, mapReadWrite(file, HEADER + (long) capacity * RECORD));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal segment " + file + ": " + e.getMessage(), e);
        }
        Segment[] old = segments;
        if (old.length > 0 && settings.fsync() == JournalSettings.Fsync.PERIODIC) {
            unforced.add(old[old.length - 1]);
        }
        Segment[] segs = Arrays.copyOf(old, old.length + 1);
        segs[old.length] = seg;
        segments = segs;
        activeCount = 0;
        LOG.debug("journal {}: new segment {}", dir, file.getFileName());
        enforceRetentionLocked();
        return seg;
    }

    private static MappedByteBuffer mapReadWrite(Path file, long bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
            m.order(ByteOrder.LITTLE_ENDIAN);
            return m;
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            p += ch.write(b, p);
        }
    }

    /** Makes a created or renamed file's directory entry durable (POSIX; a no-op where not supported). */
    private void forceDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("journal {}: directory fsync not supported here: {}", dir, e.toString());
        }
    }

    // ---------------------------------------------------------------- read

    @Override
    public long endOffset() {
        return end;
    }

    /** The first offset still on disk: the base offset of the oldest segment (0 until retention deletes one). */
    @Override
    public long startOffset() {
        Segment[] segs = segments;
        return segs.length == 0 ? end : segs[0].base;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IndexOutOfBoundsException when the range is not within {@code [startOffset(), endOffset())},
     *                                   e.g. because retention deleted its beginning
     * @throws IllegalStateException     when the journal is closed, or a record names a dictionary entry that
     *                                   does not exist (damage that recovery could not see)
     */
    @Override
    public void read(long from, long to, ReadingVisitor visitor) {
        scan(from, to, visitor, null);
    }

    /** {@inheritDoc} Throws as {@link #read}. */
    @Override
    public void readWithUnits(long from, long to, UnitReadingVisitor visitor) {
        scan(from, to, null, visitor);
    }

    private void scan(long from, long to, ReadingVisitor plain, UnitReadingVisitor withUnits) {
        if (closed) {
            throw new IllegalStateException("journal " + dir + " is closed");
        }
        long e = end; // volatile read first: the segments and dictionary read below cover [.., e)
        Segment[] segs = segments;
        long start = segs.length == 0 ? e : segs[0].base;
        if (from < start || to > e || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside [" + start + ", " + e + ")"
                    + (from < start ? " (readings below " + start + " were deleted by retention)" : ""));
        }
        if (from == to) {
            return;
        }
        String[] tags = dictionary.tags();
        String[] units = dictionary.units();
        int si = segmentIndex(segs, from);
        long o = from;
        while (o < to) {
            Segment seg = segs[si++];
            MappedByteBuffer map = seg.map();
            long segTo = Math.min(to, seg.endOffset());
            int pos = HEADER + (int) (o - seg.base) * RECORD;
            for (; o < segTo; o++, pos += RECORD) {
                int idx = map.getInt(pos);
                long time = map.getLong(pos + 4);
                double value = map.getDouble(pos + 12);
                String tag;
                if (idx < 0 || idx >= tags.length || (tag = tags[idx]) == null) {
                    throw new IllegalStateException("journal segment " + seg.file + ": record at offset " + o
                            + " names tag dictionary entry " + idx + ", which " + DICT_FILE + " does not hold; the"
                            + " journal is damaged (power loss without journal.fsync=always?)");
                }
                if (plain != null) {
                    plain.visit(o, tag, time, value);
                } else {
                    withUnits.visit(o, tag, time, value, units[idx]);
                }
            }
        }
    }

    private static int segmentIndex(Segment[] segs, long offset) {
        int lo = 0;
        int hi = segs.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (segs[mid].base <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Override
    public void addListener(AppendListener listener) {
        listeners.add(listener);
    }

    /** The journal's directory. */
    public Path directory() {
        return dir;
    }

    /** Number of segment files, the active one included. */
    public int segmentCount() {
        return segments.length;
    }

    /** Bytes the segments take, each counted at its full size ({@code 64 + 24 × capacity}), as retention counts. */
    public long sizeBytes() {
        long total = 0;
        for (Segment s : segments) {
            total += s.bytes();
        }
        return total;
    }

    // ---------------------------------------------------------------- retention and fsync

    /**
     * Deletes whole oldest segments beyond the retention age or size (never the active one) and logs
     * each deletion; also runs by itself on every segment roll and once a minute.
     *
     * @return number of segments deleted
     */
    public synchronized int enforceRetention() {
        if (closed) {
            return 0;
        }
        return enforceRetentionLocked();
    }

    private int enforceRetentionLocked() {
        long now = clock.millis();
        long maxAge = settings.retentionAge() == null ? Long.MAX_VALUE : settings.retentionAge().toMillis();
        long maxBytes = settings.retentionBytes() == 0 ? Long.MAX_VALUE : settings.retentionBytes();
        int deleted = 0;
        while (true) {
            Segment[] segs = segments;
            if (segs.length <= 1) {
                break;
            }
            Segment oldest = segs[0];
            long size = sizeBytes();
            String reason;
            if (oldest.sealedAtMillis > 0 && now - oldest.sealedAtMillis > maxAge) {
                reason = "older than " + settings.retentionAge() + " (last append "
                        + java.time.Instant.ofEpochMilli(oldest.sealedAtMillis) + ")";
            } else if (size > maxBytes) {
                reason = "journal is " + size + " bytes, above the limit of " + maxBytes;
            } else {
                break;
            }
            segments = Arrays.copyOfRange(segs, 1, segs.length);
            unforced.remove(oldest);
            try {
                Files.deleteIfExists(oldest.file);
                LOG.info("journal {}: retention deleted {} (offsets [{}, {})): {}", dir, oldest.file.getFileName(),
                        oldest.base, oldest.endOffset(), reason);
            } catch (IOException e) {
                LOG.warn("journal {}: retention could not delete {} (offsets [{}, {})): {}; it is retried on the next"
                        + " start", dir, oldest.file.getFileName(), oldest.base, oldest.endOffset(), e.toString());
            }
            deleted++;
        }
        return deleted;
    }

    /**
     * Forces everything appended so far to the storage device (segments, dictionary). What
     * {@code PERIODIC} does once a second; callable in any mode, from any thread.
     *
     * @throws UncheckedIOException when the device reports an error
     */
    public void flush() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        forceAll();
    }

    private void forceAll() {
        List<Segment> toForce;
        boolean dict;
        boolean directory;
        synchronized (this) {
            directory = dirDirty;
            dirDirty = false;
            toForce = new ArrayList<>(unforced);
            unforced.clear();
            Segment[] segs = segments;
            if (segs.length > 0) {
                toForce.add(segs[segs.length - 1]);
            }
            dict = dictDirty;
            dictDirty = false;
        }
        try {
            if (dict) {
                dictChannel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force tag dictionary " + dir.resolve(DICT_FILE) + ": "
                    + e.getMessage(), e);
        }
        for (Segment s : toForce) {
            s.map().force();
        }
        if (directory) {
            forceDirectory();
        }
    }

    private void startMaintenance() {
        if (settings.fsync() == JournalSettings.Fsync.PERIODIC) {
            maintenance.scheduleWithFixedDelay(() -> {
                try {
                    flush();
                } catch (RuntimeException e) {
                    LOG.error("journal {}: periodic fsync failed: {}", dir, e.toString());
                }
            }, FSYNC_PERIOD_MILLIS, FSYNC_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
        maintenance.scheduleWithFixedDelay(() -> {
            try {
                enforceRetention();
            } catch (RuntimeException e) {
                LOG.error("journal {}: retention failed: {}", dir, e.toString());
            }
        }, RETENTION_PERIOD_MILLIS, RETENTION_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the background thread, forces what was appended (unless the mode is {@code NEVER}),
     * releases the directory lock. Appends and reads afterwards throw {@link IllegalStateException}.
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        maintenance.shutdown();
        try {
            if (!maintenance.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("journal {}: background fsync/retention did not stop within 10 s", dir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (settings.fsync() != JournalSettings.Fsync.NEVER) {
                forceAll();
            }
        } finally {
            try {
                dictChannel.close();
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                LOG.warn("journal {}: closing: {}", dir, e.toString());
            }
            LOG.info("journal {}: closed at offset {}", dir, end);
        }
    }
}
