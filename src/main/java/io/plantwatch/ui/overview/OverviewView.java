package io.plantwatch.ui.overview;

import eu.hansolo.tilesfx.Section;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.ui.Isa101;
import java.util.ArrayList;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.layout.FlowPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;

/**
 * The overview: one TilesFX gauge per tag, ISA-101 grey. The scale shows the instrument range,
 * the normal band (light) and the regions beyond each limit (darker grey); colour appears only
 * when an alarm of the tag is active: a border in the priority's colour (thick while
 * unacknowledged) and the alarm's limit and priority as the tile's text. A stale tag (its source
 * stopped reporting) keeps its last value, dimmed, under a grey hatching with "STALE" and the reason
 * as text: bad data quality is not an alarm and gets no colour. Each tile sits in a
 * {@link StackPane} with its hatching; node ids {@code tile-…} (the tile) and {@code stale-…} (the
 * hatching with the word STALE, visible while stale; {@code staleText-…} the word).
 */
public final class OverviewView {

    @FXML
    private FlowPane tiles;

    private final OverviewViewModel viewModel;
    private final io.plantwatch.ui.command.CommandsViewModel commands;

    /** An overview without device commands on its tiles. */
    public OverviewView(OverviewViewModel viewModel) {
        this(viewModel, null);
    }

    /**
     * @param commands the command screens' state: a tile's context menu (its faceplate) offers the
     *                 catalog commands of the tag's device ("Shut down P-101"); null for none
     */
    public OverviewView(OverviewViewModel viewModel, io.plantwatch.ui.command.CommandsViewModel commands) {
        this.viewModel = viewModel;
        this.commands = commands;
    }

    @FXML
    private void initialize() {
        for (TileViewModel vm : viewModel.tiles()) {
            Tile tile = tile(vm);
            String suffix = tileId(vm.tag().tag()).substring("tile-".length());
            javafx.scene.control.Label word = new javafx.scene.control.Label("STALE");
            word.setId("staleText-" + suffix);
            word.setStyle("-fx-background-color: " + Isa101.css(Isa101.PANEL) + "; -fx-text-fill: " + Isa101.css(Isa101.TEXT)
                    + "; -fx-font-weight: bold; -fx-padding: 1 6 1 6; -fx-border-color: " + Isa101.css(Isa101.TEXT_MUTED) + ";");
            StackPane.setAlignment(word, javafx.geometry.Pos.BOTTOM_CENTER);
            StackPane.setMargin(word, new javafx.geometry.Insets(0, 0, 34, 0));
            StackPane hatch = new StackPane(word);
            hatch.setId("stale-" + suffix);
            hatch.setMouseTransparent(true);
            hatch.setStyle("-fx-background-color: linear-gradient(from 0px 0px to 10px 10px, repeat, "
                    + "rgba(0,0,0,0) 0%, rgba(0,0,0,0) 70%, " + rgba(Isa101.STALE_HATCH) + " 70%, "
                    + rgba(Isa101.STALE_HATCH) + " 100%);");
            hatch.visibleProperty().bind(vm.staleProperty());
            Tooltip.install(tile, tooltip(vm));
            if (commands != null && !commands.commandsForTag(vm.tag().tag()).isEmpty()) {
                tile.setContextMenu(faceplateMenu(vm.tag().tag(), tile));
            }
            tiles.getChildren().add(new StackPane(tile, hatch));
        }
    }

    /** The tile's faceplate menu: the catalog commands of its device, rebuilt each time it shows. */
    private javafx.scene.control.ContextMenu faceplateMenu(String tag, Tile tile) {
        java.util.function.Supplier<java.util.List<javafx.scene.control.MenuItem>> items = () ->
                io.plantwatch.ui.command.CommandMenus.forTag(commands, tag,
                        () -> tile.getScene() == null ? null : tile.getScene().getWindow());
        // a ContextMenu without items never shows, so it starts with them; showing refreshes their state
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu();
        menu.getItems().setAll(items.get());
        menu.setId("faceplate-" + tileId(tag).substring("tile-".length()));
        menu.setOnShowing(e -> menu.getItems().setAll(items.get()));
        return menu;
    }

    /** The node id of a tag's tile: {@code tile-P-101-flow} for {@code P-101/flow}. */
    public static String tileId(String tag) {
        return "tile-" + tag.replace('/', '-').replace('.', '_');
    }

