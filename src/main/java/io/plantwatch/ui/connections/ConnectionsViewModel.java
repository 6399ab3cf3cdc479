package io.plantwatch.ui.connections;

import io.plantwatch.config.Connections;
import io.plantwatch.config.ConnectionsWriter;
import io.plantwatch.config.Durations;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.ConnectionTest;
import io.plantwatch.domain.KafkaSettings;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.PayloadFormat;
import io.plantwatch.domain.SecretRef;
import io.plantwatch.domain.TlsSettings;
import io.plantwatch.ui.ConsoleServices;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Connections dialog's state: the MQTT and Kafka settings and the source (live or replay) as
 * the operator edits them, validated on every change with the domain records' own rules (their
 * constructors' messages are shown next to the field they concern), connection tests, saving to
 * the site file and switching the source.
 *
 * <p>Passwords are never entered here: the password fields take a {@link SecretRef} reference
 * ({@code env:VARIABLE} or {@code keystore:FILE.p12#ALIAS}); anything else is refused with an
 * explanation, and never leaves this ViewModel.
 *
 * <p>Tests, saves and switches run on the query executor (never on the FX thread, never on the
 * operator-actions thread, so that a slow broker cannot delay an acknowledgement); their outcomes
 * are left in pending slots that {@link #refresh()} applies at the UI cadence (ADR 0004). A newer
 * request's outcome wins over an older one. Everything else runs on the FX thread.
 */
public final class ConnectionsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsViewModel.class);

    /** The fields that take text, each with its own error. */
    public enum Field {
        /** Mode: the error when live mode has no connection. */
        MODE,
        /** Replay: the recording file. */
        RECORDING,
        /** Replay: the speed, {@code 1}, {@code 20x} or {@code max}. */
        SPEED,
        MQTT_URL,
        MQTT_CLIENT_ID,
        /** Topic filters, separated by commas or new lines. */
        MQTT_TOPICS,
        MQTT_TOPIC_PATTERN,
        MQTT_SESSION_EXPIRY,
        MQTT_KEEP_ALIVE,
        MQTT_RECONNECT_INITIAL,
        MQTT_RECONNECT_MAX,
        MQTT_USERNAME,
        /** A secret reference. */
        MQTT_PASSWORD,
        TLS_TRUST_STORE,
        /** A secret reference. */
        TLS_TRUST_STORE_PASSWORD,
        TLS_KEY_STORE,
        /** A secret reference. */
        TLS_KEY_STORE_PASSWORD,
        MQTT_SPARKPLUG_HOST_ID,
        KAFKA_BOOTSTRAP_SERVERS,
        /** Topics, separated by commas or new lines. */
        KAFKA_TOPICS,
        KAFKA_GROUP_ID,
        KAFKA_CLIENT_ID,
        KAFKA_POLL_TIMEOUT,
        /** Extra consumer properties, one {@code key=value} per line. */
        KAFKA_PROPERTIES
    }

    /** Shown for a password field that holds something other than a reference. */
    static final String PLAIN_SECRET_REFUSED = "Refused: passwords are never stored in the site file. Enter where the "
            + "password is kept: env:VARIABLE (an environment variable) or keystore:FILE.p12#ALIAS (an entry of a "
            + "PKCS#12 keystore, opened with $" + SecretRef.KEYSTORE_PASSWORD_ENV + ").";

    /** The default broker offered when none is configured. */
    static final URI DEFAULT_BROKER = URI.create("mqtt://localhost:1883");

    private record Outcome(long seq, String text) {
    }

    private final ConsoleServices services;
    private final Executor queries;

    private final Map<Field, StringProperty> text = new EnumMap<>(Field.class);
    private final Map<Field, ReadOnlyStringWrapper> errors = new EnumMap<>(Field.class);
    private final ObjectProperty<Connections.Mode> mode = new SimpleObjectProperty<>(Connections.Mode.REPLAY);
    private final BooleanProperty mqttEnabled = new SimpleBooleanProperty(false);
    private final ObjectProperty<MqttSettings.Version> version = new SimpleObjectProperty<>(MqttSettings.Version.V5);
    private final ObjectProperty<Integer> qos = new SimpleObjectProperty<>(1);
    private final ObjectProperty<PayloadFormat> format = new SimpleObjectProperty<>(PayloadFormat.JSON);
    private final BooleanProperty cleanStart = new SimpleBooleanProperty(false);
    private final BooleanProperty verifyHostname = new SimpleBooleanProperty(true);
    private final BooleanProperty kafkaEnabled = new SimpleBooleanProperty(false);

    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper mqttValid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper kafkaValid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper mqttTestResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper kafkaTestResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper siteFileText = new ReadOnlyStringWrapper("");

    private final AtomicReference<Outcome> pendingMqttTest = new AtomicReference<>();
    private final AtomicReference<Outcome> pendingKafkaTest = new AtomicReference<>();
    private final AtomicReference<Outcome> pendingSave = new AtomicReference<>();
    private long mqttTestSeq;
    private long kafkaTestSeq;
    private long saveSeq;
    private long appliedSave;

    private Path baseDir;
    private MqttSettings mqtt;
    private KafkaSettings kafka;
    private Connections connections;
    private SiteConfig.ReplaySettings replay;
    private boolean loading;

    /**
     * @param services the connections in force, tests, saving and switching
     * @param queries  executor for tests, saves and switches (a background thread in the app, the
     *                 calling thread in tests)
     */
    public ConnectionsViewModel(ConsoleServices services, Executor queries) {
        this.services = services;
        this.queries = queries;
        List<Observable> all = new ArrayList<>();
        for (Field f : Field.values()) {
            StringProperty p = new SimpleStringProperty("");
            text.put(f, p);
            errors.put(f, new ReadOnlyStringWrapper(""));
            all.add(p);
        }
        all.addAll(List.of(mode, mqttEnabled, version, qos, format, cleanStart, verifyHostname, kafkaEnabled));
        for (Observable o : all) {
            o.addListener(x -> {
                if (!loading) {
                    validate();
                }
            });
        }
    }

    // ---- the form ----

    /** A text field's content. */
    public StringProperty textProperty(Field f) {
        return text.get(f);
    }

    /** Why a field's content is refused, empty when it is fine. */
    public ReadOnlyStringProperty errorProperty(Field f) {
        return errors.get(f).getReadOnlyProperty();
    }

    /** Live (the connections) or replay (the recording). */
    public ObjectProperty<Connections.Mode> modeProperty() {
        return mode;
    }

    /** Whether an MQTT connection is configured. */
    public BooleanProperty mqttEnabledProperty() {
        return mqttEnabled;
    }

    /** MQTT protocol version. */
    public ObjectProperty<MqttSettings.Version> versionProperty() {
        return version;
    }

    /** Subscription QoS, 0–2. */
    public ObjectProperty<Integer> qosProperty() {
        return qos;
    }

    /** Payload encoding, JSON or Sparkplug B. */
    public ObjectProperty<PayloadFormat> formatProperty() {
        return format;
    }

    /** MQTT clean start (false keeps the persistent session). */
    public BooleanProperty cleanStartProperty() {
        return cleanStart;
    }

    /** TLS: check that the broker's certificate names the host. */
    public BooleanProperty verifyHostnameProperty() {
        return verifyHostname;
    }

    /** Whether a Kafka consumer is configured. */
    public BooleanProperty kafkaEnabledProperty() {
        return kafkaEnabled;
    }

    /** True when every field is valid: Save is enabled only then. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** True when the MQTT section is enabled and valid: its Test button is enabled only then. */
    public ReadOnlyBooleanProperty mqttValidProperty() {
        return mqttValid.getReadOnlyProperty();
    }

    /** True when the Kafka section is enabled and valid. */
    public ReadOnlyBooleanProperty kafkaValidProperty() {
        return kafkaValid.getReadOnlyProperty();
    }

    /** True while a save or switch runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last MQTT test: "Testing…", "Connected in 12 ms", "Failed: …"; empty before. */
    public ReadOnlyStringProperty mqttTestResultProperty() {
        return mqttTestResult.getReadOnlyProperty();
    }

    /** The last Kafka test, as {@link #mqttTestResultProperty()}. */
    public ReadOnlyStringProperty kafkaTestResultProperty() {
        return kafkaTestResult.getReadOnlyProperty();
    }

    /** The outcome of the last save or switch, or a hint. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "Saved to &lt;site file&gt;". */
    public ReadOnlyStringProperty siteFileProperty() {
        return siteFileText.getReadOnlyProperty();
    }

    /** The settings the form describes, or null while a field is invalid. */
    public Connections connections() {
        return connections;
    }

    /** The replay recording and speed the form describes, or null while invalid. */
    public SiteConfig.ReplaySettings replay() {
        return replay;
    }

    /**
     * Fills the form from the settings in force ({@link ConsoleServices#connections()},
     * {@link ConsoleServices#replaySettings()}); a section that is not configured gets the defaults
     * of {@link MqttSettings#defaults} / {@link KafkaSettings#defaults}, switched off. FX thread.
     */
    public void load() {
        Connections c = services.connections();
        SiteConfig.ReplaySettings r = services.replaySettings();
        Path file = services.siteFile();
        baseDir = file == null || file.getParent() == null ? null : file.toAbsolutePath().getParent();
        siteFileText.set(file == null ? "" : file.toString());
        loading = true;
        try {
            mode.set(c.mode());
            set(Field.RECORDING, r == null || r.recording() == null ? "" : ConnectionsWriter.sitePath(r.recording(), baseDir));
            set(Field.SPEED, r == null ? "1x" : ConnectionsWriter.speed(r.speed()));
            mqttEnabled.set(c.mqtt() != null);
            MqttSettings m = c.mqtt() != null ? c.mqtt() : MqttSettings.defaults(DEFAULT_BROKER);
            set(Field.MQTT_URL, m.serverUri().toString());
            version.set(m.version());
            set(Field.MQTT_CLIENT_ID, m.clientId());
            set(Field.MQTT_TOPICS, String.join(", ", m.topicFilters()));
            qos.set(m.qos());
            format.set(m.format());
            set(Field.MQTT_TOPIC_PATTERN, nz(m.topicPattern()));
            cleanStart.set(m.cleanStart());
            set(Field.MQTT_SESSION_EXPIRY, m.sessionExpiry() == null ? "" : Durations.format(m.sessionExpiry()));
            set(Field.MQTT_KEEP_ALIVE, m.keepAlive() == null ? "" : Durations.format(m.keepAlive()));
            set(Field.MQTT_RECONNECT_INITIAL, m.reconnectInitial() == null ? "" : Durations.format(m.reconnectInitial()));
            set(Field.MQTT_RECONNECT_MAX, m.reconnectMax() == null ? "" : Durations.format(m.reconnectMax()));
            set(Field.MQTT_USERNAME, nz(m.username()));
            set(Field.MQTT_PASSWORD, m.password() == null ? "" : ConnectionsWriter.secretRef(m.password(), baseDir));
            TlsSettings t = m.tls();
            set(Field.TLS_TRUST_STORE, t == null || t.trustStore() == null ? "" : ConnectionsWriter.sitePath(t.trustStore(), baseDir));
            set(Field.TLS_TRUST_STORE_PASSWORD, t == null || t.trustStorePassword() == null ? ""
                    : ConnectionsWriter.secretRef(t.trustStorePassword(), baseDir));
            set(Field.TLS_KEY_STORE, t == null || t.keyStore() == null ? "" : ConnectionsWriter.sitePath(t.keyStore(), baseDir));
            set(Field.TLS_KEY_STORE_PASSWORD, t == null || t.keyStorePassword() == null ? ""
                    : ConnectionsWriter.secretRef(t.keyStorePassword(), baseDir));
            verifyHostname.set(t == null || t.verifyHostname());
            set(Field.MQTT_SPARKPLUG_HOST_ID, nz(m.sparkplugHostId()));
            kafkaEnabled.set(c.kafka() != null);
            KafkaSettings k = c.kafka() != null ? c.kafka() : KafkaSettings.defaults("localhost:9092", List.of("plant-readings"));
            set(Field.KAFKA_BOOTSTRAP_SERVERS, k.bootstrapServers());
            set(Field.KAFKA_TOPICS, String.join(", ", k.topics()));
            set(Field.KAFKA_GROUP_ID, k.groupId());
            set(Field.KAFKA_CLIENT_ID, nz(k.clientId()));
            set(Field.KAFKA_POLL_TIMEOUT, Durations.format(k.pollTimeout()));
            StringBuilder props = new StringBuilder();
            new java.util.TreeMap<>(k.properties()).forEach((key, v) -> props.append(key).append('=').append(v).append('\n'));
            set(Field.KAFKA_PROPERTIES, props.toString().strip());
        } finally {
            loading = false;
        }
        mqttTestResult.set("");
        kafkaTestResult.set("");
        message.set("");
        validate();
    }

    private void set(Field f, String value) {
        text.get(f).set(value);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---- validation ----

    /** Rebuilds the settings from the form and sets every field's error. FX thread. */
    void validate() {
        Map<Field, String> found = new EnumMap<>(Field.class);
        mqtt = mqttEnabled.get() ? buildMqtt(found) : null;
        kafka = kafkaEnabled.get() ? buildKafka(found) : null;
        mqttValid.set(mqtt != null);
        kafkaValid.set(kafka != null);
        replay = buildReplay(found);
        connections = null;
        boolean sectionsOk = (!mqttEnabled.get() || mqtt != null) && (!kafkaEnabled.get() || kafka != null);
        if (sectionsOk) {
            try {
                connections = new Connections(mode.get(), mqtt, kafka);
            } catch (IllegalArgumentException e) {
                found.put(Field.MODE, "Live needs a connection: enable MQTT or Kafka, or choose Replay.");
            }
        }
        for (Field f : Field.values()) {
            errors.get(f).set(found.getOrDefault(f, ""));
        }
        valid.set(found.isEmpty() && connections != null && replay != null);
    }

    private MqttSettings buildMqtt(Map<Field, String> found) {
        int before = found.size();
        URI uri = null;
        String url = trimmed(Field.MQTT_URL);
        if (url.isEmpty()) {
            found.put(Field.MQTT_URL, "Enter the broker's URL, e.g. mqtt://localhost:1883 or mqtts://broker:8883");
        } else {
            try {
                uri = new URI(url);
                if (!"mqtt".equals(uri.getScheme()) && !"mqtts".equals(uri.getScheme())) {
                    found.put(Field.MQTT_URL, "The URL must start with mqtt:// or mqtts:// (TLS), e.g. mqtt://localhost:1883");
                } else if (uri.getHost() == null) {
                    found.put(Field.MQTT_URL, "The URL names no host, e.g. mqtt://localhost:1883");
                }
            } catch (URISyntaxException e) {
                found.put(Field.MQTT_URL, "Not a URL (" + e.getReason() + "), e.g. mqtt://localhost:1883");
            }
        }
        List<String> topics = list(Field.MQTT_TOPICS);
        for (String t : topics) {
            String problem = topicFilterProblem(t);
            if (problem != null) {
                found.put(Field.MQTT_TOPICS, "'" + t + "': " + problem);
            }
        }
        Duration sessionExpiry = duration(Field.MQTT_SESSION_EXPIRY, found, false);
        Duration keepAlive = duration(Field.MQTT_KEEP_ALIVE, found, false);
        Duration reconnectInitial = duration(Field.MQTT_RECONNECT_INITIAL, found, false);
        Duration reconnectMax = duration(Field.MQTT_RECONNECT_MAX, found, false);
        if (reconnectInitial != null && reconnectMax != null && reconnectMax.compareTo(reconnectInitial) < 0) {
            found.put(Field.MQTT_RECONNECT_MAX, "Must not be shorter than the first reconnect delay");
        }
        SecretRef password = secret(Field.MQTT_PASSWORD, found);
        String username = optional(Field.MQTT_USERNAME);
        if (password != null && username == null) {
            found.put(Field.MQTT_USERNAME, "A password needs a user name");
        }
        Path trustStore = path(Field.TLS_TRUST_STORE, found);
        SecretRef trustPw = secret(Field.TLS_TRUST_STORE_PASSWORD, found);
        Path keyStore = path(Field.TLS_KEY_STORE, found);
        SecretRef keyPw = secret(Field.TLS_KEY_STORE_PASSWORD, found);
        boolean secure = uri != null && "mqtts".equals(uri.getScheme());
        boolean tlsGiven = trustStore != null || trustPw != null || keyStore != null || keyPw != null;
        if (tlsGiven && !secure && !found.containsKey(Field.MQTT_URL)) {
            found.put(Field.MQTT_URL, "TLS settings are filled in: use an mqtts:// URL (or clear the TLS fields)");
        }
        if (trustPw != null && trustStore == null) {
            found.put(Field.TLS_TRUST_STORE, "A truststore password needs the truststore file");
        }
        TlsSettings tls = null;
        if (secure) {
            try {
                tls = new TlsSettings(trustStore, trustPw, keyStore, keyPw, verifyHostname.get());
            } catch (IllegalArgumentException e) {
                found.put(Field.TLS_KEY_STORE_PASSWORD, sentence(e.getMessage()));
            }
        }
        if (found.size() > before) {
            return null;
        }
        try {
            return new MqttSettings(uri, version.get(), trimmed(Field.MQTT_CLIENT_ID), topics, qos.get() == null ? 1 : qos.get(),
                    format.get(), optional(Field.MQTT_TOPIC_PATTERN), cleanStart.get(), sessionExpiry, keepAlive,
                    reconnectInitial, reconnectMax, username, password, tls, optional(Field.MQTT_SPARKPLUG_HOST_ID));
        } catch (IllegalArgumentException | NullPointerException e) {
            found.put(mqttField(String.valueOf(e.getMessage())), sentence(e.getMessage()));
            return null;
        }
    }

    /** The field an {@link MqttSettings} constructor message is about. */
    private static Field mqttField(String m) {
        String s = m.toLowerCase(Locale.ROOT);
        if (s.contains("topic filter")) {
            return Field.MQTT_TOPICS;
        }
        if (s.contains("clientid")) {
            return Field.MQTT_CLIENT_ID;
        }
        return Field.MQTT_URL;
    }

    private KafkaSettings buildKafka(Map<Field, String> found) {
        int before = found.size();
        Duration poll = duration(Field.KAFKA_POLL_TIMEOUT, found, true);
        Map<String, String> props = new LinkedHashMap<>();
        String[] lines = text.get(Field.KAFKA_PROPERTIES).get().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                found.put(Field.KAFKA_PROPERTIES, "Line " + (i + 1) + ": write key=value, e.g. security.protocol=SSL");
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (secretKey(key)) {
                try {
                    SecretRef.parse(value, baseDir);
                } catch (IllegalArgumentException e) {
                    found.put(Field.KAFKA_PROPERTIES, key + ": " + refusal(value, e));
                    continue;
                }
            }
            props.put(key, value);
        }
        if (found.size() > before) {
            return null;
        }
        try {
            return new KafkaSettings(trimmed(Field.KAFKA_BOOTSTRAP_SERVERS), list(Field.KAFKA_TOPICS),
                    trimmed(Field.KAFKA_GROUP_ID), optional(Field.KAFKA_CLIENT_ID), poll, props);
        } catch (IllegalArgumentException | NullPointerException e) {
            String m = String.valueOf(e.getMessage());
            Field f = m.contains("bootstrapServers") ? Field.KAFKA_BOOTSTRAP_SERVERS
                    : m.contains("topics") ? Field.KAFKA_TOPICS : m.contains("groupId") ? Field.KAFKA_GROUP_ID
                    : Field.KAFKA_BOOTSTRAP_SERVERS;
            found.put(f, sentence(m));
            return null;
        }
    }

    /** Kafka properties whose values are secrets and so must be references. */
    static boolean secretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.endsWith("jaas.config") || k.contains("secret");
    }

    private SiteConfig.ReplaySettings buildReplay(Map<Field, String> found) {
        Path recording = path(Field.RECORDING, found);
        if (recording == null && mode.get() == Connections.Mode.REPLAY && !found.containsKey(Field.RECORDING)) {
            found.put(Field.RECORDING, "Choose the recording to replay");
        }
        double speed = Double.NaN;
        try {
            speed = SiteConfigLoader.parseSpeed(trimmed(Field.SPEED).isEmpty() ? "1" : trimmed(Field.SPEED));
        } catch (IllegalArgumentException e) {
            found.put(Field.SPEED, sentence(e.getMessage()));
        }
        return found.containsKey(Field.RECORDING) || found.containsKey(Field.SPEED) ? null
                : new SiteConfig.ReplaySettings(recording, speed);
    }

    private String trimmed(Field f) {
        String s = text.get(f).get();
        return s == null ? "" : s.strip();
    }

    private String optional(Field f) {
        String s = trimmed(f);
        return s.isEmpty() ? null : s;
    }

    private List<String> list(Field f) {
        List<String> out = new ArrayList<>();
        for (String s : trimmed(f).split("[,\\n]")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private Duration duration(Field f, Map<Field, String> found, boolean required) {
        String s = trimmed(f);
        if (s.isEmpty()) {
            if (required) {
                found.put(f, "Enter a duration, e.g. 500ms, 10s, 5m, 2h or 1d");
            }
            return null;
        }
        try {
            return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            found.put(f, sentence(e.getMessage()));
            return null;
        }
    }

    private Path path(Field f, Map<Field, String> found) {
        String s = trimmed(f);
        if (s.isEmpty()) {
            return null;
        }
        try {
            Path p = Path.of(s);
            return baseDir == null ? p : baseDir.resolve(p).normalize();
        } catch (InvalidPathException e) {
            found.put(f, "Not a file path: " + e.getReason());
            return null;
        }
    }

    private SecretRef secret(Field f, Map<Field, String> found) {
        String s = trimmed(f);
        if (s.isEmpty()) {
            return null;
        }
        try {
            return SecretRef.parse(s, baseDir);
        } catch (IllegalArgumentException e) {
            found.put(f, refusal(s, e));
            return null;
        }
    }

    /** A half-written reference gets SecretRef's own message; anything else is a plain secret, refused. */
    private static String refusal(String text, IllegalArgumentException e) {
        if (text.startsWith("env:") || text.startsWith("keystore:")) {
            return sentence(e.getMessage()) + " Write env:VARIABLE or keystore:FILE.p12#ALIAS.";
        }
        return PLAIN_SECRET_REFUSED;
    }

    /**
     * What is wrong with an MQTT topic filter (MQTT 5.0 §4.7: '#' only as the last level, '+' only as
     * a whole level), or null when it is fine.
     */
    static String topicFilterProblem(String filter) {
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if (l.contains("#") && (!l.equals("#") || i != levels.length - 1)) {
                return "'#' must be a whole level and the last one, e.g. spBv1.0/#";
            }
            if (l.contains("+") && !l.equals("+")) {
                return "'+' must be a whole level, e.g. sensors/+/+";
            }
        }
        return null;
    }

    /** A domain message as a sentence: with a full stop (its first word may be a key, so its case is kept). */
    private static String sentence(String m) {
        if (m == null || m.isBlank()) {
            return "Invalid.";
        }
        return m.endsWith(".") ? m : m + ".";
    }

    // ---- actions ----

    /** Tests the MQTT settings on the query executor; the outcome appears after the next {@link #refresh()}. FX thread. */
    public void testMqtt() {
        MqttSettings m = mqtt;
        if (m == null) {
            return;
        }
        long seq = ++mqttTestSeq;
        mqttTestResult.set("Testing " + m.serverUri() + "…");
        queries.execute(() -> run(() -> services.testMqtt(m), seq, pendingMqttTest));
    }

    /** Tests the Kafka settings, as {@link #testMqtt()}. FX thread. */
    public void testKafka() {
        KafkaSettings k = kafka;
        if (k == null) {
            return;
        }
        long seq = ++kafkaTestSeq;
        kafkaTestResult.set("Testing " + k.bootstrapServers() + "…");
        queries.execute(() -> run(() -> services.testKafka(k), seq, pendingKafkaTest));
    }

    private static void run(java.util.function.Supplier<CompletableFuture<ConnectionTest>> test, long seq,
            AtomicReference<Outcome> slot) {
        CompletableFuture<ConnectionTest> f;
        try {
            f = test.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((result, error) -> {
            String text = error != null ? "Test could not run: " + cause(error).getMessage()
                    : result.ok() ? "Connected in " + result.roundTripMillis() + " ms"
                            + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")")
                    : "Failed: " + (result.detail().isEmpty() ? "no reason given" : result.detail());
            slot.accumulateAndGet(new Outcome(seq, text), (old, now) -> old == null || now.seq() > old.seq() ? now : old);
        });
    }

    private static Throwable cause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** Writes the settings to the site file (query executor). Does nothing while invalid or busy. FX thread. */
    public void save() {
        submit(false);
    }

    /** Writes the settings, then switches the running source to them (query executor). FX thread. */
    public void saveAndSwitch() {
        submit(true);
    }

    private void submit(boolean switchSource) {
        Connections c = connections;
        SiteConfig.ReplaySettings r = replay;
        if (!valid.get() || busy.get() || c == null || r == null) {
            return;
        }
        long seq = ++saveSeq;
        busy.set(true);
        message.set(switchSource ? "Saving and switching…" : "Saving…");
        Path file = services.siteFile();
        String name = file == null ? "the site file" : file.getFileName().toString();
        queries.execute(() -> {
            String outcome;
            try {
                services.saveConnections(c, r);
                outcome = "Saved to " + name + " (previous version kept as " + name + ".bak).";
                LOG.info("connections saved to {}: mode {}, mqtt {}, kafka {}", file, c.mode(),
                        c.mqtt() == null ? "none" : c.mqtt().serverUri(), c.kafka() == null ? "none" : c.kafka().bootstrapServers());
            } catch (RuntimeException e) {
                LOG.error("connections could not be saved to {}", file, e);
                outcome = "Not saved: " + e.getMessage();
                pendingSave.set(new Outcome(seq, outcome));
                return;
            }
            if (switchSource) {
                try {
                    services.switchSource(c, r);
                    outcome = outcome + " Now " + (c.mode() == Connections.Mode.LIVE ? "live." : "replaying "
                            + (r.recording() == null ? "" : r.recording().getFileName()) + ".");
                } catch (RuntimeException e) {
                    LOG.error("source could not be switched to {}", c.mode(), e);
                    outcome = outcome + " The source was not switched: " + e.getMessage();
                }
            }
            pendingSave.set(new Outcome(seq, outcome));
        });
    }

    /** Applies finished tests, saves and switches. Called at the UI cadence; FX thread. */
    public void refresh() {
        Outcome t = pendingMqttTest.getAndSet(null);
        if (t != null && t.seq() == mqttTestSeq) {
            mqttTestResult.set(t.text());
        }
        Outcome k = pendingKafkaTest.getAndSet(null);
        if (k != null && k.seq() == kafkaTestSeq) {
            kafkaTestResult.set(k.text());
        }
        Outcome s = pendingSave.getAndSet(null);
        if (s != null && s.seq() > appliedSave) {
            appliedSave = s.seq();
            busy.set(appliedSave < saveSeq);
            message.set(s.text());
        }
    }
}
