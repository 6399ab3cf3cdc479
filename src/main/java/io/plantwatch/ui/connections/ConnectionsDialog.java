package io.plantwatch.ui.connections;

import io.plantwatch.config.Connections;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.PayloadFormat;
import io.plantwatch.ui.connections.ConnectionsViewModel.Field;
import java.io.File;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The Connections dialog: the source (live or replay: recording and speed), the MQTT subscription
 * and the Kafka consumer, each field with its validation message next to it; "Test connection" per
 * connection; "Save" (to the site file) and "Save &amp; switch" (save, then switch the running
 * source). Save is enabled only when every field is valid. Results arrive through the
 * {@link ConnectionsViewModel} at the UI cadence, so the dialog never blocks.
 *
 * <p>Built in code like {@code OperatorDialog}: the form is rows generated from the ViewModel's
 * {@link Field}s. Node ids for tests: each text field is its {@link Field}'s name in camel case
 * ({@code mqttUrl}, {@code mqttPassword}, {@code kafkaBootstrapServers}, …) and its message the same
 * with {@code Error} ({@code mqttUrlError}); {@code modeLive}, {@code modeReplay}, {@code mqttEnabled},
 * {@code kafkaEnabled}, {@code testMqtt}, {@code mqttTestResult}, {@code testKafka},
 * {@code kafkaTestResult}, {@code saveConnections}, {@code saveAndSwitch}, {@code connectionsMessage};
 * tabs "Source", "MQTT", "Kafka".
 */
public final class ConnectionsDialog extends Dialog<Void> {

    private final ConnectionsViewModel vm;