    private static Tile tile(TileViewModel vm) {
        TagDefinition t = vm.tag();
        int decimals = decimals(t.rangeHigh() - t.rangeLow());
        Tile tile = TileBuilder.create()
                .skinType(Tile.SkinType.GAUGE)
                .prefSize(178, 178)
                .title(t.tag())
                .text(t.description())
                .unit(t.unit())
                .minValue(t.rangeLow())
                .maxValue(t.rangeHigh())
                .decimals(decimals)
                .tickLabelDecimals(Math.min(decimals, 2))
                .sections(sections(t))
                .sectionsVisible(true)
                .highlightSections(false)
                .checkSectionsForValue(false)
                .thresholdVisible(false)
                .averageVisible(false)
                .animated(false)
                .backgroundColor(Isa101.PANEL)
                .foregroundColor(Isa101.TEXT)
                .titleColor(Isa101.TEXT)
                .textColor(Isa101.TEXT_MUTED)
                .valueColor(Isa101.TEXT)
                .unitColor(Isa101.TEXT_MUTED)
                .needleColor(Isa101.BAR)
                .barColor(Isa101.BAR)
                .barBackgroundColor(Isa101.BAR_BACKGROUND)
                .tickLabelColor(Isa101.TEXT_MUTED)
                .tickMarkColor(Isa101.TEXT_MUTED)
                .borderColor(Isa101.BAR_BACKGROUND)
                .borderWidth(1)
                .textVisible(true)
                .build();
        tile.setId(tileId(t.tag()));
        tile.setValue(t.rangeLow());
        tile.setValueVisible(false);
        vm.valueProperty().addListener((obs, old, v) -> {
            if (!Double.isNaN(v.doubleValue())) {
                tile.setValueVisible(true);
                tile.setValue(Math.max(t.rangeLow(), Math.min(t.rangeHigh(), v.doubleValue())));
            }
        });
        Runnable alarmLook = () -> {
            int p = vm.alarmPriorityProperty().get();
            boolean stale = vm.staleProperty().get();
            String staleText = stale ? "STALE" + (vm.staleReasonProperty().get().isEmpty() ? ""
                    : " (" + vm.staleReasonProperty().get() + ")") : "";
            tile.setValueColor(stale ? Isa101.STALE_VALUE : Isa101.TEXT);
            tile.setNeedleColor(stale ? Isa101.STALE_VALUE : Isa101.BAR);
            tile.setBarColor(stale ? Isa101.STALE_VALUE : Isa101.BAR);
            if (p == 0) {
                tile.setBorderColor(Isa101.BAR_BACKGROUND);
                tile.setBorderWidth(1);
                tile.setText(stale ? staleText : t.description());
                tile.setTextColor(stale ? Isa101.TEXT : Isa101.TEXT_MUTED);
            } else {
                Color c = Isa101.priority(p);
                tile.setBorderColor(c);
                tile.setBorderWidth(vm.unacknowledgedProperty().get() ? 6 : 3);
                tile.setText((stale ? staleText + " · " : "") + "ALARM " + vm.alarmTextProperty().get());
                tile.setTextColor(Isa101.TEXT);
            }
        };
        vm.alarmPriorityProperty().addListener((o, a, b) -> alarmLook.run());
        vm.unacknowledgedProperty().addListener((o, a, b) -> alarmLook.run());
        vm.alarmTextProperty().addListener((o, a, b) -> alarmLook.run());
        vm.staleProperty().addListener((o, a, b) -> alarmLook.run());
        vm.staleReasonProperty().addListener((o, a, b) -> alarmLook.run());
        alarmLook.run();
        return tile;
    }

    /** The tile's tooltip: the description, and why it is stale while it is. */
    private static Tooltip tooltip(TileViewModel vm) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.tag().tag() + " — "
                + vm.tag().description() + (vm.staleProperty().get() ? "\nSTALE: " + vm.staleReasonProperty().get() : ""),
                vm.staleProperty(), vm.staleReasonProperty()));
        return t;
    }

    private static String rgba(Color c) {
        return String.format(java.util.Locale.ROOT, "rgba(%d,%d,%d,%.2f)", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255), c.getOpacity());
    }

    private static List<Section> sections(TagDefinition t) {
        double lo = t.limit(LimitLevel.LO).map(LimitSpec::value).orElse(Double.NaN);
        double lolo = t.limit(LimitLevel.LOLO).map(LimitSpec::value).orElse(Double.NaN);
        double hi = t.limit(LimitLevel.HI).map(LimitSpec::value).orElse(Double.NaN);
        double hihi = t.limit(LimitLevel.HIHI).map(LimitSpec::value).orElse(Double.NaN);
        double bandLow = !Double.isNaN(lo) ? lo : !Double.isNaN(lolo) ? lolo : t.rangeLow();
        double bandHigh = !Double.isNaN(hi) ? hi : !Double.isNaN(hihi) ? hihi : t.rangeHigh();
        List<Section> s = new ArrayList<>();
        if (!Double.isNaN(lolo)) {
            s.add(new Section(t.rangeLow(), lolo, Isa101.LIMIT_REGION_CRITICAL));
        }
        if (!Double.isNaN(lo)) {
            s.add(new Section(Double.isNaN(lolo) ? t.rangeLow() : lolo, lo, Isa101.LIMIT_REGION));
        }
        s.add(new Section(bandLow, bandHigh, Isa101.NORMAL_BAND));
        if (!Double.isNaN(hi)) {
            s.add(new Section(hi, Double.isNaN(hihi) ? t.rangeHigh() : hihi, Isa101.LIMIT_REGION));
        }
        if (!Double.isNaN(hihi)) {
            s.add(new Section(hihi, t.rangeHigh(), Isa101.LIMIT_REGION_CRITICAL));
        }
        return s;
    }

    private static int decimals(double span) {
        if (span >= 100) {
            return 1;
        }
        if (span >= 10) {
            return 1;
        }
        if (span >= 1) {
            return 2;
        }
        return 4;
    }
}
