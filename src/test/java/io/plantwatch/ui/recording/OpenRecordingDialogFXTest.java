package io.plantwatch.ui.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.config.Connections;
import io.plantwatch.domain.WideCsvMapping;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.ingest.replay.WideCsvMappings;
import io.plantwatch.testsupport.StubConsoleServices;
import io.plantwatch.testsupport.TestPaths;
import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.ui.ConsoleViewModel;
import io.plantwatch.ui.MainView;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The "Open recording" dialog, headless, on a copy of SKAB's {@code valve1/9.csv} (test resource):
 * the format is recognised, SKAB's mapping is proposed, the preview shows the first rows and the
 * readings they give, edits change the preview, a bad sensor id or delimiter is refused, and
 * "Save mapping &amp; replay" writes the mapping beside the CSV (where the replay finds it: the same
 * readings as the bundled long CSV) and switches to a replay of the file.
 */
class OpenRecordingDialogFXTest {

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private final StubConsoleServices services = new StubConsoleServices();
    private ConsoleViewModel vm;
    private Path csv;

    @BeforeEach
    void show() throws Exception {
        csv = dir.resolve("9.csv");
        try (InputStream in = OpenRecordingDialogFXTest.class.getResourceAsStream("/skab/valve1-9.csv")) {
            Files.copy(in, csv);
        }
        FxToolkit.registerPrimaryStage();
        vm = new ConsoleViewModel(new ConsoleFeed(), services, Runnable::run);
        FxToolkit.setupStage(s -> {
            s.setScene(new Scene(MainView.load(vm), 1400, 900));
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private <T extends Node> T node(String id, Class<T> type) {
        return robot.lookup(id).queryAs(type);
    }

    private void refresh() {
        robot.interact(vm::refresh);
        robot.interact(vm::refresh);
    }

    @Test
    @Timeout(60)
    void skabFileIsMappedPreviewedAndReplayed() throws Exception {
        OpenRecordingViewModel rec = vm.openRecording();
        robot.interact(() -> {
            new OpenRecordingDialog(rec, null).show();
            rec.open(csv);
        });
        refresh();

        assertThat(node("#recordingFormat", Label.class).getText()).isEqualTo("Wide CSV");
        assertThat(rec.mapping()).isEqualTo(WideCsvMapping.skab("D-1"));
        assertThat(node("#recordingMessage", Label.class).getText()).startsWith("No mapping file beside it");
        TableView<?> preview = node("#previewTable", TableView.class);
        assertThat(preview.getColumns()).hasSize(11);
        assertThat(preview.getColumns().get(0).getText()).isEqualTo("datetime");
        assertThat(preview.getItems()).hasSize(OpenRecordingViewModel.PREVIEW_ROWS);
        assertThat(node("#mappingColumns", TableView.class).getItems()).hasSize(10);
        ListView<?> readings = node("#previewReadings", ListView.class);
        assertThat(readings.getItems()).hasSize(OpenRecordingViewModel.PREVIEW_ROWS * 8);
        assertThat(readings.getItems().get(7)).hasToString("2020-03-09T13:14:38Z  D-1/flow = 32.0 L/min");

        // the device typed in the form
        TextField device = node("#mappingDevice", TextField.class);
        robot.interact(device::clear);
        robot.clickOn(device).write("P-101");
        refresh();
        assertThat(readings.getItems().get(7)).hasToString("2020-03-09T13:14:38Z  P-101/flow = 32.0 L/min");

        // a column left out, a unit changed
        OpenRecordingViewModel.ColumnRow voltage = rec.columns().stream().filter(c -> c.name().equals("Voltage")).findFirst()
                .orElseThrow();
        robot.interact(() -> voltage.includeProperty().set(false));
        refresh();
        assertThat(readings.getItems()).hasSize(OpenRecordingViewModel.PREVIEW_ROWS * 7);
        assertThat(rec.mapping().skip()).containsExactly("Voltage", "anomaly", "changepoint");
        robot.interact(() -> voltage.includeProperty().set(true));

        // a bad sensor id is refused with the column named; Replay is disabled
        OpenRecordingViewModel.ColumnRow flow = rec.columns().stream().filter(c -> c.name().equals("Volume Flow RateRMS"))
                .findFirst().orElseThrow();
        robot.interact(() -> flow.sensorProperty().set("flow rate"));
        refresh();
        Button replay = node("#replayButton", Button.class);
        assertThat(node("#mappingProblem", Label.class).getText()).startsWith("Column 'Volume Flow RateRMS': sensor id 'flow rate'");
        assertThat(replay.isDisabled()).isTrue();
        robot.interact(() -> flow.sensorProperty().set("flow"));
        refresh();
        assertThat(node("#mappingProblem", Label.class).getText()).isEmpty();
        assertThat(replay.isDisabled()).isFalse();
        assertThat(rec.mapping()).isEqualTo(WideCsvMapping.skab("P-101"));
        snapshot("open-recording-dialog.png");

        TextField speed = node("#replaySpeed", TextField.class);
        robot.interact(speed::clear);
        robot.clickOn(speed).write("20x");
        robot.clickOn(replay);
        refresh();

        assertThat(services.mappingsSaved).hasSize(1);
        assertThat(services.switched).containsExactly(Connections.REPLAY_ONLY);
        assertThat(services.switchedReplay).hasSize(1);
        assertThat(services.switchedReplay.get(0).recording()).isEqualTo(csv);
        assertThat(services.switchedReplay.get(0).speed()).isEqualTo(20.0);
        assertThat(node("#recordingMessage", Label.class).getText()).isEqualTo("Replaying 9.csv; mapping saved to 9.mapping.yaml");
        Path mappingFile = dir.resolve("9.mapping.yaml");
        assertThat(WideCsvMappings.load(mappingFile)).isEqualTo(WideCsvMapping.skab("P-101"));
        // what the replay of the switched source will read: the bundled conversion of the same experiment
        assertThat(Recording.load(csv).readings())
                .containsExactlyElementsOf(Recording.load(TestPaths.sample("skab-valve1-09.csv")).readings());

        // opened again, the saved mapping is loaded
        robot.interact(() -> rec.open(csv));
        refresh();
        assertThat(node("#recordingMessage", Label.class).getText()).isEqualTo("Mapping loaded from 9.mapping.yaml");
        assertThat(rec.mapping()).isEqualTo(WideCsvMapping.skab("P-101"));
    }

    @Test
    @Timeout(60)
    void aWrongDelimiterIsShownAndALongCsvNeedsNoMapping() {
        OpenRecordingViewModel rec = vm.openRecording();
        robot.interact(() -> {
            new OpenRecordingDialog(rec, null).show();
            rec.open(csv);
        });
        refresh();
        robot.interact(() -> rec.delimiterProperty().set(","));
        refresh();
        assertThat(rec.header()).hasSize(1);
        assertThat(node("#mappingProblem", Label.class).getText()).isEqualTo("no column is mapped to a sensor");
        assertThat(node("#replayButton", Button.class).isDisabled()).isTrue();
        robot.interact(() -> rec.delimiterProperty().set(";"));
        refresh();
        assertThat(rec.header()).hasSize(11);
        assertThat(node("#mappingProblem", Label.class).getText()).isEmpty();
        assertThat(node("#replayButton", Button.class).isDisabled()).isFalse();

        robot.interact(() -> rec.open(TestPaths.sample("skab-valve1-09.csv")));
        refresh();
        assertThat(node("#recordingFormat", Label.class).getText()).isEqualTo("Long CSV");
        assertThat(node("#mappingPane", Node.class).isVisible()).isFalse();
        assertThat(node("#replayButton", Button.class).getText()).isEqualTo("Replay");
        assertThat(node("#replayButton", Button.class).isDisabled()).isFalse();
    }

    /** Writes a picture of the dialog to {@code target/} for a look by eye. */
    private void snapshot(String name) {
        try {
            Node pane = robot.lookup(".dialog-pane").query();
            javafx.scene.image.Image img = WaitForAsyncUtils.asyncFx(() -> pane.getScene().getRoot().snapshot(null, null)).get();
            java.awt.image.BufferedImage out = new java.awt.image.BufferedImage((int) img.getWidth(), (int) img.getHeight(),
                    java.awt.image.BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < out.getHeight(); y++) {
                for (int x = 0; x < out.getWidth(); x++) {
                    out.setRGB(x, y, img.getPixelReader().getArgb(x, y));
                }
            }
            Path target = TestPaths.repo().resolve("target");
            Files.createDirectories(target);
            javax.imageio.ImageIO.write(out, "png", target.resolve(name).toFile());
        } catch (Exception e) {
            throw new AssertionError("snapshot " + name + " failed", e);
        }
    }
}
