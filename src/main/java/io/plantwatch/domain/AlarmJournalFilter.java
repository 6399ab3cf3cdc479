package io.plantwatch.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which alarm transitions a search of the alarm journal returns. Every criterion is optional: a
 * null time, a blank text or an empty set does not filter. The criteria combine with AND.
 *
 * @param from       earliest event time, inclusive; null for no lower bound
 * @param to         event time the range ends before (exclusive); null for no upper bound
 * @param tag        part of the tag, matched case-insensitively anywhere in it; blank for any tag
 * @param priorities priorities 1–4 to include; empty for all
 * @param states     states after the transition ({@link AlarmTransition#to()}) to include; empty for all
 * @param actor      part of the actor ({@code system} or the operator's name), case-insensitive; blank for any
 */
public record AlarmJournalFilter(Instant from, Instant to, String tag, Set<Integer> priorities,
        Set<AlarmState> states, String actor) {

    /** No criteria: the whole journal. */
    public static final AlarmJournalFilter ALL = new AlarmJournalFilter(null, null, "", Set.of(), Set.of(), "");

    /**
     * Normalises the criteria: null texts become empty and are trimmed, null sets become empty, and
     * the sets are copied (unmodifiable, sorted).
     *
     * @throws IllegalArgumentException when {@code to} is not after {@code from}, or a priority is
     *                                  outside 1–4
     */
    public AlarmJournalFilter {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("the end of the time range (" + to + ") must be after its start ("
                    + from + ")");
        }
        tag = tag == null ? "" : tag.trim();
        actor = actor == null ? "" : actor.trim();
        Set<Integer> p = new TreeSet<>();
        if (priorities != null) {
            for (Integer i : priorities) {
                if (i == null || i < 1 || i > 4) {
                    throw new IllegalArgumentException("priorities are 1 to 4, not " + i);
                }
                p.add(i);
            }
        }
        priorities = java.util.Collections.unmodifiableSet(p);
        states = states == null || states.isEmpty() ? Set.of()
                : java.util.Collections.unmodifiableSet(EnumSet.copyOf(states));
    }

    /**
     * True when a transition meets every criterion. This is the reference meaning of the filter; the
     * H2 journal evaluates the same criteria in SQL.
     */
    public boolean matches(AlarmTransition t) {
        long time = t.eventTimeMillis();
        return (from == null || time >= from.toEpochMilli())
                && (to == null || time < to.toEpochMilli())
                && (tag.isEmpty() || contains(t.tag(), tag))
                && (priorities.isEmpty() || priorities.contains(t.priority()))
                && (states.isEmpty() || states.contains(t.to()))
                && (actor.isEmpty() || contains(t.actor(), actor));
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(java.util.Locale.ROOT).contains(part.toLowerCase(java.util.Locale.ROOT));
    }
}
