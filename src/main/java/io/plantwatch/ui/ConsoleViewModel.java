package io.plantwatch.ui;

import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.ui.alarm.AlarmViewModel;
import io.plantwatch.ui.overview.OverviewViewModel;
import io.plantwatch.ui.status.StatusViewModel;
import io.plantwatch.ui.trend.TrendViewModel;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The console's root ViewModel. {@link #refresh()} is the single step the {@link UiCadence} runs
 * on the FX thread: it drains the {@link ConsoleFeed} once and hands each part its share, so that
 * every alarm transition reaches both the table and the tiles, in order.
 */
public final class ConsoleViewModel {

    private final ConsoleFeed feed;
    private final ConsoleServices services;
    private final OverviewViewModel overview;
    private final TrendViewModel trend;
    private final AlarmViewModel alarms;
    private final StatusViewModel status;

    /**
     * @param actions executor for operator actions that touch the database (a background thread
     *                in the app, the calling thread in tests)
     */
    public ConsoleViewModel(ConsoleFeed feed, ConsoleServices services, Executor actions) {
        this.feed = feed;
        this.services = services;
        this.overview = new OverviewViewModel(services.tags());
        this.trend = new TrendViewModel(services.tags());
        this.alarms = new AlarmViewModel(services, feed, actions);
        this.status = new StatusViewModel();
        List<AlarmTransition> standing = services.standingAlarms();
        alarms.apply(standing);
        overview.apply(standing);
    }

    /** Pulls everything new from the feed into the ViewModels. FX thread only. */
    public void refresh() {
        List<AlarmTransition> transitions = feed.drainTransitions();
        if (!transitions.isEmpty()) {
            alarms.apply(transitions);
            overview.apply(transitions);
        }
        if (overview.refresh(feed)) {
            feed.markFirstValueShown();
        }
        trend.refresh(feed);
        status.refresh(services.status(), feed);
        for (String m : feed.drainMessages()) {
            alarms.showMessage(m);
        }
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

    public StatusViewModel status() {
        return status;
    }
}
