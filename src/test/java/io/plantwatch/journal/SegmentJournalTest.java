package io.plantwatch.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.JournalSettings;
import io.plantwatch.domain.JournalSettings.Fsync;
import io.plantwatch.domain.Reading;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SegmentJournalTest {

    /** Smallest segment the settings allow: rolls happen every 1,024 readings. */
    private static final int SEG = 1024;
    private static final long SEG_BYTES = SegmentJournal.HEADER + (long) SEG * SegmentJournal.RECORD;

    @TempDir
    Path dir;

    private static JournalSettings settings(Fsync fsync) {
        return new JournalSettings(SEG, null, 0, fsync);
    }

    /** The reading stored at an offset in these tests: 300 tags, each with its own unit, value = offset. */
    static Reading readingAt(long offset) {
        int t = (int) (offset % 300);
        return new Reading("D-" + t + "/s" + (t % 7), 1_700_000_000_000L + offset * 10, offset, "u" + (t % 5));
    }

    private record Entry(long offset, String tag, long time, double value, String unit) {
        static Entry of(long offset, Reading r) {
            return new Entry(offset, r.tag(), r.eventTimeMillis(), r.value(), r.unit());
        }
    }

    private static List<Entry> readAll(ReadingJournal journal, long from, long to) {
        List<Entry> out = new ArrayList<>();
        journal.readWithUnits(from, to, (o, tag, t, v, u) -> out.add(new Entry(o, tag, t, v, u)));
        return out;
    }

    private static void appendRange(SegmentJournal journal, long from, long to) {
        for (long o = from; o < to; o++) {
            assertThat(journal.append(readingAt(o))).isEqualTo(o);
        }
    }

    private static void assertHoldsExactly(ReadingJournal journal, long from, long to) {
        List<Entry> entries = readAll(journal, from, to);
        assertThat(entries).hasSize((int) (to - from));
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i)).isEqualTo(Entry.of(from + i, readingAt(from + i)));
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void appendedReadingsReadBackWithUnitsAcrossSegmentsAndOneStringPerTag() throws IOException {
        int n = 5 * SEG + 17;
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            assertThat(journal.endOffset()).isZero();
            assertThat(journal.startOffset()).isZero();
            appendRange(journal, 0, n);

            assertThat(journal.endOffset()).isEqualTo(n);
            assertThat(journal.segmentCount()).isEqualTo(6);
            assertHoldsExactly(journal, 0, n);
            assertHoldsExactly(journal, SEG - 3, 2 * SEG + 3);
            assertThat(readAll(journal, 7, 7)).isEmpty();

            Map<String, String> firstInstance = new java.util.HashMap<>();
            Map<String, Boolean> sameInstance = new IdentityHashMap<>();
            journal.read(0, n, (o, tag, t, v) -> {
                String first = firstInstance.computeIfAbsent(tag, k -> tag);
                sameInstance.put(tag, first == tag);
                assertThat(v).isEqualTo((double) o);
            });
            assertThat(firstInstance).hasSize(300);
            assertThat(sameInstance).hasSize(300).doesNotContainValue(false);
        }
        assertThat(segmentFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("00000000000000000000.seg", "00000000000000001024.seg", "00000000000000002048.seg",
                        "00000000000000003072.seg", "00000000000000004096.seg", "00000000000000005120.seg");
    }

    @Test
    void aTagWhoseUnitChangesKeepsBothUnitsAndOneTagInstance() throws IOException {
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            journal.append(new Reading("P-101/flow", 1, 1.0, "L/min"));
            journal.append(new Reading("P-101/flow", 2, 2.0, "m3/h"));
            journal.append(new Reading("P-101/flow", 3, 3.0, "L/min"));
            journal.append(new Reading("P-101/temp", 4, 4.0, ""));
        }
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            List<Entry> entries = readAll(journal, 0, 4);
            assertThat(entries).containsExactly(new Entry(0, "P-101/flow", 1, 1.0, "L/min"),
                    new Entry(1, "P-101/flow", 2, 2.0, "m3/h"), new Entry(2, "P-101/flow", 3, 3.0, "L/min"),
                    new Entry(3, "P-101/temp", 4, 4.0, ""));
            assertThat(entries.get(0).tag()).isSameAs(entries.get(1).tag()).isSameAs(entries.get(2).tag());
        }
    }

    @Test
    void reopeningContinuesTheOffsetsAndReusesTheDictionary() throws IOException {
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.PERIODIC))) {
            appendRange(journal, 0, 2 * SEG + 100);
        }
        long dictBytes = Files.size(dir.resolve(SegmentJournal.DICT_FILE));
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.PERIODIC))) {
            assertThat(journal.endOffset()).isEqualTo(2 * SEG + 100);
            assertHoldsExactly(journal, 0, 2 * SEG + 100);
            appendRange(journal, 2 * SEG + 100, 4 * SEG);
        }
        assertThat(Files.size(dir.resolve(SegmentJournal.DICT_FILE))).as("no tag was added twice").isEqualTo(dictBytes);
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.PERIODIC))) {
            assertThat(journal.endOffset()).isEqualTo(4 * SEG);
            assertHoldsExactly(journal, 0, 4 * SEG);
            // the last segment is full: the next append rolls
            appendRange(journal, 4 * SEG, 4 * SEG + 1);
            assertThat(journal.segmentCount()).isEqualTo(5);
        }
    }

    @Test
    void aRecordCutMidWayIsDroppedAndTheJournalContinuesAtItsOffset() throws IOException {
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            appendRange(journal, 0, SEG + 50);
        }
        Path last = segmentFiles().get(1);
        try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
            // keep 49 whole records and 11 bytes of the 50th
            ch.truncate(SegmentJournal.HEADER + 49L * SegmentJournal.RECORD + 11);
        }

        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            assertThat(journal.endOffset()).isEqualTo(SEG + 49);
            assertHoldsExactly(journal, 0, SEG + 49);
            appendRange(journal, SEG + 49, SEG + 60);
        }
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            assertThat(journal.endOffset()).isEqualTo(SEG + 60);
            assertHoldsExactly(journal, 0, SEG + 60);
        }
    }

    @Test
    void garbageAfterTheLastRecordIsCutAndNeverReadAsReadings() throws IOException {
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            appendRange(journal, 0, 300);
        }
        Path seg = segmentFiles().get(0);
        byte[] garbage = new byte[10 * SegmentJournal.RECORD + 5];
        new Random(42).nextBytes(garbage);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            // overwrite the second half of record 299 (a torn write) and what follows
            f.seek(SegmentJournal.HEADER + 299L * SegmentJournal.RECORD + 12);
            f.write(garbage);
        }

        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            assertThat(journal.endOffset()).isEqualTo(299);
            assertHoldsExactly(journal, 0, 299);
            appendRange(journal, 299, 320);
            assertHoldsExactly(journal, 0, 320);
        }
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            assertThat(journal.endOffset()).isEqualTo(320);
            assertHoldsExactly(journal, 0, 320);
        }
    }

    @Test
    void aCutDictionaryEntryCutsTheRecordsThatUseIt() throws IOException {
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            appendRange(journal, 0, 250); // tags 0..249: one dictionary entry each
        }
        Path dict = dir.resolve(SegmentJournal.DICT_FILE);
        try (FileChannel ch = FileChannel.open(dict, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3); // entry 249 is now incomplete
        }

        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            assertThat(journal.endOffset()).isEqualTo(249);
            assertHoldsExactly(journal, 0, 249);
            appendRange(journal, 249, 400);
            assertHoldsExactly(journal, 0, 400);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentReaderOnlySeesFullyWrittenReadingsAcrossRolls() throws Exception {
        int n = 200 * SEG + 7;
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.PERIODIC))) {
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong reads = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < n; i++) {
                        journal.append(readingAt(i));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "journal-writer");
            Thread reader = new Thread(() -> {
                try {
                    go.await();
                    long next = 0;
                    while (next < n && failure.get() == null) {
                        long end = journal.endOffset();
                        if (end < next) {
                            throw new AssertionError("endOffset went back from " + next + " to " + end);
                        }
                        if (end == next) {
                            Thread.onSpinWait();
                            continue;
                        }
                        long[] expect = {next};
                        journal.readWithUnits(next, end, (o, tag, t, v, u) -> {
                            Reading r = readingAt(o);
                            if (o != expect[0] || !r.tag().equals(tag) || r.eventTimeMillis() != t || r.value() != v
                                    || !r.unit().equals(u)) {
                                throw new AssertionError("offset " + o + " read as " + tag + ", " + t + ", " + v + ", "
                                        + u + " but was written as " + r);
                            }
                            expect[0]++;
                        });
                        next = end;
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "journal-reader");
            writer.start();
            reader.start();
            go.countDown();
            writer.join(50_000);
            reader.join(50_000);

            assertThat(failure.get()).isNull();
            assertThat(writer.isAlive()).isFalse();
            assertThat(reader.isAlive()).isFalse();
            assertThat(journal.endOffset()).isEqualTo(n);
            assertThat(reads.get()).isPositive();
        }
    }

    @Test
    void listenersRunAfterTheReadingIsReadable() throws IOException {
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            List<Long> offsets = new ArrayList<>();
            List<Boolean> readable = new ArrayList<>();
            journal.addListener((offset, reading) -> {
                offsets.add(offset);
                readable.add(journal.endOffset() > offset && readAll(journal, offset, offset + 1)
                        .equals(List.of(Entry.of(offset, reading))));
            });
            appendRange(journal, 0, SEG + 2);
            assertThat(offsets).hasSize(SEG + 2).startsWith(0L, 1L).endsWith((long) SEG + 1);
            assertThat(readable).containsOnly(true);
        }
    }

    @Test
    void retentionBySizeDeletesOldestWholeSegmentsAndMovesStartOffset() throws IOException {
        JournalSettings s = new JournalSettings(SEG, null, 3 * SEG_BYTES, Fsync.NEVER);
        try (SegmentJournal journal = SegmentJournal.open(dir, s)) {
            appendRange(journal, 0, 10 * SEG + 5); // 11 segments written, the last one active

            assertThat(journal.segmentCount()).isEqualTo(3);
            assertThat(journal.sizeBytes()).isEqualTo(3 * SEG_BYTES);
            assertThat(journal.startOffset()).isEqualTo(8 * SEG);
            assertThat(segmentFiles()).hasSize(3);
            assertHoldsExactly(journal, 8 * SEG, 10 * SEG + 5);
            assertThatThrownBy(() -> readAll(journal, 8 * SEG - 1, 8 * SEG + 1))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("deleted by retention");
        }
        try (SegmentJournal journal = SegmentJournal.open(dir, s)) {
            assertThat(journal.startOffset()).isEqualTo(8 * SEG);
            assertThat(journal.endOffset()).isEqualTo(10 * SEG + 5);
            assertHoldsExactly(journal, 8 * SEG, 10 * SEG + 5);
        }
    }

    @Test
    void retentionNeverDeletesTheActiveSegment() throws IOException {
        JournalSettings s = new JournalSettings(SEG, Duration.ofMinutes(1), 1, Fsync.NEVER);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        try (SegmentJournal journal = SegmentJournal.open(dir, s, clock)) {
            appendRange(journal, 0, 3 * SEG);
            clock.advance(Duration.ofDays(1));
            journal.enforceRetention();
            assertThat(journal.segmentCount()).isEqualTo(1);
            assertThat(journal.startOffset()).isEqualTo(2 * SEG);
            assertHoldsExactly(journal, 2 * SEG, 3 * SEG);
        }
    }

    @Test
    void retentionByAgeDeletesSegmentsWhoseLastAppendIsOlderThanTheLimit() throws IOException {
        JournalSettings s = new JournalSettings(SEG, Duration.ofHours(1), 0, Fsync.NEVER);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        try (SegmentJournal journal = SegmentJournal.open(dir, s, clock)) {
            appendRange(journal, 0, SEG); // segment 0 sealed at 10:00
            clock.advance(Duration.ofMinutes(30));
            appendRange(journal, SEG, 2 * SEG); // segment 1 sealed at 10:30
            clock.advance(Duration.ofMinutes(30));
            appendRange(journal, 2 * SEG, 2 * SEG + 10); // segment 2 active

            assertThat(journal.enforceRetention()).as("at 11:00 nothing is older than 1 h").isZero();
            clock.advance(Duration.ofMinutes(1));
            assertThat(journal.enforceRetention()).isEqualTo(1);
            assertThat(journal.startOffset()).isEqualTo(SEG);
            clock.advance(Duration.ofMinutes(30));
            assertThat(journal.enforceRetention()).isEqualTo(1);
            assertThat(journal.startOffset()).isEqualTo(2 * SEG);
            clock.advance(Duration.ofDays(30));
            assertThat(journal.enforceRetention()).as("the active segment stays").isZero();
            assertHoldsExactly(journal, 2 * SEG, 2 * SEG + 10);
        }
        // the seal time is on disk: a reopened journal judges age the same way
        try (SegmentJournal journal = SegmentJournal.open(dir, s, clock)) {
            assertThat(journal.startOffset()).isEqualTo(2 * SEG);
        }
    }

    @Test
    void theSealTimeOfASegmentSurvivesARestart() throws IOException {
        JournalSettings s = new JournalSettings(SEG, Duration.ofHours(1), 0, Fsync.NEVER);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        try (SegmentJournal journal = SegmentJournal.open(dir, s, clock)) {
            appendRange(journal, 0, SEG + 1);
        }
        clock.advance(Duration.ofMinutes(61));
        try (SegmentJournal journal = SegmentJournal.open(dir, s, clock)) {
            // open applied retention
            assertThat(journal.startOffset()).isEqualTo(SEG);
            assertHoldsExactly(journal, SEG, SEG + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Fsync.class)
    void everyFsyncModeKeepsEverythingAcrossAReopen(Fsync fsync) throws IOException {
        int n = 2 * SEG + 30;
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(fsync))) {
            appendRange(journal, 0, n);
            journal.flush();
            appendRange(journal, n, n + 5);
        }
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(fsync))) {
            assertThat(journal.endOffset()).isEqualTo(n + 5);
            assertHoldsExactly(journal, 0, n + 5);
        }
    }

    @Test
    void aDirectoryThatIsNotAJournalIsRefused() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "plant notes");

        assertThatThrownBy(() -> SegmentJournal.open(dir, settings(Fsync.NEVER)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("not a PlantWatch journal")
                .hasMessageContaining("notes.txt");
        assertThat(dir.resolve("notes.txt")).hasContent("plant notes");
        assertThat(dir.resolve(SegmentJournal.DICT_FILE)).doesNotExist();
    }

    @Test
    void segmentsWithoutTheirDictionaryAreRefused() throws IOException {
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            appendRange(journal, 0, 10);
        }
        Files.delete(dir.resolve(SegmentJournal.DICT_FILE));

        assertThatThrownBy(() -> SegmentJournal.open(dir, settings(Fsync.NEVER)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no tags.dict");
    }

    @Test
    void aForeignFileNamedLikeASegmentIsRefusedByName() throws IOException {
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            appendRange(journal, 0, 10);
        }
        Path foreign = dir.resolve("00000000000000001024.seg");
        Files.writeString(foreign, "this is not a segment, but long enough to hold a header of 64 bytes........");

        assertThatThrownBy(() -> SegmentJournal.open(dir, settings(Fsync.NEVER)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(foreign.toString())
                .hasMessageContaining("not a PlantWatch journal segment");
    }

    @Test
    void aMissingMiddleSegmentIsReportedWithBothFiles() throws IOException {
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            appendRange(journal, 0, 3 * SEG + 1);
        }
        Files.delete(dir.resolve("00000000000000001024.seg"));

        assertThatThrownBy(() -> SegmentJournal.open(dir, settings(Fsync.NEVER)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("00000000000000000000.seg")
                .hasMessageContaining("00000000000000002048.seg")
                .hasMessageContaining("starts at 2048");
    }

    @Test
    void aDamagedDictionaryHeaderIsRefused() throws IOException {
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            appendRange(journal, 0, 10);
        }
        Files.write(dir.resolve(SegmentJournal.DICT_FILE), "garbage-garbage-garbage".getBytes());

        assertThatThrownBy(() -> SegmentJournal.open(dir, settings(Fsync.NEVER)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("tags.dict")
                .hasMessageContaining("not a PlantWatch tag dictionary");
    }

    @Test
    void aJournalOpenTwiceIsRefusedAndUsableAfterClose() throws IOException {
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            journal.append(readingAt(0));
            assertThatThrownBy(() -> SegmentJournal.open(dir, settings(Fsync.NEVER)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("already open");
        }
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            assertThat(journal.endOffset()).isEqualTo(1);
        }
    }

    @Test
    void appendAndReadAfterCloseThrow() throws IOException {
        SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER));
        journal.append(readingAt(0));
        journal.close();
        journal.close();

        assertThatThrownBy(() -> journal.append(readingAt(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> readAll(journal, 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSegmentLeftWithoutHeaderByAnInterruptedRollIsDiscarded() throws IOException {
        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            appendRange(journal, 0, SEG);
        }
        Files.write(dir.resolve("00000000000000001024.seg"), new byte[0]);
        Files.write(dir.resolve("00000000000000002048.seg.tmp"), new byte[10]);

        try (SegmentJournal journal = SegmentJournal.open(dir, settings(Fsync.NEVER))) {
            assertThat(journal.endOffset()).isEqualTo(SEG);
            appendRange(journal, SEG, SEG + 3);
            assertHoldsExactly(journal, 0, SEG + 3);
        }
        assertThat(dir.resolve("00000000000000002048.seg.tmp")).doesNotExist();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
