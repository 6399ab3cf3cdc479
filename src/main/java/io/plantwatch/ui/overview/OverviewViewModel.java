package io.plantwatch.ui.overview;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.ui.ConsoleFeed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The overview's tiles, one per tag, in configuration order. FX thread only. */
public final class OverviewViewModel {

    private final List<TileViewModel> tiles;
    private final Map<String, TileViewModel> byTag = new HashMap<>();
    private final Map<String, AlarmTransition> alarmsNotNormal = new HashMap<>();

    public OverviewViewModel(List<TagDefinition> tags) {
        this.tiles = tags.stream().map(TileViewModel::new).toList();
        tiles.forEach(t -> byTag.put(t.tag().tag(), t));
    }

    public List<TileViewModel> tiles() {
        return tiles;
    }

    /** Replaces the tiles' alarm status with these alarms (after a replay's seek or a switch of source). */
    public void replaceAll(List<AlarmTransition> standing) {
        alarmsNotNormal.clear();
        apply(standing);
    }

    /** Applies alarm transitions to the tiles' alarm status. */
    public void apply(List<AlarmTransition> transitions) {
        for (AlarmTransition t : transitions) {
            if (t.to() == AlarmState.NORMAL) {
                alarmsNotNormal.remove(t.alarmId());
            } else {
                alarmsNotNormal.put(t.alarmId(), t);
            }
        }
        for (TileViewModel tile : tiles) {
            int priority = 0;
            boolean unacked = false;
            StringBuilder text = new StringBuilder();
            List<AlarmTransition> active = alarmsNotNormal.values().stream()
                    .filter(a -> a.tag().equals(tile.tag().tag()) && a.to().isActive())
                    .sorted(java.util.Comparator.comparingInt(AlarmTransition::priority)).toList();
            for (AlarmTransition a : active) {
                priority = priority == 0 ? a.priority() : Math.min(priority, a.priority());
                unacked |= a.to() == AlarmState.UNACK;
                text.append(text.length() == 0 ? "" : " · ").append(a.level()).append(" P").append(a.priority());
            }
            tile.alarm(priority, unacked, text.toString());
        }
    }

    /**
     * Takes the newest value of every tile's tag, and whether it is stale.
     *
     * @return true when at least one tile's value changed
     */
    public boolean refresh(ConsoleFeed feed) {
        boolean changed = false;
        for (TileViewModel tile : tiles) {
            ConsoleFeed.LiveValue v = feed.latest(tile.tag().tag());
            if (v != null) {
                changed |= tile.update(v.value(), v.eventTimeMillis());
            }
            ConsoleFeed.StaleMark mark = feed.staleMark(tile.tag().tag());
            tile.stale(mark != null, mark == null ? "" : mark.reason());
        }
        return changed;
    }
}
