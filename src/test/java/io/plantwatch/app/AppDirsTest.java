package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The per-user data directory per OS convention, and the bundled files found from the installation's home. */
class AppDirsTest {

    private static final Path HOME = Path.of("/home/op");

    private static Function<String, String> env(String... keyValues) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m::get;
    }

    @Test
    void linuxUsesXdgDataHomeWhenSetAndAbsolute() {
        assertThat(AppDirs.defaultDataDir("Linux", HOME, env("XDG_DATA_HOME", "/data/op")))
                .isEqualTo(Path.of("/data/op/plantwatch"));
    }

    @Test
    void linuxFallsBackToLocalShareWhenXdgIsUnsetBlankOrRelative() {
        Path expected = Path.of("/home/op/.local/share/plantwatch");
        assertThat(AppDirs.defaultDataDir("Linux", HOME, env())).isEqualTo(expected);
        assertThat(AppDirs.defaultDataDir("Linux", HOME, env("XDG_DATA_HOME", " "))).isEqualTo(expected);
        // the XDG Base Directory Specification: a relative path is invalid and is ignored
        assertThat(AppDirs.defaultDataDir("Linux", HOME, env("XDG_DATA_HOME", "rel/share"))).isEqualTo(expected);
    }

    @Test
    void windowsUsesAppData() {
        assertThat(AppDirs.defaultDataDir("Windows 11", HOME, env("APPDATA", "/users/op/AppData/Roaming")))
                .isEqualTo(Path.of("/users/op/AppData/Roaming/PlantWatch"));
        assertThat(AppDirs.defaultDataDir("Windows 10", HOME, env()))
                .isEqualTo(Path.of("/home/op/AppData/Roaming/PlantWatch"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(AppDirs.defaultDataDir("Mac OS X", HOME, env("XDG_DATA_HOME", "/ignored")))
                .isEqualTo(Path.of("/home/op/Library/Application Support/PlantWatch"));
    }

    @Test
    void plantwatchDataDirOverridesEveryOs() {
        for (String os : new String[] {"Linux", "Windows 11", "Mac OS X"}) {
            assertThat(AppDirs.defaultDataDir(os, HOME, env("PLANTWATCH_DATA_DIR", "/srv/pw", "APPDATA", "/x",
                    "XDG_DATA_HOME", "/y"))).as(os).isEqualTo(Path.of("/srv/pw"));
        }
    }

    @Test
    void defaultSiteConfigIsFoundBelowTheHomeProperty() {
        // the layout of an installed app image: <app dir>/sample-data/demo-site.yaml, with -Dplantwatch.home=$APPDIR
        String before = System.getProperty("plantwatch.home");
        Path repo = Path.of(System.getProperty("plantwatch.repo", ".")).toAbsolutePath().normalize();
        try {
            System.setProperty("plantwatch.home", repo.toString());
            assertThat(AppDirs.home()).isEqualTo(repo);
            assertThat(AppDirs.defaultSiteConfig()).isEqualTo(repo.resolve("sample-data/demo-site.yaml"));
            assertThat(Files.isRegularFile(AppDirs.defaultSiteConfig())).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty("plantwatch.home");
            } else {
                System.setProperty("plantwatch.home", before);
            }
        }
    }
}
