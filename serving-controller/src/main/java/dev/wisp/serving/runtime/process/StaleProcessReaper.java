package dev.wisp.serving.runtime.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Stops the instances a previous run of the runtime left behind (it crashed or was killed): for
 * each instance record whose process is still alive with the recorded start instant, it
 * terminates that process tree, and it deletes every record. A pid reused by an unrelated process
 * has another start instant and is never touched.
 */
public final class StaleProcessReaper {

    private static final Logger LOG = Logger.getLogger(StaleProcessReaper.class);

    private final InstanceRecords records;
    private final ProcessTreeTerminator terminator;

    public StaleProcessReaper(InstanceRecords records, ProcessTreeTerminator terminator) {
        this.records = records;
        this.terminator = terminator;
    }

    /** Terminates the recorded processes still alive and deletes the records; returns how many it terminated. */
    public int reap() {
        int terminated = 0;
        for (Path file : records.files()) {
            if (reapOne(file)) {
                terminated++;
            }
            records.deleteFile(file);
        }
        return terminated;
    }

    private boolean reapOne(Path file) {
        InstanceRecord record;
        try {
            record = records.read(file);
        } catch (IOException e) {
            LOG.warnf("event=stale-record-unreadable file=%s error=%s", file, e.getMessage());
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(record.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        if (!sameProcess(process.get(), record)) {
            LOG.infof("event=stale-pid-reused instance=%s pid=%d", record.instanceId(), record.pid());
            return false;
        }
        CompletableFuture<Void> gone = terminator.terminate(process.get());
        LOG.infof("event=stale-instance-terminated instance=%s revision=%s/%s pid=%d done=%s",
                record.instanceId(), record.namespace(), record.revision(), record.pid(), gone.isDone());
        return true;
    }

    private static boolean sameProcess(ProcessHandle process, InstanceRecord record) {
        if (record.startInstant() == null) {
            return false;
        }
        Optional<Instant> started = process.info().startInstant();
        try {
            return started.isPresent() && started.get().equals(Instant.parse(record.startInstant()));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
