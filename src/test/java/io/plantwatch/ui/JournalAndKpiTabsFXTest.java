package io.plantwatch.ui;

import static io.plantwatch.testsupport.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.testsupport.StubConsoleServices;
import java.time.Instant;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's "Alarm journal" and "Alarm KPIs" tabs, headless, over stub services (no Spark, no
 * database): opening a tab starts its query, the result reaches the controls only through
 * {@link ConsoleViewModel#refresh()}, and the alarm table keeps its id on the Operation tab.
 */
class JournalAndKpiTabsFXTest {

    private static final long T0 = Instant.parse("2020-03-09T13:00:00Z").toEpochMilli();

    private final FxRobot robot = new FxRobot();
    private final StubConsoleServices services = new StubConsoleServices();
    private ConsoleViewModel vm;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        for (int i = 0; i < 12; i++) {
            services.journal.add(transition("P-1/flow", LimitLevel.LO, 2, i == 0 ? AlarmState.NORMAL : AlarmState.RTN_UNACK,
                    AlarmState.UNACK, T0 + i * 20_000L));
            services.journal.add(transition("P-1/flow", LimitLevel.LO, 2, AlarmState.UNACK, AlarmState.RTN_UNACK,
                    T0 + i * 20_000L + 10_000));
        }
        services.journal.add(transition("P-1/temp", LimitLevel.HI, 3, AlarmState.NORMAL, AlarmState.UNACK, T0 + 300_000));
        services.eventTime = T0 + 600_000;
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

    private void selectTab(int index) {
        robot.interact(() -> robot.lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().select(index));
    }

    /** Writes a picture of the console to {@code target/} for a look by eye. */
    private static void snapshot(TabPane tabs, String name) {
        try {
            javafx.scene.image.Image img = WaitForAsyncUtils.asyncFx(() -> tabs.getScene().getRoot().snapshot(null, null)).get();
            java.awt.image.BufferedImage out = new java.awt.image.BufferedImage((int) img.getWidth(), (int) img.getHeight(),
                    java.awt.image.BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < out.getHeight(); y++) {
                for (int x = 0; x < out.getWidth(); x++) {
                    out.setRGB(x, y, img.getPixelReader().getArgb(x, y));
                }
            }
            java.nio.file.Path dir = io.plantwatch.testsupport.TestPaths.repo().resolve("target");
            java.nio.file.Files.createDirectories(dir);
            javax.imageio.ImageIO.write(out, "png", dir.resolve(name).toFile());
        } catch (Exception e) {
            throw new AssertionError("snapshot " + name + " failed", e);
        }
    }

    @Test
    @Timeout(60)
    @SuppressWarnings("unchecked")
    void journalAndKpiTabsShowTheJournalThroughTheCadence() {
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertThat(tabs.getTabs()).extracting(t -> t.getText()).containsExactly("Operation", "Commands", "Alarm journal", "Alarm KPIs",
                "Data quality");
        assertThat(robot.lookup("#table").queryAs(TableView.class).getColumns()).hasSize(7);

        selectTab(2);
        TableView<AlarmTransition> journal = robot.lookup("#journalTable").queryAs(TableView.class);
        assertThat(services.searches).hasSize(1);
        assertThat(journal.getItems()).as("not before the cadence").isEmpty();
        robot.interact(vm::refresh);
        assertThat(journal.getItems()).hasSize(25);
        assertThat(journal.getItems().get(0).tag()).isEqualTo("P-1/temp");

        robot.clickOn("#journalTag").write("temp");
        robot.clickOn("#journalSearch");
        robot.interact(vm::refresh);
        assertThat(journal.getItems()).extracting(AlarmTransition::tag).containsExactly("P-1/temp");
        assertThat(robot.lookup("#journalMessage").queryAs(Label.class).getText()).isEqualTo("1 transition.");
        snapshot(tabs, "journal-tab.png");

        selectTab(3);
        robot.interact(vm::refresh);
        Label average = robot.lookup("#kpiAverage").queryAs(Label.class);
        assertThat(average.getText()).isEqualTo(vm.kpi().averageProperty().get()).isNotEqualTo("—");
        Label chattering = robot.lookup("#kpiChatteringCount").queryAs(Label.class);
        assertThat(chattering.getText()).isEqualTo("1");
        assertThat(chattering.getStyle()).contains(Isa101.css(Isa101.KPI_BREACH));
        assertThat(robot.lookup("#kpiStandingCount").queryAs(Label.class).getStyle()).isEmpty();
        assertThat(robot.lookup("#kpiTopTen").queryAs(TableView.class).getItems()).hasSize(2);
        BarChart<String, Number> chart = robot.lookup("#kpiPriorityChart").queryAs(BarChart.class);
        assertThat(chart.getData().get(0).getData().get(1).getYValue().doubleValue())
                .isEqualTo(vm.kpi().priorities().get(1).sharePercent());

        snapshot(tabs, "kpi-tab.png");

        selectTab(0);
        robot.interact(vm::refresh);
        assertThat(robot.lookup("#table").queryAs(TableView.class).isVisible()).isTrue();
    }
}
