package io.plantwatch.domain;

/**
 * Where a command is in its lifecycle (DESIGN.md decision 6):
 * {@code QUEUED → SENT → ACKNOWLEDGED | REJECTED | TIMED_OUT}. A command is never re-sent
 * automatically; a final state is final.
 */
public enum CommandStatus {
    /** Accepted by the command service and recorded; about to be published. */
    QUEUED,
    /** The broker acknowledged the PUBLISH (QoS 1 PUBACK); waiting for the device. */
    SENT,
    /** The device accepted it (MQTT 5 response), or its state topic showed the expected value (read-back). */
    ACKNOWLEDGED,
    /** The device rejected it (with its reason), or the broker refused the PUBLISH. */
    REJECTED,
    /** No confirmation within the command's timeout; whether the device acted is unknown. */
    TIMED_OUT;

    /** True for ACKNOWLEDGED, REJECTED and TIMED_OUT. */
    public boolean isFinal() {
        return this == ACKNOWLEDGED || this == REJECTED || this == TIMED_OUT;
    }
}
