package io.plantwatch.ui;

import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.ui.alarm.AlarmViewModel;
import io.plantwatch.ui.alarm.AnnunciationPolicy;
import io.plantwatch.ui.alarm.Annunciator;
import io.plantwatch.ui.connections.ConnectionsViewModel;
import io.plantwatch.ui.journal.AlarmJournalViewModel;
import io.plantwatch.ui.kpi.KpiViewModel;
import io.plantwatch.ui.overview.OverviewViewModel;
import io.plantwatch.ui.quality.DataQualityViewModel;
import io.plantwatch.ui.status.StatusViewModel;
import io.plantwatch.ui.trend.TrendViewModel;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The console's root ViewModel. {@link #refresh()} is the single step the {@link UiCadence} runs
 * on the FX thread: it drains the {@link ConsoleFeed} once and hands each part its share, so that
 * every alarm transition reaches both the table and the tiles, in order. It also applies the
 * results of alarm journal searches, KPI computations, dead-letter reads, connection tests and
 * saves that finished on the query executor, and the command lifecycle and interlock firings queued by
 * the command service.
 */
public final class ConsoleViewModel {

    private final ConsoleFeed feed;
    private final ConsoleServices services;
    private final OverviewViewModel overview;
    private final TrendViewModel trend;
    private final AlarmViewModel alarms;
    private final AnnunciationPolicy annunciation;
    private final StatusViewModel status;
    private final AlarmJournalViewModel journal;
    private final KpiViewModel kpi;
    private final DataQualityViewModel dataQuality;
    private final ConnectionsViewModel connections;
    private final io.plantwatch.ui.export.ExportViewModel export;
    private final io.plantwatch.ui.recording.OpenRecordingViewModel openRecording;
    private final io.plantwatch.ui.login.SessionViewModel session;
    private final io.plantwatch.ui.replay.ReplayControlsViewModel replayControls;
    private final io.plantwatch.ui.compare.CompareViewModel compare;
    private final javafx.beans.property.ReadOnlyStringWrapper title = new javafx.beans.property.ReadOnlyStringWrapper("PlantWatch");
    private final io.plantwatch.ui.command.CommandsViewModel commands;

    /**
     * A console whose journal searches and KPI computations share the operator actions' executor.
     *
     * @param actions executor for operator actions that touch the database (a background thread
     *                in the app, the calling thread in tests)
     */
    public ConsoleViewModel(ConsoleFeed feed, ConsoleServices services, Executor actions) {
        this(feed, services, actions, actions);
    }

    /** As {@link #ConsoleViewModel(ConsoleFeed, ConsoleServices, Executor, Executor, Annunciator)}, never heard. */
    public ConsoleViewModel(ConsoleFeed feed, ConsoleServices services, Executor actions, Executor queries) {
        this(feed, services, actions, queries, Annunciator.SILENT);
    }

    /**
     * @param actions executor for operator actions that touch the database (a background thread
     *                in the app, the calling thread in tests)
     * @param annunciator what makes new alarms heard ({@link Annunciator#SILENT} in tests)
     * @param queries executor for alarm journal searches, exports, KPI computations, dead-letter reads,
     *                connection tests and site-file saves (a separate background thread in the app, so
     *                that a long query or a slow broker never delays an acknowledgement)
     */
    public ConsoleViewModel(ConsoleFeed feed, ConsoleServices services, Executor actions, Executor queries,
            Annunciator annunciator) {
        this.annunciation = new AnnunciationPolicy(services.annunciatePriority(), annunciator);
        this.feed = feed;
        this.services = services;
        this.overview = new OverviewViewModel(services.tags());
        this.trend = new TrendViewModel(services.tags());
        this.alarms = new AlarmViewModel(services, feed, actions);
        this.status = new StatusViewModel();
        this.journal = new AlarmJournalViewModel(services, queries);
        this.kpi = new KpiViewModel(services, queries);
        this.dataQuality = new DataQualityViewModel(services, queries);
        this.connections = new ConnectionsViewModel(services, queries);
        this.export = new io.plantwatch.ui.export.ExportViewModel(services);
        this.openRecording = new io.plantwatch.ui.recording.OpenRecordingViewModel(services, queries);
        this.session = new io.plantwatch.ui.login.SessionViewModel(services, actions);
        alarms.mayActProperty().bind(session.mayActProperty());
        this.replayControls = new io.plantwatch.ui.replay.ReplayControlsViewModel(services);
        this.compare = new io.plantwatch.ui.compare.CompareViewModel(services);
        title.set("PlantWatch — " + services.siteName());
        this.commands = new io.plantwatch.ui.command.CommandsViewModel(services, actions, queries, java.time.Clock.systemUTC());
        commands.mayActProperty().bind(session.mayActProperty());
        List<AlarmTransition> standing = services.standingAlarms();
        alarms.apply(standing);
        overview.apply(standing);
    }

