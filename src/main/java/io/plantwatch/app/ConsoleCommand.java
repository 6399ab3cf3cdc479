package io.plantwatch.app;

import io.plantwatch.config.SiteConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantwatch console}: opens the desktop console, replaying a recording (by default the
 * bundled demo recording at the site file's speed). No broker is needed.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Open the operator console: replay a recording (default: the bundled demo plant), or live from MQTT/Kafka with --live.")
public final class ConsoleCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "SITE.yaml", description = "Site configuration (default: the bundled demo site).")
    Path config;

    @Option(names = "--recording", paramLabel = "FILE", description = "Recording to replay (default: the site file's replay.recording).")
    Path recording;

    @Option(names = "--speed", description = "Replay speed: 1, 10, 100, ... or max (default: the site file's replay.speed).")
    String speed;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: the per-user data directory).")
    Path dataDir;

    @Option(names = "--screenshot", paramLabel = "OUT.png", description = "Save a screenshot of the window after --screenshot-delay seconds, then exit.")
    Path screenshot;

    @Option(names = "--screenshot-delay", defaultValue = "60", description = "Seconds before the screenshot. Default: ${DEFAULT-VALUE}.")
    double screenshotDelay;

    @Option(names = "--live", description = "Start live on the site file's connections (or --mqtt / --kafka) instead of replaying.")
    boolean live;

    @picocli.CommandLine.Mixin
    LiveOptions liveOptions = new LiveOptions();

    @Override
    public Integer call() {
        Path site = config == null ? AppDirs.defaultSiteConfig() : config;
        // fail here, with the file, line and fix, rather than inside the JavaFX start-up
        var siteConfig = new SiteConfigLoader().load(site);
        if (live || liveOptions.any()) {
            siteConfig = liveOptions.applyLive(siteConfig);
        }
        boolean liveMode = siteConfig.connections().mode() == io.plantwatch.config.Connections.Mode.LIVE;
        Path rec = recording != null ? recording : siteConfig.replay().recording();
        if (!liveMode && (rec == null || !java.nio.file.Files.isReadable(rec))) {
            throw new IllegalArgumentException("recording " + (rec == null ? "(none)" : rec)
                    + " cannot be read; pass --recording FILE or set replay.recording in " + site.getFileName());
        }
        Path data = dataDir == null ? AppDirs.defaultDataDir() : dataDir;
        // before the first logger exists (ConsoleApp's static one): log4j2.xml reads it once, at configuration
        System.setProperty("plantwatch.log.dir", data.resolve("logs").toString());
        ConsoleLaunch launch = new ConsoleLaunch(
                siteConfig,
                recording,
                speed == null ? Double.NaN : SiteConfigLoader.parseSpeed(speed),
                data,
                screenshot, screenshotDelay);
        ConsoleApp.launchWith(launch);
        return 0;
    }

    /**
     * What the console was asked to open.
     *
     * @param speed NaN for the site file's default
     */
    public record ConsoleLaunch(io.plantwatch.config.SiteConfig config, Path recording, double speed, Path dataDir, Path screenshot,
            double screenshotDelaySeconds) {
    }
}
