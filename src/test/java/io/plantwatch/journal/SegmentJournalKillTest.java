package io.plantwatch.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantwatch.domain.JournalSettings;
import io.plantwatch.domain.Reading;
import io.plantwatch.testsupport.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code kill -9} of a process appending to the journal as fast as it can: reopening finds a dense
 * prefix of exactly what was appended, and at least every reading whose append had returned.
 */
class SegmentJournalKillTest {

    private static final int SEG = 4096;
    private static final long MAX = 6_000_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = JournalSettings.Fsync.class, names = {"NEVER", "PERIODIC"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void killedMidStreamTheJournalHoldsEveryReturnedAppendAndNothingElse(JournalSettings.Fsync fsync)
            throws Exception {
        long confirmed;
        try (ChildJvm child = ChildJvm.start("appender", "256m", JournalAppenderChild.class, dir.toString(),
                Integer.toString(SEG), fsync.name(), Long.toString(MAX))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> reported(child) >= 300_000 || !child.isAlive());
            assertThat(child.isAlive()).as("child still appending").isTrue();
            child.kill();
            confirmed = reported(child);
            assertThat(child.lastLine("finished ")).as("killed before it finished").isNull();
        }

        // restarted twice: recovery must be stable
        for (int run = 0; run < 2; run++) {
            try (SegmentJournal journal = SegmentJournal.open(dir, new JournalSettings(SEG, null, 0, fsync))) {
                long end = journal.endOffset();
                assertThat(end).as("appends that had returned before the kill").isGreaterThanOrEqualTo(confirmed);
                assertThat(end).isLessThan(MAX);
                assertThat(journal.startOffset()).isZero();
                long[] next = {0};
                journal.readWithUnits(0, end, (o, tag, t, v, u) -> {
                    Reading r = JournalAppenderChild.readingAt(o);
                    if (o != next[0] || !r.tag().equals(tag) || r.eventTimeMillis() != t || r.value() != v
                            || !r.unit().equals(u)) {
                        throw new AssertionError("offset " + o + " read as " + tag + ", " + t + ", " + v + ", " + u
                                + " but the child appended " + r);
                    }
                    next[0]++;
                });
                assertThat(next[0]).isEqualTo(end);
                if (run == 0) {
                    // the journal takes appends again where the killed process stopped
                    assertThat(journal.append(JournalAppenderChild.readingAt(end))).isEqualTo(end);
                }
            }
        }
    }

    private static long reported(ChildJvm child) {
        String n = child.lastLine("appended ");
        return n == null ? 0 : Long.parseLong(n.trim());
    }
}
