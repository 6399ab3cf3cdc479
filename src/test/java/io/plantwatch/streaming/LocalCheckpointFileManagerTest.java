package io.plantwatch.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCheckpointFileManagerTest {

    @TempDir
    java.nio.file.Path dir;

    private LocalCheckpointFileManager manager() {
        return new LocalCheckpointFileManager(new Path(dir.toUri()), new Configuration(false));
    }

    private Path file(String name) {
        return new Path(dir.resolve(name).toUri());
    }

    private static void write(org.apache.hadoop.fs.FSDataOutputStream out, String text) throws Exception {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileAppearsOnlyWhenClosedAndLeavesNoTemporaryFileOrChecksum() throws Exception {
        var out = manager().createAtomic(file("offsets/7"), false);
        write(out, "v1\n{\"batchWatermarkMs\":0}\n7");
        assertThat(dir.resolve("offsets/7")).doesNotExist();
        out.close();
        assertThat(dir.resolve("offsets/7")).hasContent("v1\n{\"batchWatermarkMs\":0}\n7");
        try (var files = Files.list(dir.resolve("offsets"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("7");
        }
    }

    @Test
    void withoutOverwriteAnExistingFileIsKeptAndTheWriterIsTold() throws Exception {
        var first = manager().createAtomic(file("commits/3"), false);
        write(first, "first");
        first.close();
        var second = manager().createAtomic(file("commits/3"), false);
        write(second, "second");
        assertThatThrownBy(second::close).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(dir.resolve("commits/3")).hasContent("first");
        try (var files = Files.list(dir.resolve("commits"))) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void withOverwriteTheNewContentReplacesTheOld() throws Exception {
        var first = manager().createAtomic(file("metadata"), true);
        write(first, "old");
        first.close();
        var second = manager().createAtomic(file("metadata"), true);
        write(second, "new");
        second.close();
        assertThat(dir.resolve("metadata")).hasContent("new");
    }

    @Test
    void aCancelledFileNeverAppears() throws Exception {
        var out = manager().createAtomic(file("state/0/1/5.delta"), false);
        write(out, "partial");
        out.cancel();
        out.close();
        assertThat(dir.resolve("state/0/1/5.delta")).doesNotExist();
        try (var files = Files.list(dir.resolve("state/0/1"))) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void readsSeekAndPositionedReadsAndAMissingFileIsFileNotFound() throws Exception {
        Files.writeString(dir.resolve("data"), "0123456789");
        try (FSDataInputStream in = manager().open(file("data"))) {
            in.seek(4);
            assertThat(in.read()).isEqualTo('4');
            assertThat(in.getPos()).isEqualTo(5);
            byte[] two = new byte[2];
            in.readFully(8, two);
            assertThat(new String(two, StandardCharsets.US_ASCII)).isEqualTo("89");
            assertThat(in.getPos()).isEqualTo(5);
        }
        assertThatThrownBy(() -> manager().open(file("missing"))).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void listsWithTheFilterAndDeletesTrees() throws Exception {
        var fm = manager();
        for (String n : new String[] {"1.delta", "2.delta", "2.snapshot", "_metadata"}) {
            var out = fm.createAtomic(file("state/" + n), false);
            write(out, n);
            out.close();
        }
        var deltas = fm.list(file("state"), p -> p.getName().endsWith(".delta"));
        assertThat(Arrays.stream(deltas).map(s -> s.getPath().getName()).sorted()).containsExactly("1.delta", "2.delta");
        assertThat(deltas[0].getLen()).isEqualTo(7);
        assertThat(fm.list(file("nowhere"), p -> true)).isEmpty();
        assertThat(fm.exists(file("state/2.snapshot"))).isTrue();
        fm.delete(file("state"));
        assertThat(dir.resolve("state")).doesNotExist();
        fm.delete(file("state"));   // already gone: not an error
    }

    @Test
    void refusesPathsThatAreNotLocal() {
        assertThatThrownBy(() -> new LocalCheckpointFileManager(new Path("hdfs://namenode:8020/checkpoints"),
                new Configuration(false))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local paths only");
    }
}
