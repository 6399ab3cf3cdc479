package io.plantwatch.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.plantwatch.domain.KafkaSettings;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.SecretRef;
import io.plantwatch.domain.TlsSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the {@code connections} block (schema: {@link Connections}) into a site YAML file, and
 * optionally the recording and speed of its {@code replay} block, without touching anything else.
 *
 * <p>The top-level {@code connections:} block runs from its line to the next top-level key (or
 * the end of the file); comment lines and blank lines at column 0 just before that key belong to
 * the key and are kept. The block is replaced by freshly generated YAML, or appended at the end
 * when the file has none. Every other line, comment and line ending is kept byte for byte.
 * Durations are written in the site file's format ({@code 500ms}, {@code 10s}, {@code 5m},
 * {@code 2h}, {@code 1d}); file paths under the site file's folder are written relative to it;
 * secrets only as their references ({@code env:…}, {@code keystore:…#…}).
 *
 * <p>The file is replaced atomically (a temporary file in the same folder, forced to disk, then
 * moved over it); the previous content is kept as {@code <file>.bak} (one generation). Before
 * writing, the new text is parsed as YAML, so an unreadable file is never written. Stateless;
 * concurrent writers of the same file are not coordinated (the console has one).
 */
public final class ConnectionsWriter {

    /** The top-level key of the block. */
    public static final String KEY = "connections";

    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^" + KEY + "\\s*:(\\s.*)?$");
    private static final Pattern REPLAY_KEY = Pattern.compile("^replay\\s*:(\\s.*)?$");
    /** An indented {@code key: value  # comment} line; the value may be quoted. */
    private static final Pattern ENTRY = Pattern.compile(
            "^(\\s+)([A-Za-z]+)(\\s*:)(\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'|[^#]*?)(\\s+#.*)?$");
    /**
     * Strings written without quotes: they start with a letter, '_' or '/' (so never read back as a
     * number, YAML 1.1 sexagesimals included) and hold no YAML indicator.
     */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./+\\-:=$@]*");
    private static final List<String> RESERVED = List.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

    private static final ObjectMapper YAML = new YAMLMapper();

    private ConnectionsWriter() {
    }

    /**
     * Writes the connections block into a site file; the {@code replay} block is left as it is.
     *
     * @throws IOException              when the file cannot be read or written
     * @throws IllegalArgumentException when the file is not valid YAML, or has two top-level
     *                                  {@code connections:} keys
     */
    public static void write(Path siteFile, Connections connections) throws IOException {
        write(siteFile, connections, null);
    }

    /**
     * Writes the connections block and, when {@code replay} is given, the {@code recording} and
     * {@code speed} values of the {@code replay} block (each replaced in place, its comment kept;
     * added when missing).
     *
     * @param replay the recording and speed to write, or null to leave {@code replay} as it is
     * @throws IOException              when the file cannot be read or written
     * @throws IllegalArgumentException when the file is not valid YAML, or has two top-level
     *                                  {@code connections:} keys
     */
    public static void write(Path siteFile, Connections connections, SiteConfig.ReplaySettings replay)
            throws IOException {
        Path file = siteFile.toRealPath();
        Path dir = file.getParent();
        String original = Files.readString(file, StandardCharsets.UTF_8);
        String updated = replaceBlock(original, block(connections, dir));
        if (replay != null) {
            updated = replaceReplay(updated, replay, dir);
        }
        checkYaml(file, original, updated);
        Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(updated.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            copyPermissions(file, tmp);
            Files.copy(file, backup(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The backup of a site file: {@code <file>.bak} next to it. */
    public static Path backup(Path siteFile) {
        return siteFile.resolveSibling(siteFile.getFileName() + ".bak");
    }

    /**
     * The YAML of a connections block, {@code "\n"}-terminated lines starting with
     * {@code connections:}; null settings are left out.
     *
     * @param baseDir the site file's folder: paths below it are written relative to it; null for absolute
     */
    public static String block(Connections c, Path baseDir) {
        Lines out = new Lines();
        out.add(0, KEY + ":");
        out.add(1, "# written by the console's Connections dialog; secrets are references, never values");
        out.add(1, "mode: " + c.mode().name().toLowerCase(Locale.ROOT));
        if (c.mqtt() != null) {
            mqtt(out, c.mqtt(), baseDir);
        }
        if (c.kafka() != null) {
            kafka(out, c.kafka());
        }
        return out.toString();
    }

    private static void mqtt(Lines out, MqttSettings m, Path baseDir) {
        out.add(1, "mqtt:");
        out.add(2, "url: " + scalar(m.serverUri().toString()));
        out.add(2, "version: " + (m.version() == MqttSettings.Version.V5 ? "5" : scalar("3.1.1")));
        out.add(2, "clientId: " + scalar(m.clientId()));
        list(out, 2, "topics", m.topicFilters());
        out.add(2, "qos: " + m.qos());
        out.add(2, "format: " + m.format().name().toLowerCase(Locale.ROOT));
        if (m.topicPattern() != null) {
            out.add(2, "topicPattern: " + scalar(m.topicPattern()));
        }
        out.add(2, "cleanStart: " + m.cleanStart());
        optional(out, 2, "sessionExpiry", m.sessionExpiry());
        optional(out, 2, "keepAlive", m.keepAlive());
        if (m.reconnectInitial() != null || m.reconnectMax() != null) {
            out.add(2, "reconnect:");
            optional(out, 3, "initialDelay", m.reconnectInitial());
            optional(out, 3, "maxDelay", m.reconnectMax());
        }
        if (m.username() != null) {
            out.add(2, "username: " + scalar(m.username()));
        }
        if (m.password() != null) {
            out.add(2, "password: " + secret(m.password(), baseDir));
        }
        if (m.tls() != null) {
            TlsSettings t = m.tls();
            out.add(2, "tls:");
            if (t.trustStore() != null) {
                out.add(3, "trustStore: " + scalar(sitePath(t.trustStore(), baseDir)));
            }
            if (t.trustStorePassword() != null) {
                out.add(3, "trustStorePassword: " + secret(t.trustStorePassword(), baseDir));
            }
            if (t.keyStore() != null) {
                out.add(3, "keyStore: " + scalar(sitePath(t.keyStore(), baseDir)));
            }
            if (t.keyStorePassword() != null) {
                out.add(3, "keyStorePassword: " + secret(t.keyStorePassword(), baseDir));
            }
            out.add(3, "verifyHostname: " + t.verifyHostname());
        }
        if (m.sparkplugHostId() != null) {
            out.add(2, "sparkplugHostId: " + scalar(m.sparkplugHostId()));
        }
    }

    private static void kafka(Lines out, KafkaSettings k) {
        out.add(1, "kafka:");
        out.add(2, "bootstrapServers: " + scalar(k.bootstrapServers()));
        list(out, 2, "topics", k.topics());
        out.add(2, "groupId: " + scalar(k.groupId()));
        if (k.clientId() != null) {
            out.add(2, "clientId: " + scalar(k.clientId()));
        }
        optional(out, 2, "pollTimeout", k.pollTimeout());
        if (!k.properties().isEmpty()) {
            out.add(2, "properties:");
            // sorted, so that saving twice gives the same file
            for (Map.Entry<String, String> e : new TreeMap<>(k.properties()).entrySet()) {
                out.add(3, scalar(e.getKey()) + ": " + scalar(e.getValue()));
            }
        }
    }

    private static void list(Lines out, int level, String key, List<String> items) {
        out.add(level, key + ":");
        for (String item : items) {
            out.add(level + 1, "- " + scalar(item));
        }
    }

    private static void optional(Lines out, int level, String key, Duration d) {
        if (d != null) {
            out.add(level, key + ": " + Durations.format(d));
        }
    }

    /** A replay speed as the site file writes it: {@code max}, {@code 20x}, {@code 2.5x}. */
    public static String speed(double factor) {
        if (Double.isInfinite(factor)) {
            return "max";
        }
        if (factor == Math.rint(factor)) {
            return (long) factor + "x";
        }
        return java.math.BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString() + "x";
    }

    private static String secret(SecretRef ref, Path baseDir) {
        return scalar(secretRef(ref, baseDir));
    }

    /**
     * A secret reference as the site file writes it: {@code env:NAME}, or {@code keystore:PATH#ALIAS}
     * with the keystore's path as {@link #sitePath} writes it.
     */
    public static String secretRef(SecretRef ref, Path baseDir) {
        return ref.kind() == SecretRef.Kind.ENV ? "env:" + ref.name()
                : "keystore:" + sitePath(ref.keystore(), baseDir) + "#" + ref.name();
    }

    /**
     * A path as the site file writes it: relative to the site file's folder when it lies below it
     * (with '/' separators), else absolute.
     *
     * @param baseDir the site file's folder; null to write the path as given
     */
    public static String sitePath(Path p, Path baseDir) {
        Path abs = p;
        if (baseDir != null) {
            Path base = baseDir.toAbsolutePath().normalize();
            abs = base.resolve(p).normalize();
            if (abs.startsWith(base)) {
                return base.relativize(abs).toString().replace('\\', '/');
            }
        }
        return abs.toString();
    }

    /** A YAML scalar: plain when that reads back as the same string, else double-quoted with escapes. */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !s.endsWith(":") && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Replaces the top-level {@code connections:} block of a site file's text with {@code block}
     * (whose {@code "\n"} line ends are converted to the file's), or appends it after a blank line.
     *
     * @throws IllegalArgumentException when the text has two top-level {@code connections:} keys
     */
    public static String replaceBlock(String text, String block) {
        String nl = text.contains("\r\n") ? "\r\n" : "\n";
        String generated = block.replace("\n", nl);
        List<String> lines = lines(text);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (TOP_LEVEL_KEY.matcher(strip(lines.get(i))).matches()) {
                if (start >= 0) {
                    throw new IllegalArgumentException("'" + KEY + ":' appears twice at the top level of the site file"
                            + " (lines " + (start + 1) + " and " + (i + 1) + "); remove one");
                }
                start = i;
            }
        }
        if (start < 0) {
            return append(text, generated, nl);
        }
        int end = blockEnd(lines, start);
        StringBuilder b = new StringBuilder();
        lines.subList(0, start).forEach(b::append);
        b.append(generated);
        lines.subList(end, lines.size()).forEach(b::append);
        return b.toString();
    }

    /**
     * Sets {@code recording} and {@code speed} in the top-level {@code replay:} block: each value is
     * replaced in place (indentation and trailing comment kept), a missing key is added after the
     * block's line, a block in flow style is rewritten as a block, a missing block is appended.
     */
    static String replaceReplay(String text, SiteConfig.ReplaySettings replay, Path baseDir) {
        String nl = text.contains("\r\n") ? "\r\n" : "\n";
        Map<String, String> values = new java.util.LinkedHashMap<>();
        if (replay.recording() != null) {
            values.put("recording", scalar(sitePath(replay.recording(), baseDir)));
        }
        values.put("speed", speed(replay.speed()));   // max or 20x: plain, as people write it
        List<String> lines = new ArrayList<>(lines(text));
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (REPLAY_KEY.matcher(strip(lines.get(i))).matches()) {
                start = i;
            }
        }
        if (start < 0) {
            StringBuilder b = new StringBuilder();
            b.append("replay:").append(nl);
            values.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append(nl));
            return append(text, b.toString(), nl);
        }
        String head = strip(lines.get(start));
        String rest = head.substring(head.indexOf(':') + 1).replaceFirst("\\s+#.*$", "").trim();
        int end = blockEnd(lines, start);
        if (!rest.isEmpty()) {
            // flow style (replay: {recording: a.csv, speed: 10x}): rewrite the line as a block
            StringBuilder b = new StringBuilder("replay:").append(nl);
            values.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append(nl));
            lines.set(start, b.toString());
            return String.join("", lines);
        }
        String indent = null;
        for (int i = start + 1; i < end; i++) {
            String line = strip(lines.get(i));
            Matcher m = ENTRY.matcher(line);
            if (m.matches() && (indent == null || m.group(1).equals(indent))) {
                indent = m.group(1);
                String key = m.group(2);
                if (values.containsKey(key)) {
                    String value = values.remove(key);
                    String comment = m.group(6) == null ? "" : m.group(6);
                    String kept = m.group(1) + key + m.group(3) + (m.group(4).isEmpty() ? " " : m.group(4)) + value;
                    if (!comment.isEmpty()) {
                        // keep the comment's column when the new value is not longer than the old one
                        int column = line.length() - comment.stripLeading().length();
                        kept = kept + " ".repeat(Math.max(1, column - kept.length())) + comment.stripLeading();
                    }
                    lines.set(i, kept + lineEnd(lines.get(i)));
                }
            }
        }
        if (!values.isEmpty()) {
            String in = indent == null ? "  " : indent;
            StringBuilder b = new StringBuilder();
            values.forEach((k, v) -> b.append(in).append(k).append(": ").append(v).append(nl));
            String startLine = lines.get(start);
            lines.set(start, startLine + (startLine.endsWith("\n") ? "" : nl) + b);
        }
        return String.join("", lines);
    }

    /** The text, a blank line, and the block. */
    private static String append(String text, String block, String nl) {
        StringBuilder b = new StringBuilder(text);
        if (!text.isEmpty()) {
            if (!text.endsWith("\n")) {
                b.append(nl);
            }
            b.append(nl);
        }
        return b.append(block).toString();
    }

    /**
     * Index of the first line after a top-level block starting at {@code start}: the next
     * top-level content line, moved back over blank lines and column-0 comments just before it.
     */
    private static int blockEnd(List<String> lines, int start) {
        int next = lines.size();
        for (int i = start + 1; i < lines.size(); i++) {
            String l = strip(lines.get(i));
            if (!l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && l.charAt(0) != '#') {
                next = i;
                break;
            }
        }
        int end = next;
        while (end > start + 1) {
            String l = strip(lines.get(end - 1));
            if (l.isBlank() || l.startsWith("#")) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    /** The text's lines, each with its own line ending (the last may have none). */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < text.length()) {
            out.add(text.substring(from));
        }
        return out;
    }

    /** A line without its line ending. */
    private static String strip(String line) {
        if (line.endsWith("\r\n")) {
            return line.substring(0, line.length() - 2);
        }
        return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }

    private static String lineEnd(String line) {
        return line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
    }

    /** Refuses to write text that is not YAML (a bug here, or a site file that was broken already). */
    private static void checkYaml(Path file, String original, String updated) {
        try {
            YAML.readTree(updated);
        } catch (JsonProcessingException e) {
            try {
                YAML.readTree(original);
            } catch (JsonProcessingException before) {
                throw new IllegalArgumentException(file.getFileName() + " is not valid YAML (" + before.getOriginalMessage()
                        + "); fix it before saving connections", before);
            }
            throw new IllegalStateException("the connections block generated for " + file.getFileName()
                    + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (view != null) {
            Files.setPosixFilePermissions(to, view.readAttributes().permissions());
        }
    }

    /** Indented lines, two spaces per level. */
    private static final class Lines {
        private final StringBuilder b = new StringBuilder();

        void add(int level, String line) {
            b.append("  ".repeat(level)).append(line).append('\n');
        }

        @Override
        public String toString() {
            return b.toString();
        }
    }
}
