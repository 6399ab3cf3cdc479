package io.plantwatch.testsupport;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditEvent;
import io.plantwatch.audit.AuditException;
import io.plantwatch.audit.AuditTrail;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double of the audit store only (a list in memory), for tests of services that write to the
 * audit trail; the H2 store with its hash chain is tested on its own. {@link #failing} makes every append
 * throw, as a broken database would. Thread-safe.
 */
public final class MemoryAuditTrail implements AuditTrail {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public synchronized long append(AuditEvent event) {
        if (failing) {
            throw new AuditException("test: the audit store is down");
        }
        events.add(event);
        return events.size();
    }

    /** Every row stored, in order. */
    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /** The rows of one action, in order. */
    public List<AuditEvent> of(AuditAction action) {
        return events.stream().filter(e -> e.action() == action).toList();
    }

    /** The rows about one target, in order. */
    public List<AuditEvent> about(String target) {
        return events.stream().filter(e -> e.target().equals(target)).toList();
    }

    /** From now on, appends throw {@link AuditException} (true) or store again (false). */
    public void failing(boolean fail) {
        this.failing = fail;
    }
}
