package dev.wisp.serving.runtime.process;

import java.security.SecureRandom;
import java.util.function.Predicate;

/** Names instances like Kubernetes names pods: {@code {revision}-{5 random lowercase letters}}. */
public final class InstanceIds {

    private static final int SUFFIX_LENGTH = 5;
    private final SecureRandom random = new SecureRandom();

    /** A fresh id for an instance of {@code revision} that {@code taken} does not reject. */
    public String next(String revision, Predicate<String> taken) {
        while (true) {
            StringBuilder id = new StringBuilder(revision).append('-');
            for (int i = 0; i < SUFFIX_LENGTH; i++) {
                id.append((char) ('a' + random.nextInt(26)));
            }
            if (!taken.test(id.toString())) {
                return id.toString();
            }
        }
    }
}
