package io.plantwatch.ui.alarm;

/**
 * Makes the console heard: a repeating tone while new alarms wait for acknowledgement. Called on
 * the FX thread; implementations must not block it.
 */
public interface Annunciator {

    /** Starts (or keeps) sounding; the priority of the most urgent alarm that asks for it may change the tone. */
    void sound(int priority);

    /** Stops sounding. */
    void silence();

    /** An annunciator that is never heard (tests, machines without audio). */
    Annunciator SILENT = new Annunciator() {
        @Override
        public void sound(int priority) {
        }

        @Override
        public void silence() {
        }
    };
}
