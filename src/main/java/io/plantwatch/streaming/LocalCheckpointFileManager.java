package io.plantwatch.streaming;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;
import org.apache.hadoop.fs.PositionedReadable;
import org.apache.hadoop.fs.Seekable;
import org.apache.spark.sql.execution.streaming.checkpointing.CheckpointFileManager;

/**
 * Spark's checkpoint files (offset log, commit log, metadata, state store deltas and snapshots) on
 * the local disk through {@code java.nio}, instead of Hadoop's local file system.
 *
 * <p>Why: without Hadoop's native library (never present in a desktop install) Hadoop's local file
 * system sets permissions by running {@code chmod} and resolves links by running {@code readlink}
 * as child processes, about 25 of them per micro-batch of the window query (measured with JFR's
 * {@code jdk.ProcessStart} events: 2,086 in a 40 s run), and writes a {@code .crc} file beside
 * every checkpoint file. That was most of a micro-batch's duration, and a window result waits for
 * two to three micro-batches (docs/BENCHMARKS.md, "Live MQTT ingest").
 *
 * <p>The contract is Spark's {@link CheckpointFileManager}: {@link #createAtomic} writes a
 * temporary file in the same directory and makes it visible on close by an atomic rename; without
 * {@code overwriteIfPossible} the final name is claimed with a hard link, which fails if the file
 * exists (Hadoop's {@link org.apache.hadoop.fs.FileAlreadyExistsException}, which Spark's metadata
 * logs expect for a concurrent writer). Like Spark's own local managers it does not fsync: a
 * killed console loses nothing (the page cache survives), an operating system crash may lose the
 * last micro-batch's checkpoint, which Spark then runs again.
 *
 * <p>Only {@code file:} paths (or paths without a scheme) are accepted; it is configured by
 * {@link SparkSessions#local} for the embedded session only. Thread-safe (no state but the root).
 */
public final class LocalCheckpointFileManager implements CheckpointFileManager {

    private final java.nio.file.Path root;

    /**
     * Called by Spark ({@code CheckpointFileManager.create}) with the checkpoint root.
     *
     * @throws IllegalArgumentException when the path is not on the local file system
     */
    public LocalCheckpointFileManager(Path path, Configuration conf) {
        this.root = local(path);
    }

