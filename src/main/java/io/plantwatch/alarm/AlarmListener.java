package io.plantwatch.alarm;

import io.plantwatch.domain.AlarmTransition;

/** Receives every alarm transition after it is persisted, on the thread that caused it. Must not block. */
@FunctionalInterface
public interface AlarmListener {
    void onTransition(AlarmTransition transition);
}
