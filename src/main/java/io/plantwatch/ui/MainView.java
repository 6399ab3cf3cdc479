package io.plantwatch.ui;

import io.plantwatch.ui.alarm.AlarmView;
import io.plantwatch.ui.connections.ConnectionsDialog;
import io.plantwatch.ui.journal.AlarmJournalView;
import io.plantwatch.ui.kpi.KpiView;
import io.plantwatch.ui.overview.OverviewView;
import io.plantwatch.ui.quality.DataQualityView;
import io.plantwatch.ui.status.StatusView;
import io.plantwatch.ui.trend.TrendView;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Callback;

/**
 * The console window's content ({@code fxml/main.fxml}): header (with "Connections…", which opens
 * the {@link ConnectionsDialog}), the tabs "Operation" (overview tiles, trend, alarm table), "Commands"
 * (catalog, arm, lifecycle list), "Alarm journal", "Alarm KPIs" and "Data quality", and the status bar (a click on its rejected count
 * opens "Data quality"). Views get their ViewModels by constructor through {@link #load}'s
 * controller factory. The header shows who is logged in, with "Log in…" / "Log out"; a lock screen
 * covers everything while the console is locked after inactivity. When a command is armed (from the
 * Commands tab or an alarm's context menu), the select-before-operate confirmation opens.
 */
public final class MainView {

    @FXML
    private Label siteLabel;
    @FXML
    private javafx.scene.layout.HBox banner;
    @FXML
    private Tab journalTab;
    @FXML
    private Tab kpiTab;
    @FXML
    private Tab qualityTab;
    @FXML
    private TabPane tabs;
    @FXML
    private StatusView statusController;
    @FXML
    private Label sessionLabel;
    @FXML
    private javafx.scene.control.Button loginButton;
    @FXML
    private io.plantwatch.ui.replay.ReplayToolbar replayToolbarController;

    /** Unacknowledged alarms shown in the banner. */
    static final int BANNER_SIZE = 3;

    private final ConsoleViewModel viewModel;

    public MainView(ConsoleViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        siteLabel.setText(viewModel.siteName());
        viewModel.alarms().rows().addListener((javafx.collections.ListChangeListener<io.plantwatch.ui.alarm.AlarmRow>) c ->
                showBanner());
        showBanner();
        // the journal lists everything the first time it is opened; the KPIs are current whenever opened
        journalTab.selectedProperty().addListener((o, was, selected) -> {
            if (selected && !viewModel.journal().searchedProperty().get()) {
                viewModel.journal().search();
            }
        });
        kpiTab.selectedProperty().addListener((o, was, selected) -> {
            if (selected) {
                viewModel.kpi().compute();
            }
        });
        // rejected input is read (every 2 s) only while its tab is shown
        viewModel.dataQuality().activeProperty().bind(qualityTab.selectedProperty());
        statusController.onRejectedClicked(() -> tabs.getSelectionModel().select(qualityTab));
        replayToolbarController.onOpen(this::openRecording);
        // select-before-operate: whatever armed it (commands tab, alarm menu), the confirmation opens here
        viewModel.commands().armedProperty().addListener((o, was, armed) -> {
            if (armed != null) {
                new io.plantwatch.ui.command.ConfirmCommandDialog(viewModel.commands(), armed, window()).show();
            }
        });
        var session = viewModel.session();
        sessionLabel.setId("sessionLabel");
        sessionLabel.textProperty().bind(session.whoProperty());
        loginButton.textProperty().bind(javafx.beans.binding.Bindings.when(session.loggedInProperty())
                .then("Log out").otherwise("Log in…"));
        session.firstStartProperty().addListener((o, was, first) -> {
            if (first) {
                new io.plantwatch.ui.login.FirstAccountDialog(session, window()).show();
            }
        });
    }

    /** Opens the login dialog, or logs out when someone is logged in. */
    @FXML
    private void loginOrLogout() {
        if (viewModel.session().loggedInProperty().get()) {
            viewModel.session().logout();
        } else {
            new io.plantwatch.ui.login.LoginDialog(viewModel.session(), window()).show();
        }
    }

    /** Opens the Connections dialog (not modal to the cadence: results arrive while it is open). */
    @FXML
    private void openConnections() {
        new ConnectionsDialog(viewModel.connections(), tabs.getScene() == null ? null : tabs.getScene().getWindow()).show();
    }

    /** Opens the "Export readings" dialog (not modal: the export runs in the background). */
    @FXML
    private void openExport() {
        new io.plantwatch.ui.export.ExportDialog(viewModel.export(), window()).show();
    }

