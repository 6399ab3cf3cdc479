package io.plantwatch.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where PlantWatch keeps its files: the per-user data directory (H2 database, Spark checkpoints
 * and scratch space, logs) in the operating system's conventional place, and the installation's
 * home (bundled sample data and default site file).
 */
public final class AppDirs {

    private AppDirs() {
    }

    /**
     * The per-user data directory: {@code $PLANTWATCH_DATA_DIR} if set; else
     * {@code $XDG_DATA_HOME/plantwatch} or {@code ~/.local/share/plantwatch} on Linux,
     * {@code %APPDATA%\PlantWatch} on Windows, {@code ~/Library/Application Support/PlantWatch} on macOS.
     * Below it: the H2 database ({@code plantwatch.mv.db}), {@code journal/}, {@code checkpoints/},
     * {@code spark-local/} and {@code logs/}. The directory is not created here.
     */
    public static Path defaultDataDir() {
        return defaultDataDir(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")), System::getenv);
    }

    /**
     * {@link #defaultDataDir()} for a given OS, home and environment (for tests and tools).
     * A variable that is unset or blank counts as absent.
     *
     * @param osName   the {@code os.name} system property, e.g. {@code Linux}, {@code Windows 11}, {@code Mac OS X}
     * @param userHome the user's home directory
     * @param env      the environment, e.g. {@code System::getenv}; returns null for an unset variable
     */
    public static Path defaultDataDir(String osName, Path userHome, Function<String, String> env) {
        String explicit = env.apply("PLANTWATCH_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.apply("APPDATA");
            return (appData == null || appData.isBlank() ? userHome.resolve("AppData").resolve("Roaming") : Path.of(appData))
                    .resolve("PlantWatch");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("PlantWatch");
        }
        // Linux and other Unix: XDG Base Directory Specification; a relative $XDG_DATA_HOME is invalid there and ignored
        String xdg = env.apply("XDG_DATA_HOME");
        Path base = xdg == null || xdg.isBlank() || !Path.of(xdg).isAbsolute() ? userHome.resolve(".local").resolve("share") : Path.of(xdg);
        return base.resolve("plantwatch");
    }

    /**
     * The installation's home (set by the launcher as system property {@code plantwatch.home}):
     * the repository root when run from source ({@code bin/plantwatch}); when installed, the
     * jpackage app directory ({@code -Dplantwatch.home=$APPDIR}: {@code /opt/plantwatch/lib/app} on
     * Linux, {@code <install dir>\app} on Windows, {@code PlantWatch.app/Contents/app} on macOS),
     * which holds {@code sample-data/} beside the jars. Falls back to the working directory.
     */
    public static Path home() {
        String h = System.getProperty("plantwatch.home");
        return Path.of(h == null || h.isBlank() ? "." : h).toAbsolutePath().normalize();
    }

    /** The bundled demo site file, {@code <home>/sample-data/demo-site.yaml}. */
    public static Path defaultSiteConfig() {
        return home().resolve("sample-data").resolve("demo-site.yaml");
    }
}
