package dev.wisp.api.build.v1alpha1;

import dev.wisp.api.validation.FieldErrors;
import dev.wisp.api.validation.KubernetesNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a Build at admission (after {@link BuildDefaults}), collecting every problem with its
 * field path ({@code spec.source.contextDir: must stay inside the source ...}). Stateless and thread-safe.
 */
public final class BuildValidation {
    private static final Pattern GIT_URL = Pattern.compile("^(https?|ssh|git|file)://.+|^[\\w.-]+@[\\w.-]+:.+");
    private static final Pattern ENV_NAME = Pattern.compile("^[-._a-zA-Z][-._a-zA-Z0-9]*$");

    /** Every problem of {@code build}; empty when it is valid. */
    public List<dev.wisp.api.validation.FieldError> check(Build build) {
        FieldErrors errors = new FieldErrors();
        String name = build.getMetadata() == null ? null : build.getMetadata().getName();
        if (name == null || name.isBlank()) {
            errors.add("metadata.name", "required");
        } else {
            KubernetesNames.dns1035LabelProblem(name).ifPresent(p -> errors.add("metadata.name", p));
        }
        BuildSpec spec = build.getSpec();
        if (spec == null) {
            errors.add("spec", "required");
            return errors.list();
        }
        errors.unknownFields("spec", spec.getUnknownFields(), Set.of());
        checkSource(spec.getSource(), errors);
        checkStrategy(spec, errors);
        checkEnv(spec.getEnv(), errors);
        if (spec.getOutput() != null) {
            errors.unknownFields("spec.output", spec.getOutput().getUnknownFields(), Set.of());
        }
        if (spec.getTarget() != null) {
            errors.unknownFields("spec.target", spec.getTarget().getUnknownFields(), Set.of());
            String service = spec.getTarget().getService();
            if (service != null) {
                KubernetesNames.dns1035LabelProblem(service).ifPresent(p -> errors.add("spec.target.service", p));
            }
        }
        return errors.list();
    }

    private static void checkSource(BuildSource source, FieldErrors errors) {
        if (source == null) {
            errors.add("spec.source", "required: set source.git (url, revision) or source.local (path)");
            return;
        }
        errors.unknownFields("spec.source", source.getUnknownFields(), Set.of());
        if (source.getGit() == null && source.getLocal() == null) {
            errors.add("spec.source", "set one of source.git (url, revision) or source.local (path)");
        } else if (source.getGit() != null && source.getLocal() != null) {
            errors.add("spec.source", "set only one of source.git and source.local, not both");
        }
        if (source.getGit() != null) {
            checkGit(source.getGit(), errors);
        }
        if (source.getLocal() != null) {
            errors.unknownFields("spec.source.local", source.getLocal().getUnknownFields(), Set.of());
            String path = source.getLocal().getPath();
            if (path == null || path.isBlank()) {
                errors.add("spec.source.local.path", "required: an absolute directory on the machine running wisp");
            } else if (!path.startsWith("/")) {
                errors.add("spec.source.local.path", "must be an absolute path, got \"" + path + "\"");
            }
        }
        ContextDirs.escapeProblem(source.getContextDir()).ifPresent(p -> errors.add("spec.source.contextDir", p));
    }

    private static void checkGit(GitSource git, FieldErrors errors) {
        errors.unknownFields("spec.source.git", git.getUnknownFields(), Set.of());
        String url = git.getUrl();
        if (url == null || url.isBlank()) {
            errors.add("spec.source.git.url", "required");
        } else if (!GIT_URL.matcher(url).matches()) {
            errors.add("spec.source.git.url", "must be an https://, http://, ssh://, git:// or file:// URL "
                    + "(or user@host:path), got \"" + url + "\"");
        }
        String revision = git.getRevision();
        if (revision != null && (revision.isBlank() || revision.startsWith("-") || revision.contains(".."))) {
            errors.add("spec.source.git.revision", "must be a branch, tag or commit, got \"" + revision + "\"");
        }
    }

    private static void checkStrategy(BuildSpec spec, FieldErrors errors) {
        String value = spec.getStrategy();
        if (value == null) {
            errors.add("spec.strategy", "required (defaults to auto)");
            return;
        }
        var strategy = BuildStrategy.fromSpec(value);
        if (strategy.isEmpty()) {
            errors.add("spec.strategy", "unknown strategy \"" + value + "\"; must be one of "
                    + String.join(", ", BuildStrategy.specNames()));
            return;
        }
        boolean hasCommand = spec.getCommand() != null && !spec.getCommand().isEmpty();
        if (strategy.get() == BuildStrategy.COMMAND && !hasCommand) {
            errors.add("spec.command", "required with strategy command: the argument array that starts the app on $PORT");
        }
        if (spec.getCommand() != null && spec.getCommand().stream().anyMatch(a -> a == null || a.isEmpty())) {
            errors.add("spec.command", "must not contain empty arguments");
        }
        if (spec.getArgs() != null && !hasCommand) {
            errors.add("spec.args", "only allowed with spec.command");
        }
    }

    private static void checkEnv(List<EnvVar> env, FieldErrors errors) {
        for (int i = 0; i < env.size(); i++) {
            EnvVar var = env.get(i);
            String path = "spec.env[" + i + "]";
            if (var.getName() == null || !ENV_NAME.matcher(var.getName()).matches()) {
                errors.add(path + ".name", "must be a C identifier-like name, got \"" + var.getName() + "\"");
            }
            if (var.getValueFrom() != null) {
                errors.add(path + ".valueFrom", FieldErrors.NOT_SUPPORTED);
            }
        }
    }
}