    /**
     * Loads the settings in force into the ViewModel and builds the dialog (FX thread); show it with
     * {@link #show()}.
     *
     * @param owner the console's window, or null
     */
    public ConnectionsDialog(ConnectionsViewModel vm, Window owner) {
        this.vm = vm;
        vm.load();
        setTitle("Connections");
        setHeaderText("Where readings come from. Saved to " + vm.siteFileProperty().get());
        if (owner != null) {
            initOwner(owner);
        }
        setResizable(true);
        TabPane tabs = new TabPane(new Tab("Source", source()), new Tab("MQTT", mqtt()), new Tab("Kafka", kafka()));
        tabs.setId("connectionTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        Button save = new Button("Save");
        save.setId("saveConnections");
        save.setDefaultButton(false);
        save.disableProperty().bind(vm.validProperty().not().or(vm.busyProperty()));
        save.setOnAction(e -> vm.save());
        Button saveSwitch = new Button("Save & switch");
        saveSwitch.setId("saveAndSwitch");
        saveSwitch.disableProperty().bind(save.disableProperty());
        saveSwitch.setOnAction(e -> vm.saveAndSwitch());
        Label message = new Label();
        message.setId("connectionsMessage");
        message.setWrapText(true);
        message.getStyleClass().add("message");
        message.textProperty().bind(vm.messageProperty());
        HBox actions = new HBox(8, save, saveSwitch, message);
        actions.setPadding(new Insets(8, 0, 0, 0));

        VBox content = new VBox(4, tabs, actions);
        content.setPrefSize(900, 640);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().getStyleClass().add("console");
        var css = ConnectionsDialog.class.getResource("/css/plantwatch.css");
        if (css != null) {
            getDialogPane().getStylesheets().add(css.toExternalForm());
        }
        setResultConverter(b -> null);
    }

    private Node source() {
        ToggleGroup group = new ToggleGroup();
        RadioButton replay = new RadioButton("Replay a recording");
        replay.setId("modeReplay");
        replay.setToggleGroup(group);
        RadioButton live = new RadioButton("Live: the MQTT and Kafka connections");
        live.setId("modeLive");
        live.setToggleGroup(group);
        Runnable fromVm = () -> group.selectToggle(vm.modeProperty().get() == Connections.Mode.LIVE ? live : replay);
        fromVm.run();
        vm.modeProperty().addListener((o, a, b) -> fromVm.run());
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.modeProperty().set(b == live ? Connections.Mode.LIVE : Connections.Mode.REPLAY);
            }
        });
        GridPane grid = grid();
        int row = 0;
        grid.add(new Label("Mode"), 0, row);
        grid.add(new VBox(4, replay, live), 1, row);
        grid.add(error(Field.MODE), 2, row++);
        TextField recording = (TextField) field(Field.RECORDING, new TextField(), "recording file, relative to the site file");
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Recording to replay");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Recordings", "*.csv", "*.jsonl", "*.parquet"),
                    new FileChooser.ExtensionFilter("All files", "*.*"));
            File f = chooser.showOpenDialog(getDialogPane().getScene() == null ? null : getDialogPane().getScene().getWindow());
            if (f != null) {
                recording.setText(f.getAbsolutePath());
            }
        });
        HBox.setHgrow(recording, Priority.ALWAYS);
        grid.add(new Label("Recording"), 0, row);
        grid.add(new HBox(6, recording, browse), 1, row);
        grid.add(error(Field.RECORDING), 2, row++);
        row = row(grid, row, "Speed", Field.SPEED, new TextField(), "1x, 20x, 100x … or max");
        Label note = new Label("Save writes the site file (the previous version is kept as .bak). Save & switch also "
                + "switches the running console to this source; readings already received stay.");
        note.setWrapText(true);
        grid.add(note, 0, row, 3, 1);
        return grid;
    }

    private Node mqtt() {
        CheckBox enabled = new CheckBox("Subscribe to an MQTT broker");
        enabled.setId("mqttEnabled");
        enabled.selectedProperty().bindBidirectional(vm.mqttEnabledProperty());
        GridPane grid = grid();
        grid.disableProperty().bind(vm.mqttEnabledProperty().not());
        int row = 0;
        row = row(grid, row, "Broker URL", Field.MQTT_URL, new TextField(), "mqtt://host:1883 or mqtts://host:8883 (TLS)");
        row = choice(grid, row, "MQTT version", "mqttVersion", MqttSettings.Version.values(), vm.versionProperty(),
                v -> v == MqttSettings.Version.V5 ? "5" : "3.1.1");
        row = row(grid, row, "Client id", Field.MQTT_CLIENT_ID, new TextField(), "stable: it names the persistent session");
        row = row(grid, row, "Topic filters", Field.MQTT_TOPICS, new TextField(), "sensors/+/+, spBv1.0/+/#");
        row = choice(grid, row, "QoS", "mqttQos", new Integer[] {0, 1, 2}, vm.qosProperty(), String::valueOf);
        row = choice(grid, row, "Payload format", "mqttFormat", PayloadFormat.values(), vm.formatProperty(),
                f -> f == PayloadFormat.SPARKPLUG ? "Sparkplug B" : "JSON");
        row = row(grid, row, "Topic pattern (JSON)", Field.MQTT_TOPIC_PATTERN, new TextField(), "sensors/{device}/{sensor}");
        row = check(grid, row, "Clean start", "mqttCleanStart", "start a new session (off: keep queued QoS 1/2 messages)",
                vm.cleanStartProperty());
        row = row(grid, row, "Session expiry", Field.MQTT_SESSION_EXPIRY, new TextField(), "e.g. 1d (MQTT 5)");
        row = row(grid, row, "Keep-alive", Field.MQTT_KEEP_ALIVE, new TextField(), "e.g. 30s");
        row = row(grid, row, "Reconnect: first delay", Field.MQTT_RECONNECT_INITIAL, new TextField(), "e.g. 1s, doubles per attempt");
        row = row(grid, row, "Reconnect: longest delay", Field.MQTT_RECONNECT_MAX, new TextField(), "e.g. 30s");
        row = row(grid, row, "User name", Field.MQTT_USERNAME, new TextField(), "optional");
        row = row(grid, row, "Password reference", Field.MQTT_PASSWORD, new TextField(),
                "env:PLANTWATCH_MQTT_PASSWORD or keystore:secrets.p12#mqtt");
        row = row(grid, row, "TLS truststore", Field.TLS_TRUST_STORE, new TextField(), "ca.p12; empty: the JDK's CAs");
        row = row(grid, row, "Truststore password reference", Field.TLS_TRUST_STORE_PASSWORD, new TextField(), "env:CA_PW");
        row = row(grid, row, "TLS keystore (client certificate)", Field.TLS_KEY_STORE, new TextField(), "client.p12; optional");
        row = row(grid, row, "Keystore password reference", Field.TLS_KEY_STORE_PASSWORD, new TextField(), "env:CLIENT_PW");
        row = check(grid, row, "Verify hostname", "tlsVerifyHostname", "the broker's certificate must name the host",
                vm.verifyHostnameProperty());
        row(grid, row, "Sparkplug host id", Field.MQTT_SPARKPLUG_HOST_ID, new TextField(), "plantwatch");
        Button test = new Button("Test connection");
        test.setId("testMqtt");
        test.disableProperty().bind(vm.mqttValidProperty().not());
        test.setOnAction(e -> vm.testMqtt());
        Label result = new Label();
        result.setId("mqttTestResult");
        result.setWrapText(true);
        result.textProperty().bind(vm.mqttTestResultProperty());
        return section(enabled, test, result, grid);
    }

    private Node kafka() {
        CheckBox enabled = new CheckBox("Consume from Kafka");
        enabled.setId("kafkaEnabled");
        enabled.selectedProperty().bindBidirectional(vm.kafkaEnabledProperty());
        GridPane grid = grid();
        grid.disableProperty().bind(vm.kafkaEnabledProperty().not());
        int row = 0;
        row = row(grid, row, "Bootstrap servers", Field.KAFKA_BOOTSTRAP_SERVERS, new TextField(), "host:9092,host2:9092");
        row = row(grid, row, "Topics", Field.KAFKA_TOPICS, new TextField(), "plant-readings");
        row = row(grid, row, "Consumer group", Field.KAFKA_GROUP_ID, new TextField(), "its committed offsets are where a restart resumes");
        row = row(grid, row, "Client id", Field.KAFKA_CLIENT_ID, new TextField(), "optional");
        row = row(grid, row, "Poll timeout", Field.KAFKA_POLL_TIMEOUT, new TextField(), "e.g. 500ms");
        TextArea props = new TextArea();
        props.setPrefRowCount(5);
        row(grid, row, "Extra properties", Field.KAFKA_PROPERTIES, props,
                "one key=value per line; passwords as env:… or keystore:… references");
        Button test = new Button("Test connection");
        test.setId("testKafka");
        test.disableProperty().bind(vm.kafkaValidProperty().not());
        test.setOnAction(e -> vm.testKafka());
        Label result = new Label();
        result.setId("kafkaTestResult");
        result.setWrapText(true);
        result.textProperty().bind(vm.kafkaTestResultProperty());
        return section(enabled, test, result, grid);
    }

    /** A connection's tab: the switch and the test on top (always in view), the fields below, scrolling. */
    private static Node section(CheckBox enabled, Button test, Label result, GridPane grid) {
        HBox top = new HBox(12, enabled, test, result);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        top.setPadding(new Insets(8, 8, 0, 8));
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return new VBox(8, top, scroll);
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        g.setPadding(new Insets(8));
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(150);
        ColumnConstraints control = new ColumnConstraints(260, 320, Double.MAX_VALUE);
        control.setHgrow(Priority.ALWAYS);
        ColumnConstraints error = new ColumnConstraints(200, 320, 420);
        g.getColumnConstraints().addAll(label, control, error);
        return g;
    }

    private int row(GridPane grid, int row, String label, Field f, TextInputControl control, String prompt) {
        grid.add(new Label(label), 0, row);
        grid.add(field(f, control, prompt), 1, row);
        grid.add(error(f), 2, row);
        return row + 1;
    }

    private Node field(Field f, TextInputControl control, String prompt) {
        control.setId(id(f));
        control.setPromptText(prompt);
        control.textProperty().bindBidirectional(vm.textProperty(f));
        Runnable look = () -> {
            boolean bad = !vm.errorProperty(f).get().isEmpty();
            if (bad && !control.getStyleClass().contains("invalid")) {
                control.getStyleClass().add("invalid");
            } else if (!bad) {
                control.getStyleClass().remove("invalid");
            }
        };
        vm.errorProperty(f).addListener((o, a, b) -> look.run());
        look.run();
        return control;
    }

    private Label error(Field f) {
        Label l = new Label();
        l.setId(id(f) + "Error");
        l.setWrapText(true);
        l.getStyleClass().add("field-error");
        l.textProperty().bind(vm.errorProperty(f));
        l.visibleProperty().bind(Bindings.isNotEmpty(vm.errorProperty(f)));
        return l;
    }

    private static <T> int choice(GridPane grid, int row, String label, String id, T[] values,
            javafx.beans.property.ObjectProperty<T> property, java.util.function.Function<T, String> show) {
        ChoiceBox<T> box = new ChoiceBox<>(FXCollections.observableArrayList(values));
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : show.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        box.valueProperty().bindBidirectional(property);
        grid.add(new Label(label), 0, row);
        grid.add(box, 1, row);
        return row + 1;
    }

    private static int check(GridPane grid, int row, String label, String id, String text,
            javafx.beans.property.BooleanProperty property) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.selectedProperty().bindBidirectional(property);
        grid.add(new Label(label), 0, row);
        grid.add(box, 1, row, 2, 1);
        return row + 1;
    }

    /** A field's node id: its name in camel case, e.g. {@code mqttUrl} for MQTT_URL. */
    public static String id(Field f) {
        StringBuilder b = new StringBuilder();
        for (String part : f.name().toLowerCase(Locale.ROOT).split("_")) {
            b.append(b.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return b.toString();
    }
}