    /** Pulls everything new from the feed into the ViewModels. FX thread only. */
    public void refresh() {
        session.refresh();
        ConsoleFeed.Resync resync = feed.drainResync();
        if (resync != null) {
            alarms.replaceAll(resync.standing());
            overview.replaceAll(resync.standing());
            trend.clear();
        }
        List<AlarmTransition> transitions = feed.drainTransitions();
        if (!transitions.isEmpty()) {
            alarms.apply(transitions);
            overview.apply(transitions);
            annunciation.apply(transitions);
        }
        if (overview.refresh(feed)) {
            feed.markFirstValueShown();
        }
        trend.refresh(feed);
        StatusSnapshot snapshot = services.status();
        status.refresh(snapshot, feed);
        title.set("PlantWatch — " + services.siteName() + " — "
                + (snapshot.live() ? "LIVE" : "REPLAY of " + snapshot.recording()));
        for (String m : feed.drainMessages()) {
            alarms.showMessage(m);
        }
        List<ConsoleFeed.InterlockNotice> interlocks = feed.drainInterlocks();
        commands.refresh(feed.drainCommands(), interlocks);
        // an automatic action is shown where the operator looks: the alarm area's message line too
        interlocks.forEach(n -> alarms.showMessage(io.plantwatch.ui.command.CommandsViewModel.interlockText(n)));
        journal.refresh();
        kpi.refresh();
        dataQuality.refresh();
        connections.refresh();
        export.refresh();
        openRecording.refresh();
        replayControls.refresh();
        compare.refresh();
    }

    /** The window title: site and mode, "PlantWatch — Demo plant — REPLAY of valve1.csv" or "… — LIVE". */
    public javafx.beans.property.ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The replay toolbar's state (shown in replay mode). */
    public io.plantwatch.ui.replay.ReplayControlsViewModel replayControls() {
        return replayControls;
    }

    /** The "Compare replays" dialog's state. */
    public io.plantwatch.ui.compare.CompareViewModel compare() {
        return compare;
    }

    /** The site's name, for the window title. */
    public String siteName() {
        return services.siteName();
    }

    public OverviewViewModel overview() {
        return overview;
    }

    public TrendViewModel trend() {
        return trend;
    }

    public AlarmViewModel alarms() {
        return alarms;
    }

    /** When the console sounds, and silence. */
    public AnnunciationPolicy annunciation() {
        return annunciation;
    }

    public StatusViewModel status() {
        return status;
    }

    /** The alarm journal search. */
    public AlarmJournalViewModel journal() {
        return journal;
    }

    /** The alarm KPIs. */
    public KpiViewModel kpi() {
        return kpi;
    }

    /** Rejected input (the Data quality tab). */
    public DataQualityViewModel dataQuality() {
        return dataQuality;
    }

    /** The "Export readings" dialog's state. */
    public io.plantwatch.ui.export.ExportViewModel export() {
        return export;
    }

    /** The "Open recording" dialog's state (replay inputs, wide CSV mapping). */
    public io.plantwatch.ui.recording.OpenRecordingViewModel openRecording() {
        return openRecording;
    }

    /** Who is logged in; login, logout and the inactivity lock. */
    public io.plantwatch.ui.login.SessionViewModel session() {
        return session;
    }

    /** The commands panel, the confirmation and the lifecycle list (issue #5). */
    public io.plantwatch.ui.command.CommandsViewModel commands() {
        return commands;
    }

    /** The Connections dialog's state. */
    public ConnectionsViewModel connections() {
        return connections;
    }
}