    private static java.nio.file.Path local(Path path) {
        var uri = path.toUri();
        if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
            throw new IllegalArgumentException("LocalCheckpointFileManager handles local paths only, not " + path);
        }
        return java.nio.file.Path.of(uri.getPath());
    }

    /**
     * Spark's Scala callers catch {@link IOException}s such as {@link FileNotFoundException} from these
     * methods, which Java cannot declare on the Scala trait's methods: rethrow them unchanged.
     */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    private static Path hadoop(java.nio.file.Path p) {
        return new Path(p.toUri());
    }

    @Override
    public CancellableFSDataOutputStream createAtomic(Path path, boolean overwriteIfPossible) {
        java.nio.file.Path target = local(path);
        java.nio.file.Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new AtomicOutputStream(out, temp, target, overwriteIfPossible);
        } catch (IOException e) {
            throw sneaky(e);
        }
    }

    @Override
    public FSDataInputStream open(Path path) {
        java.nio.file.Path file = local(path);
        try {
            return new FSDataInputStream(new ChannelInputStream(FileChannel.open(file, StandardOpenOption.READ)));
        } catch (NoSuchFileException e) {
            throw sneaky(new FileNotFoundException(file.toString()));
        } catch (IOException e) {
            throw sneaky(e);
        }
    }

    @Override
    public FileStatus[] list(Path path, PathFilter filter) {
        java.nio.file.Path dir = local(path);
        if (!Files.isDirectory(dir)) {
            return new FileStatus[0];
        }
        List<FileStatus> out = new ArrayList<>();
        try (Stream<java.nio.file.Path> entries = Files.list(dir)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) entries::iterator) {
                Path hp = hadoop(p);
                if (!filter.accept(hp)) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (NoSuchFileException gone) {
                    continue;   // deleted by the state store's maintenance while listing
                }
                out.add(new FileStatus(a.size(), a.isDirectory(), 1, 32L << 20, a.lastModifiedTime().toMillis(), hp));
            }
        } catch (NoSuchFileException e) {
            return new FileStatus[0];
        } catch (IOException e) {
            throw sneaky(e);
        }
        return out.toArray(new FileStatus[0]);
    }

    @Override
    public void mkdirs(Path path) {
        try {
            Files.createDirectories(local(path));
        } catch (IOException e) {
            throw sneaky(e);
        }
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(local(path));
    }

    /** Deletes a file or a directory tree; a path that does not exist is not an error (as in Spark's managers). */
    @Override
    public void delete(Path path) {
        java.nio.file.Path p = local(path);
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<java.nio.file.Path> tree = Files.walk(p)) {
            for (java.nio.file.Path q : (Iterable<java.nio.file.Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        } catch (NoSuchFileException ignored) {
            // deleted concurrently
        } catch (IOException e) {
            throw sneaky(e);
        }
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public Path createCheckpointDirectory() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw sneaky(e);
        }
        return hadoop(root.toAbsolutePath());
    }

    /** Writes to a temporary file; close publishes it under the final name, cancel deletes it. */
    private static final class AtomicOutputStream extends CancellableFSDataOutputStream {
        private final java.nio.file.Path temp;
        private final java.nio.file.Path target;
        private final boolean overwrite;
        private boolean terminated;

        AtomicOutputStream(OutputStream out, java.nio.file.Path temp, java.nio.file.Path target, boolean overwrite) {
            super(out);
            this.temp = temp;
            this.target = target;
            this.overwrite = overwrite;
        }

        @Override
        public synchronized void close() throws IOException {
            if (terminated) {
                return;
            }
            terminated = true;
            try {
                underlyingStream().close();
                if (overwrite) {
                    try {
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } else {
                    try {
                        Files.createLink(target, temp);   // atomic, and fails when the name is taken
                    } catch (FileAlreadyExistsException e) {
                        throw new org.apache.hadoop.fs.FileAlreadyExistsException(target.toString());
                    } catch (UnsupportedOperationException e) {
                        Files.move(temp, target);        // no hard links: fails when the name is taken, not atomic
                    }
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        }

        @Override
        public synchronized void cancel() {
            if (terminated) {
                return;
            }
            terminated = true;
            try {
                underlyingStream().close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw sneaky(e);
            }
        }
    }

    /** A file channel as the seekable, positioned-readable stream Hadoop's {@link FSDataInputStream} needs. */
    private static final class ChannelInputStream extends InputStream implements Seekable, PositionedReadable {
        private final FileChannel channel;
        private final InputStream in;

        ChannelInputStream(FileChannel channel) {
            this.channel = channel;
            this.in = Channels.newInputStream(channel);
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, channel.size() - channel.position()));
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }

        @Override
        public void seek(long pos) throws IOException {
            channel.position(pos);
        }

        @Override
        public long getPos() throws IOException {
            return channel.position();
        }

        @Override
        public boolean seekToNewSource(long targetPos) {
            return false;
        }

        @Override
        public int read(long position, byte[] buffer, int offset, int length) throws IOException {
            return channel.read(ByteBuffer.wrap(buffer, offset, length), position);
        }

        @Override
        public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
            int done = 0;
            while (done < length) {
                int n = channel.read(ByteBuffer.wrap(buffer, offset + done, length - done), position + done);
                if (n < 0) {
                    throw new EOFException("end of " + length + " bytes at " + position);
                }
                done += n;
            }
        }

        @Override
        public void readFully(long position, byte[] buffer) throws IOException {
            readFully(position, buffer, 0, buffer.length);
        }
    }
}
