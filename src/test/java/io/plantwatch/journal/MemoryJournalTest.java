package io.plantwatch.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemoryJournalTest {

    /** Readings per chunk in MemoryJournal. */
    private static final int CHUNK = 65_536;

    /** The reading stored at an offset in these tests: 150 tags (more than the initial tag table), value = offset. */
    private static Reading readingAt(long offset) {
        return new Reading("D-" + (offset % 150) + "/s", 1_000_000L + offset, offset * 0.5, "u");
    }

    /** What a visitor saw. */
    private record Entry(long offset, String tag, long time, double value) {
    }

    private static List<Entry> readAll(MemoryJournal journal, long from, long to) {
        List<Entry> out = new ArrayList<>();
        journal.read(from, to, (o, tag, t, v) -> out.add(new Entry(o, tag, t, v)));
        return out;
    }

    @Test
    void offsetsAreDenseFromZero() {
        MemoryJournal journal = new MemoryJournal();
        assertThat(journal.endOffset()).isZero();

        assertThat(journal.append(new Reading("P-101/flow", 10, 1.0, "L/min"))).isZero();
        assertThat(journal.append(new Reading("P-101/flow", 5, 2.0, "L/min"))).isEqualTo(1);
        assertThat(journal.append(new Reading("P-102/flow", 20, 3.0, "L/min"))).isEqualTo(2);

        assertThat(journal.endOffset()).isEqualTo(3);
        assertThat(readAll(journal, 0, 3)).containsExactly(
                new Entry(0, "P-101/flow", 10, 1.0),
                new Entry(1, "P-101/flow", 5, 2.0),
                new Entry(2, "P-102/flow", 20, 3.0));
    }

    @Test
    void readWithUnitsReturnsEachReadingsUnitAndOneStringPerTag() {
        MemoryJournal journal = new MemoryJournal();
        journal.append(new Reading("P-101/flow", 1, 1.0, "L/min"));
        journal.append(new Reading("P-101/flow", 2, 2.0, "m3/h"));
        journal.append(new Reading(new String("P-101/flow"), 3, 3.0, "L/min"));
        journal.append(new Reading("P-101/temp", 4, 4.0, ""));

        List<String> seen = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        journal.readWithUnits(0, 4, (o, tag, t, v, unit) -> {
            seen.add(o + " " + tag + " " + t + " " + v + " [" + unit + "]");
            tags.add(tag);
        });

        assertThat(seen).containsExactly("0 P-101/flow 1 1.0 [L/min]", "1 P-101/flow 2 2.0 [m3/h]",
                "2 P-101/flow 3 3.0 [L/min]", "3 P-101/temp 4 4.0 []");
        assertThat(tags.get(0)).isSameAs(tags.get(1)).isSameAs(tags.get(2));
        assertThat(journal.startOffset()).isZero();
    }

    @Test
    void readReturnsExactlyTheAppendedReadingsAcrossChunkBoundaries() {
        MemoryJournal journal = new MemoryJournal();
        int n = 2 * CHUNK + 1_000;
        for (int i = 0; i < n; i++) {
            assertThat(journal.append(readingAt(i))).isEqualTo(i);
        }

        assertThat(journal.endOffset()).isEqualTo(n);
        assertThat(readAll(journal, 0, n)).hasSize(n).allSatisfy(e -> {
            Reading r = readingAt(e.offset());
            assertThat(e).isEqualTo(new Entry(e.offset(), r.tag(), r.eventTimeMillis(), r.value()));
        });
        assertThat(readAll(journal, 0, n)).extracting(Entry::offset).isSorted().startsWith(0L).endsWith(n - 1L);
    }

    @ParameterizedTest(name = "[{index}] [{0}, {1})")
    @CsvSource(textBlock = """
            65535, 65537
            65536, 65537
            65530, 131080
            131071, 131073
            0, 0
            200000, 200000
            """)
    void subRangeReadsStartAndEndExactly(long from, long to) {
        MemoryJournal journal = new MemoryJournal();
        for (int i = 0; i < 200_000; i++) {
            journal.append(readingAt(i));
        }

        List<Entry> entries = readAll(journal, from, to);

        assertThat(entries).hasSize((int) (to - from));
        for (int k = 0; k < entries.size(); k++) {
            Reading r = readingAt(from + k);
            assertThat(entries.get(k)).isEqualTo(new Entry(from + k, r.tag(), r.eventTimeMillis(), r.value()));
        }
    }

    @Test
    void listenersSeeEveryAppendWithItsOffsetAfterItIsReadable() {
        MemoryJournal journal = new MemoryJournal();
        List<Long> offsets = new ArrayList<>();
        List<Reading> readings = new ArrayList<>();
        List<Boolean> readable = new ArrayList<>();
        journal.addListener((offset, reading) -> {
            offsets.add(offset);
            readings.add(reading);
            readable.add(journal.endOffset() > offset);
        });
        List<Long> second = new ArrayList<>();
        journal.addListener((offset, reading) -> second.add(offset));

        Reading a = new Reading("P-101/flow", 1, 1.0, "L/min");
        Reading b = new Reading("P-101/motor_current", 2, 2.0, "A");
        Reading c = new Reading("P-101/flow", 3, 3.0, "L/min");
        journal.append(a);
        journal.append(b);
        journal.append(c);

        assertThat(offsets).containsExactly(0L, 1L, 2L);
        assertThat(readings).containsExactly(a, b, c);
        assertThat(readable).containsOnly(true);
        assertThat(second).containsExactly(0L, 1L, 2L);
    }

    @ParameterizedTest(name = "[{index}] [{0}, {1}) with 3 readings")
    @CsvSource(textBlock = """
            -1, 2
            0, 4
            3, 4
            2, 1
            4, 4
            """)
    void readOutsideTheWrittenRangeThrows(long from, long to) {
        MemoryJournal journal = new MemoryJournal();
        for (int i = 0; i < 3; i++) {
            journal.append(readingAt(i));
        }
        List<Entry> seen = new ArrayList<>();

        assertThatThrownBy(() -> journal.read(from, to, (o, tag, t, v) -> seen.add(new Entry(o, tag, t, v))))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("[" + from + ", " + to + ")");
        assertThat(seen).isEmpty();
    }

    @Test
    void readOnAnEmptyJournalThrowsForAnyNonEmptyRange() {
        MemoryJournal journal = new MemoryJournal();

        assertThat(readAll(journal, 0, 0)).isEmpty();
        assertThatThrownBy(() -> readAll(journal, 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentReaderOnlySeesFullyWrittenEntries() throws InterruptedException {
        MemoryJournal journal = new MemoryJournal();
        int n = 3 * CHUNK + 7;
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong readerPosition = new AtomicLong();
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
                    journal.read(next, end, (o, tag, t, v) -> {
                        Reading r = readingAt(o);
                        if (o != expect[0] || !r.tag().equals(tag) || r.eventTimeMillis() != t || r.value() != v) {
                            throw new AssertionError("offset " + o + " (expected " + expect[0] + ") read as " + tag
                                    + ", " + t + ", " + v + " but was written as " + r);
                        }
                        expect[0]++;
                    });
                    next = end;
                    readerPosition.set(next);
                    reads.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "journal-reader");

        writer.start();
        reader.start();
        go.countDown();
        writer.join(TimeUnit.SECONDS.toMillis(50));
        reader.join(TimeUnit.SECONDS.toMillis(50));

        assertThat(failure.get()).isNull();
        assertThat(writer.isAlive()).isFalse();
        assertThat(reader.isAlive()).isFalse();
        assertThat(readerPosition.get()).isEqualTo(n);
        assertThat(journal.endOffset()).isEqualTo(n);
        assertThat(reads.get()).isPositive();
    }
}
