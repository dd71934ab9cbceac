package dev.wisp.serving.runtime.process;

import java.util.List;

/**
 * What is written to disk about a running instance so that a later run can stop it if this one
 * crashes: its process id and start instant (which together identify the process even when the
 * pid is reused) and its command.
 *
 * @param startInstant ISO-8601 start instant of the process, or null when the OS does not report it
 */
public record InstanceRecord(String instanceId, String namespace, String revision, long pid,
                             String startInstant, List<String> command) {
}
