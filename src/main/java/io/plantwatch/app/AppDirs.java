package io.plantwatch.app;

import java.nio.file.Path;
import java.util.Locale;

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
     */
    public static Path defaultDataDir() {
        String explicit = System.getenv("PLANTWATCH_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData == null ? home.resolve("AppData").resolve("Roaming") : Path.of(appData)).resolve("PlantWatch");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("PlantWatch");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg == null || xdg.isBlank() ? home.resolve(".local").resolve("share") : Path.of(xdg)).resolve("plantwatch");
    }

    /**
     * The installation's home (set by the launcher as system property {@code plantwatch.home}):
     * the repository root when run from source, the app directory when installed. Falls back to
     * the working directory.
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
