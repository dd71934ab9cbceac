package dev.wisp.api.build.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.wisp.api.serving.v1.UnknownFields;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Build builds and where the result goes: the source, the strategy ({@code auto}, maven,
 * node, python or command), the start command for the command strategy, the environment of the
 * built app, the output image and the target Service.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"source", "strategy", "command", "args", "env", "output", "target"})
public class BuildSpec extends UnknownFields {
    private BuildSource source;
    private String strategy;
    private List<String> command;
    private List<String> args;
    private List<EnvVar> env = new ArrayList<>();
    private BuildOutput output;
    private BuildTarget target;

    public BuildSource getSource() { return source; }
    public void setSource(BuildSource source) { this.source = source; }
    public String getStrategy() { return strategy; }
    public void setStrategy(String strategy) { this.strategy = strategy; }
    public List<String> getCommand() { return command; }
    public void setCommand(List<String> command) { this.command = command; }
    public List<String> getArgs() { return args; }
    public void setArgs(List<String> args) { this.args = args; }
    public List<EnvVar> getEnv() { return env; }
    public void setEnv(List<EnvVar> env) { this.env = env == null ? new ArrayList<>() : env; }
    public BuildOutput getOutput() { return output; }
    public void setOutput(BuildOutput output) { this.output = output; }
    public BuildTarget getTarget() { return target; }
    public void setTarget(BuildTarget target) { this.target = target; }
}
