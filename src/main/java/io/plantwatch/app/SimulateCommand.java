package io.plantwatch.app;

import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.ingest.sim.DeviceSimulator;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantwatch simulate --mqtt URL | --kafka BOOTSTRAP [--config SITE] [--file RECORDING] [--speed N|max]
 * [--format json|sparkplug]}: publishes a recording as live devices would (see {@link DeviceSimulator}),
 * and, over MQTT JSON, answers the commands of the site's catalog (docs/commands.md),
 * so a live demo needs only a broker. Prints progress to standard error at most once a second; exits 0
 * at the end of the recording (with {@code --loop}: runs until interrupted, Ctrl+C), 2 when the broker
 * cannot be reached or an option is wrong.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish a recording as live devices would: one topic per device/sensor (MQTT JSON), "
                + "Sparkplug B (one edge node, a Sparkplug device per recording device), or Kafka records "
                + "(key = device).",
                "Timestamps are shifted so that the first reading is 'now'; the recording's spacing is divided by the speed."})
public final class SimulateCommand implements Callable<Integer> {

    /** Exactly one target. */
    static final class Target {
        @Option(names = "--mqtt", paramLabel = "URL", required = true,
                description = "MQTT broker, mqtt://host:1883 or mqtts://host:8883.")
        URI mqtt;

        @Option(names = "--kafka", paramLabel = "BOOTSTRAP", required = true,
                description = "Kafka bootstrap servers, host:9092[,host:9092].")
        String kafka;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--file", paramLabel = "RECORDING",
            description = "Recording in the long format (default: the site's recording; the demo site's is sample-data/skab-valve1-09.csv).")
    Path file;

    @Option(names = "--config", paramLabel = "SITE",
            description = "Site file whose command catalog the devices answer (MQTT JSON) and whose recording is the default "
                    + "(default: the bundled demo site, sample-data/demo-site.yaml).")
    Path config;

    @Option(names = "--speed", defaultValue = "1", description = "Speed factor (1, 10, 100, ...) or max. Default: ${DEFAULT-VALUE}.")
    String speed;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|sparkplug",
            description = "MQTT payload format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--qos", defaultValue = "1", description = "MQTT QoS of the published messages. Default: ${DEFAULT-VALUE}.")
    int qos;

    @Option(names = "--topic-prefix", defaultValue = "sensors",
            description = "First level of the JSON topics, <prefix>/<device>/<sensor>. Default: ${DEFAULT-VALUE}.")
    String topicPrefix;

    @Option(names = "--kafka-topic", defaultValue = "plant-readings", description = "Kafka topic. Default: ${DEFAULT-VALUE}.")
    String kafkaTopic;

    @Option(names = "--loop", description = "Start over at the end of the recording, until interrupted.")
    boolean loop;

    @Option(names = "--client-id", defaultValue = "plantwatch-sim",
            description = "MQTT/Kafka client id; also the Sparkplug edge node id. Default: ${DEFAULT-VALUE}.")
    String clientId;

    @Option(names = "--sparkplug-group", defaultValue = "plantwatch",
            description = "Sparkplug group id. Default: ${DEFAULT-VALUE}.")
    String sparkplugGroup;

    @Override
    public Integer call() throws Exception {
        DeviceSimulator.Settings settings = settings();
        io.plantwatch.config.SiteConfig site = null;
        try {
            site = new SiteConfigLoader().load(config != null ? config : AppDirs.defaultSiteConfig());
        } catch (io.plantwatch.config.ConfigException e) {
            if (config != null || file == null) {
                throw e;
            }
            System.err.println("no command catalog (" + e.getMessage() + "); commands are only logged");
        }
        io.plantwatch.domain.CommandCatalog catalog = site == null ? io.plantwatch.domain.CommandCatalog.EMPTY : site.commands();
        Path recordingFile = file != null ? file : site.replay().recording();
        Recording recording = Recording.load(recordingFile);
        PrintStream err = System.err;
        err.printf("simulating %d readings of %s on %s (%s, %s)%n", recording.readings().size(),
                recording.source(), settings.target(), settings.format().name().toLowerCase(Locale.ROOT),
                Double.isInfinite(settings.speed()) ? "max speed" : settings.speed() + "x");
        CountDownLatch stopped = new CountDownLatch(1);
        if (!catalog.isEmpty() && settings.transport() == DeviceSimulator.Transport.MQTT
                && settings.format() == DeviceSimulator.Format.JSON) {
            err.printf("answering %d catalog commands of %s%n", catalog.commands().size(), site.file().getFileName());
        }
        try (DeviceSimulator sim = new DeviceSimulator(recording, settings, Clock.systemUTC(), new DeviceSimulator.Listener() {
            @Override
            public void onProgress(DeviceSimulator.Progress p) {
                err.printf("pass %d: %,d messages, %,d/%,d readings, %,.0f msg/s, event time %s%n", p.pass(),
                        p.messages(), p.readings() - (long) (p.pass() - 1) * p.readingsPerPass(), p.readingsPerPass(),
                        p.messagesPerSecond(), Instant.ofEpochMilli(p.eventTimeMillis()));
            }
        }, catalog)) {
            Thread hook = new Thread(() -> {
                sim.close();
                stopped.countDown();
            }, "simulate-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            sim.start();
            long n = sim.done().join();
            err.printf("done: %,d messages published, %,d acknowledged%n", n, sim.acknowledged());
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                stopped.await(); // shutting down: let the hook finish the goodbye (Sparkplug NDEATH)
            }
        }
        return 0;
    }

    /** The simulator settings from the options. @throws IllegalArgumentException for a wrong combination */
    DeviceSimulator.Settings settings() {
        DeviceSimulator.Format f = switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> DeviceSimulator.Format.JSON;
            case "sparkplug", "sparkplugb", "spb" -> DeviceSimulator.Format.SPARKPLUG;
            default -> throw new IllegalArgumentException("--format must be json or sparkplug, was " + format);
        };
        DeviceSimulator.Transport t = target.mqtt != null ? DeviceSimulator.Transport.MQTT : DeviceSimulator.Transport.KAFKA;
        return new DeviceSimulator.Settings(t, target.mqtt, target.kafka, f, qos, topicPrefix, kafkaTopic,
                SiteConfigLoader.parseSpeed(speed), loop, clientId, sparkplugGroup);
    }
}
