import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the jars of a jpackage input directory in place, for the installers only:
 * <ul>
 *   <li>drops the native libraries built for another OS or CPU from jars that carry one per
 *       platform (zstd-jni, snappy-java, lz4-java: 18, 28 and 9 libraries);</li>
 *   <li>with {@code --store}, writes every entry uncompressed ("stored"), so that the package's
 *       own compressor (xz in a .deb) sees the class files instead of deflate output.</li>
 * </ul>
 * A native library is kept when its path has a segment naming the target OS ({@code linux};
 * {@code darwin}, {@code mac} or {@code osx}; {@code win} or {@code windows}) and a segment naming the
 * CPU ({@code amd64} or {@code x86_64}; {@code aarch64} or {@code arm64}), case-insensitive.
 * Signatures stay valid: entry contents are not changed. Needs only a JDK 17:
 * {@code java installers/RepackJars.java DIR OS ARCH [--store]} with OS linux|osx|windows and
 * ARCH x86_64|aarch_64. Prints what it removed, in bytes (compressed, as in the jar).
 */
public final class RepackJars {

    private static final Set<String> NATIVE = Set.of(".so", ".dll", ".dylib", ".jnilib");

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java RepackJars.java DIR linux|osx|windows x86_64|aarch_64 [--store]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Set<String> os = switch (args[1]) {
            case "linux" -> Set.of("linux");
            case "osx" -> Set.of("darwin", "mac", "osx", "macos");
            case "windows" -> Set.of("win", "windows");
            default -> throw new IllegalArgumentException("OS " + args[1]);
        };
        Set<String> arch = switch (args[2]) {
            case "x86_64" -> Set.of("amd64", "x86_64", "x64");
            case "aarch_64" -> Set.of("aarch64", "arm64", "aarch_64");
            default -> throw new IllegalArgumentException("ARCH " + args[2]);
        };
        boolean store = args.length > 3 && args[3].equals("--store");
        List<Path> jars = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
        }
        long removedTotal = 0;
        for (Path jar : jars) {
            long removed = repack(jar, os, arch, store);
            if (removed > 0) {
                System.out.printf("%-40s foreign natives removed: %.1f MB%n", jar.getFileName(), removed / 1e6);
            }
            removedTotal += removed;
        }
        System.out.printf("foreign natives removed in all: %.1f MB%s%n", removedTotal / 1e6,
                store ? "; entries stored uncompressed" : "");
    }

    /** Rewrites one jar if it has foreign natives or if storing; returns the bytes of natives dropped. */
    static long repack(Path jar, Set<String> os, Set<String> arch, boolean store) throws IOException {
        long removed = 0;
        boolean foreign = false;
        try (ZipFile z = new ZipFile(jar.toFile())) {
            for (var e = z.entries(); e.hasMoreElements();) {
                ZipEntry en = e.nextElement();
                if (isForeignNative(en.getName(), os, arch)) {
                    foreign = true;
                    removed += en.getCompressedSize();
                }
            }
            if (!foreign && !store) {
                return 0;
            }
            Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
            try (OutputStream fo = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(fo)) {
                for (var e = z.entries(); e.hasMoreElements();) {
                    ZipEntry en = e.nextElement();
                    if (isForeignNative(en.getName(), os, arch)) {
                        continue;
                    }
                    byte[] data;
                    try (InputStream in = z.getInputStream(en)) {
                        data = in.readAllBytes();
                    }
                    ZipEntry copy = new ZipEntry(en.getName());
                    copy.setTime(en.getTime());
                    if (store || en.getMethod() == ZipEntry.STORED) {
                        CRC32 crc = new CRC32();
                        crc.update(data);
                        copy.setMethod(ZipEntry.STORED);
                        copy.setSize(data.length);
                        copy.setCompressedSize(data.length);
                        copy.setCrc(crc.getValue());
                    }
                    out.putNextEntry(copy);
                    out.write(data);
                    out.closeEntry();
                }
            }
            Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return removed;
    }

    static boolean isForeignNative(String name, Set<String> os, Set<String> arch) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("/") || NATIVE.stream().noneMatch(lower::endsWith)) {
            return false;
        }
        String[] seg = lower.split("/");
        boolean osOk = false;
        boolean archOk = false;
        for (int i = 0; i < seg.length - 1; i++) {
            osOk |= os.contains(seg[i]);
            archOk |= arch.contains(seg[i]);
        }
        // a library with no platform directories (e.g. at the jar's root) is left alone
        boolean platformSpecific = false;
        for (int i = 0; i < seg.length - 1; i++) {
            platformSpecific |= Set.of("linux", "darwin", "mac", "osx", "macos", "win", "windows", "freebsd", "aix", "sunos")
                    .contains(seg[i]);
        }
        return platformSpecific && !(osOk && archOk);
    }
}
