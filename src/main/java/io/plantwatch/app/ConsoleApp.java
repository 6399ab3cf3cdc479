package io.plantwatch.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop console (JavaFX {@link Application}). Opens a {@link ConsoleSession} as given by
 * {@link ConsoleCommand}, shows it, logs the time from JVM start to the first value on screen,
 * and closes everything in order when the window closes.
 */
public final class ConsoleApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);
    private static volatile ConsoleCommand.ConsoleLaunch launch;

    private ConsoleSession session;

    /** Launches the JavaFX application; returns when the window is closed. */
    static void launchWith(ConsoleCommand.ConsoleLaunch what) {
        launch = what;
        Application.launch(ConsoleApp.class);
    }

    @Override
    public void start(Stage stage) {
        ConsoleCommand.ConsoleLaunch l = launch;
        System.setProperty("plantwatch.log.dir", l.dataDir().resolve("logs").toString());
        session = ConsoleSession.open(l.config(), l.recording(), l.speed(), l.dataDir());
        Scene scene = new Scene(session.root(), 1600, 1000);
        // the title says REPLAY or LIVE, and follows a switch of source (ConsoleViewModel#titleProperty)
        stage.titleProperty().bind(session.viewModel().titleProperty());
        stage.setScene(scene);
        stage.show();
        session.startCadence();
        // first start: no operator account yet → offer to create the first engineer (answered at the cadence)
        session.viewModel().session().checkFirstStart();
        reportFirstValue();
        if (l.screenshot() != null) {
            PauseTransition wait = new PauseTransition(Duration.seconds(l.screenshotDelaySeconds()));
            wait.setOnFinished(e -> {
                save(scene, l.screenshot());
                Platform.exit();
            });
            wait.play();
        }
    }

    private void reportFirstValue() {
        long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        Thread t = new Thread(() -> {
            while (session.feed().firstValueShownNanos() == 0) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
            long shownAtMillis = System.currentTimeMillis()
                    - (System.nanoTime() - session.feed().firstValueShownNanos()) / 1_000_000;
            LOG.info("cold start: first live value on screen {} ms after JVM start", shownAtMillis - jvmStartMillis);
        }, "first-value-probe");
        t.setDaemon(true);
        t.start();
    }

    private static void save(Scene scene, Path file) {
        WritableImage img = scene.snapshot(null);
        PixelReader pr = img.getPixelReader();
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pr.getArgb(x, y));
            }
        }
        try {
            ImageIO.write(out, "png", file.toFile());
            LOG.info("screenshot saved to {}", file.toAbsolutePath());
        } catch (IOException e) {
            LOG.error("screenshot could not be saved to {}", file, e);
        }
    }

    @Override
    public void stop() {
        if (session != null) {
            session.close();
        }
    }
}
