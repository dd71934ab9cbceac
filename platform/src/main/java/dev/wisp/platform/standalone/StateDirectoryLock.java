package dev.wisp.platform.standalone;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock of one {@code wisp up} on its state directory ({@code {state}/wisp.lock}, holding
 * the owner's pid): taken before anything reads or writes the state, held for the life of the
 * process, released by the operating system when the JVM ends however it ends.
 */
public final class StateDirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "wisp.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StateDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code stateDir} (created when missing) for this process.
     *
     * @throws InUseException when another process holds it
     */
    public static StateDirectoryLock acquire(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve(FILE_NAME);
        // No TRUNCATE_EXISTING: the file holds the owner's pid until this process owns the lock.
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String owner = owner(channel);
            channel.close();
            throw new InUseException(stateDir, owner);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new StateDirectoryLock(channel, lock);
    }

    private static String owner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return pid.isEmpty() ? "unknown" : pid;
    }

    /** Releases the lock (the file stays; the next owner writes its pid). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another live process holds the state directory. */
    public static final class InUseException extends IOException {
        private final String ownerPid;

        InUseException(Path stateDir, String ownerPid) {
            super("state directory " + stateDir + " is in use by another wisp up (pid " + ownerPid + ")");
            this.ownerPid = ownerPid;
        }

        public String ownerPid() {
            return ownerPid;
        }
    }
}
