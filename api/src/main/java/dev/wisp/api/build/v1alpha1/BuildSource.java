package dev.wisp.api.build.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wisp.api.serving.v1.UnknownFields;

/** Where a Build's source comes from: a Git repository or (standalone) a local directory, and the directory inside it to build. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BuildSource extends UnknownFields {
    private GitSource git;
    private LocalSource local;
    private String contextDir;

    public GitSource getGit() { return git; }
    public void setGit(GitSource git) { this.git = git; }
    public LocalSource getLocal() { return local; }
    public void setLocal(LocalSource local) { this.local = local; }
    public String getContextDir() { return contextDir; }
    public void setContextDir(String contextDir) { this.contextDir = contextDir; }
}
