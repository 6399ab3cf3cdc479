package io.plantwatch.ui.kpi;

import io.plantwatch.alarm.kpi.AlarmKpis;
import io.plantwatch.ui.Isa101;
import io.plantwatch.ui.kpi.KpiViewModel.Rating;
import java.time.Instant;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The "Alarm KPIs" tab ({@code fxml/kpi/kpi.fxml}): range and operator count, one card per KPI
 * with its benchmark, the most frequent alarms, the chattering and standing alarms, and the
 * priority distribution against its target. Grey throughout; a KPI's value gets colour only when
 * it is above its benchmark ({@link Isa101#KPI_ATTENTION}, {@link Isa101#KPI_BREACH}).
 */
public final class KpiView {

    /** Most operator positions the spinner offers. */
    static final int MAX_OPERATORS = 50;

    @FXML
    private ChoiceBox<KpiViewModel.Range> kpiRange;
    @FXML
    private Spinner<Integer> kpiOperators;
    @FXML
    private Button kpiCompute;
    @FXML
    private Label kpiRangeText;
    @FXML
    private Label kpiMessage;
    @FXML
    private Label kpiActivations;
    @FXML
    private Label kpiAverage;
    @FXML
    private Label kpiPeak;
    @FXML
    private Label kpiPeakPeriod;
    @FXML
    private Label kpiFlood;
    @FXML
    private Label kpiChatteringCount;
    @FXML
    private Label kpiStandingCount;
    @FXML
    private Label kpiTopTenShare;
    @FXML
    private TableView<AlarmKpis.FrequentAlarm> kpiTopTen;
    @FXML
    private TableColumn<AlarmKpis.FrequentAlarm, String> topRankColumn;
    @FXML
    private TableColumn<AlarmKpis.FrequentAlarm, String> topAlarmColumn;
    @FXML
    private TableColumn<AlarmKpis.FrequentAlarm, String> topCountColumn;
    @FXML
    private TableColumn<AlarmKpis.FrequentAlarm, String> topShareColumn;
    @FXML
    private ListView<AlarmKpis.ChatteringAlarm> kpiChattering;
    @FXML
    private ListView<AlarmKpis.StandingAlarm> kpiStanding;
    @FXML
    private BarChart<String, Number> kpiPriorityChart;

    private final KpiViewModel viewModel;
    private final XYChart.Series<String, Number> actual = new XYChart.Series<>();
    private final XYChart.Series<String, Number> target = new XYChart.Series<>();

    /** @param viewModel the KPIs this view shows */
    public KpiView(KpiViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        kpiRange.setItems(FXCollections.observableArrayList(KpiViewModel.Range.values()));
        kpiRange.valueProperty().bindBidirectional(viewModel.rangeProperty());
        SpinnerValueFactory.IntegerSpinnerValueFactory operators =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, MAX_OPERATORS, 1);
        kpiOperators.setValueFactory(operators);
        operators.valueProperty().bindBidirectional(viewModel.operatorsProperty());
        kpiCompute.disableProperty().bind(viewModel.computingProperty());
        kpiRangeText.textProperty().bind(viewModel.rangeTextProperty());
        kpiMessage.textProperty().bind(viewModel.messageProperty());

        kpiActivations.textProperty().bind(viewModel.activationsProperty());
        kpiTopTenShare.textProperty().bind(viewModel.topTenShareProperty());
        kpiPeakPeriod.textProperty().bind(viewModel.peakPeriodProperty());
        rated(kpiAverage, viewModel.averageProperty(), viewModel.averageRatingProperty());
        rated(kpiPeak, viewModel.peakProperty(), viewModel.peakRatingProperty());
        rated(kpiFlood, viewModel.floodProperty(), viewModel.floodRatingProperty());
        rated(kpiChatteringCount, viewModel.chatteringCountProperty(), viewModel.chatteringRatingProperty());
        rated(kpiStandingCount, viewModel.standingCountProperty(), viewModel.standingRatingProperty());

        kpiTopTen.setItems(viewModel.topTen());
        topRankColumn.setCellValueFactory(c -> text(Integer.toString(kpiTopTen.getItems().indexOf(c.getValue()) + 1)));
        topAlarmColumn.setCellValueFactory(c -> text(c.getValue().alarmId()));
        topCountColumn.setCellValueFactory(c -> text(String.format("%,d", c.getValue().activations())));
        topShareColumn.setCellValueFactory(c -> text(String.format("%.1f %%", c.getValue().sharePercent())));
        kpiTopTen.setPlaceholder(new Label("No alarms in the range"));

        kpiChattering.setItems(viewModel.chattering());
        kpiChattering.setCellFactory(cells(c -> c.alarmId() + "   " + c.maxActivationsPerMinute() + " in 1 min, "
                + c.activations() + " in range"));
        kpiChattering.setPlaceholder(new Label("None"));
        kpiStanding.setItems(viewModel.standing());
        kpiStanding.setCellFactory(cells(s -> s.alarmId() + " (P" + s.priority() + ")   active since "
                + KpiViewModel.TIME.format(Instant.ofEpochMilli(s.activeSinceMillis())) + " UTC, "
                + String.format("%.1f h", s.activeMillis() / 3_600_000.0)));
        kpiStanding.setPlaceholder(new Label("None"));

        actual.setName("alarms, %");
        target.setName("target, %");
        kpiPriorityChart.getData().add(actual);
        kpiPriorityChart.getData().add(target);
        kpiPriorityChart.setLegendVisible(true);
        viewModel.priorities().addListener((ListChangeListener<AlarmKpis.PriorityShare>) c -> showPriorities());
        showPriorities();
    }

    /** Updates the bars in place (small data: four priorities, two series). */
    private void showPriorities() {
        if (actual.getData().isEmpty()) {
            for (int p = 1; p <= 4; p++) {
                actual.getData().add(new XYChart.Data<>("P" + p, 0.0));
                target.getData().add(new XYChart.Data<>("P" + p, KpiViewModel.targetPercent(p)));
            }
        }
        for (AlarmKpis.PriorityShare s : viewModel.priorities()) {
            actual.getData().get(s.priority() - 1).setYValue(s.sharePercent());
        }
    }

    private static void rated(Label label, javafx.beans.value.ObservableStringValue text,
            ReadOnlyObjectProperty<Rating> rating) {
        label.textProperty().bind(text);
        rating.addListener((o, old, now) -> style(label, now));
        style(label, rating.get());
    }

    private static void style(Label label, Rating rating) {
        label.setStyle(switch (rating == null ? Rating.ACCEPTABLE : rating) {
            case ACCEPTABLE -> "";
            case MANAGEABLE -> "-fx-background-color: " + Isa101.css(Isa101.KPI_ATTENTION) + "; -fx-text-fill: "
                    + Isa101.css(Isa101.TEXT) + ";";
            case BREACH -> "-fx-background-color: " + Isa101.css(Isa101.KPI_BREACH) + "; -fx-text-fill: white;";
        });
    }

    private static <T> javafx.util.Callback<ListView<T>, ListCell<T>> cells(Function<T, String> format) {
        return list -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s);
    }

    @FXML
    private void compute() {
        viewModel.compute();
    }
}