    /** Chooses a recording, then opens the "Open recording" dialog on it (mapping for a wide CSV). */
    @FXML
    private void openRecording() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Recording to replay");
        chooser.getExtensionFilters().addAll(
                new javafx.stage.FileChooser.ExtensionFilter("Recordings", "*.csv", "*.txt", "*.jsonl", "*.ndjson", "*.parquet"),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*.*"));
        java.io.File f = chooser.showOpenDialog(window());
        if (f != null) {
            openRecording(f.toPath());
        }
    }

    /** Opens "Compare replays" (not modal: the comparison runs in the background). */
    @FXML
    private void openCompare() {
        new io.plantwatch.ui.compare.CompareDialog(viewModel.compare(), window()).show();
    }

    /** Opens the "Open recording" dialog on a file (FX thread). */
    private void openRecording(java.nio.file.Path file) {
        new io.plantwatch.ui.recording.OpenRecordingDialog(viewModel.openRecording(), window()).show();
        viewModel.openRecording().open(file);
    }

    private javafx.stage.Window window() {
        return tabs.getScene() == null ? null : tabs.getScene().getWindow();
    }

    /** The most urgent unacknowledged alarms (rows are sorted by priority, then newest), in their priority colour. */
    private void showBanner() {
        var top = viewModel.alarms().rows().stream().filter(r -> r.state().needsAck()).limit(BANNER_SIZE).toList();
        banner.getChildren().setAll(top.stream().map(r -> {
            Label l = new Label("P" + r.priority() + "  " + r.tag() + " " + r.level() + "  " + r.state());
            l.getStyleClass().add("banner-alarm");
            l.setStyle("-fx-background-color: " + Isa101.css(Isa101.priority(r.priority())) + "; -fx-text-fill: "
                    + (r.priority() == 3 ? "#1e1e1e" : "white") + ";");
            return l;
        }).toList());
        banner.setId("alarmBanner");
    }

    /**
     * Loads the console's scene graph for a ViewModel. FX thread.
     *
     * @throws UncheckedIOException when an FXML file is missing or invalid
     */
    public static Parent load(ConsoleViewModel vm) {
        Callback<Class<?>, Object> controllers = type -> {
            if (type == MainView.class) {
                return new MainView(vm);
            }
            if (type == OverviewView.class) {
                return new OverviewView(vm.overview(), vm.commands());
            }
            if (type == TrendView.class) {
                return new TrendView(vm.trend());
            }
            if (type == AlarmView.class) {
                return new AlarmView(vm.alarms(), vm.annunciation(), vm.commands());
            }
            if (type == io.plantwatch.ui.command.CommandsView.class) {
                return new io.plantwatch.ui.command.CommandsView(vm.commands());
            }
            if (type == StatusView.class) {
                return new StatusView(vm.status());
            }
            if (type == AlarmJournalView.class) {
                return new AlarmJournalView(vm.journal());
            }
            if (type == KpiView.class) {
                return new KpiView(vm.kpi());
            }
            if (type == DataQualityView.class) {
                return new DataQualityView(vm.dataQuality());
            }
            if (type == io.plantwatch.ui.replay.ReplayToolbar.class) {
                return new io.plantwatch.ui.replay.ReplayToolbar(vm.replayControls());
            }
            throw new IllegalArgumentException("no controller for " + type);
        };
        FXMLLoader loader = new FXMLLoader(MainView.class.getResource("/fxml/main.fxml"));
        loader.setControllerFactory(controllers);
        try {
            Parent console = loader.load();
            // the lock screen covers the console while it is locked; any input restarts the inactivity timer
            javafx.scene.layout.StackPane root = new javafx.scene.layout.StackPane(console,
                    new io.plantwatch.ui.login.LockScreen(vm.session()));
            root.addEventFilter(javafx.scene.input.InputEvent.ANY, e -> {
                if (e instanceof javafx.scene.input.KeyEvent || e instanceof javafx.scene.input.MouseEvent
                        && e.getEventType() != javafx.scene.input.MouseEvent.MOUSE_EXITED_TARGET
                        && e.getEventType() != javafx.scene.input.MouseEvent.MOUSE_ENTERED_TARGET
                        || e instanceof javafx.scene.input.ScrollEvent) {
                    vm.session().userActivity();
                }
            });
            root.getStylesheets().add(MainView.class.getResource("/css/plantwatch.css").toExternalForm());
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("console layout could not be loaded: " + e.getMessage(), e);
        }
    }
}
