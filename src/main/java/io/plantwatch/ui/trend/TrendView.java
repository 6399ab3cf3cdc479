package io.plantwatch.ui.trend;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.layout.StackPane;

/**
 * The trend: a ChartFX chart of the selected tags' raw values and their Spark window averages
 * against event time, with point reduction (STACK.md: ChartFX keeps 60 fps at 36k points × 4
 * pens). Tags are chosen in the list beside it (multiple selection).
 */
public final class TrendView {

    @FXML
    private ListView<String> tagList;
    @FXML
    private StackPane chartHolder;

    private final TrendViewModel viewModel;
    private XYChart chart;

    public TrendView(TrendViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        DefaultNumericAxis x = new DefaultNumericAxis("event time", "UTC");
        x.setTimeAxis(true);
        x.setAutoRanging(true);
        DefaultNumericAxis y = new DefaultNumericAxis("process value", "engineering units");
        y.setAutoRanging(true);
        y.setForceZeroInRange(false);
        chart = new XYChart(x, y);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setId("trendChart");
        ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setDrawMarker(false);
        renderer.setPointReduction(true);
        chart.getRenderers().setAll(renderer);
        chartHolder.getChildren().add(chart);

        tagList.getItems().setAll(viewModel.tags());
        tagList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        for (String t : viewModel.selectedTags()) {
            tagList.getSelectionModel().select(t);
        }
        tagList.getSelectionModel().getSelectedItems().addListener((ListChangeListener<String>) c ->
                viewModel.selectedTags().setAll(List.copyOf(tagList.getSelectionModel().getSelectedItems())));
        viewModel.selectedTags().addListener((ListChangeListener<String>) c -> showSelected(renderer));
        showSelected(renderer);
    }

    private void showSelected(ErrorDataSetRenderer renderer) {
        List<DataSet> sets = new ArrayList<>();
        for (String tag : viewModel.selectedTags()) {
            TrendViewModel.Pens p = viewModel.pens(tag);
            if (p != null) {
                sets.add(p.raw());
                sets.add(p.average());
            }
        }
        renderer.getDatasets().setAll(sets);
    }
}
