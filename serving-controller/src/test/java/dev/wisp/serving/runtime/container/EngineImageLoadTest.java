package dev.wisp.serving.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EngineClient#loadImage} against a real Podman API service, with Docker archives written by the test. */
class EngineImageLoadTest {

    private static final String TAG = "localhost/wisp-test/loaded:1";
    private static EngineClient engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPodman() throws Exception {
        engine = EngineClient.open(PodmanService.socket());
    }

    @AfterAll
    static void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void loadsAnArchiveAndAnswersWithItsName() throws Exception {
        String configDigest = writeArchive(dir, TAG, "loaded by the engine client\n");

        String reference = await(engine.loadImage(dir.resolve("image.tar")).toCompletionStage().toCompletableFuture());

        assertThat(reference).isEqualTo(TAG);
        Optional<JsonObject> inspection = await(engine.inspectImage(TAG).toCompletionStage().toCompletableFuture());
        assertThat(inspection).as("the engine has the loaded image").isPresent();
        assertThat(inspection.get().getString("Id")).as("the config arrived intact").isEqualTo(configDigest);
    }

    @Test
    void aBrokenArchiveFailsWithTheEnginesMessageAndTheArchive() throws Exception {
        Path broken = dir.resolve("broken.tar");
        Files.writeString(broken, "not a tar archive at all");

        assertThatThrownBy(() -> await(engine.loadImage(broken).toCompletionStage().toCompletableFuture()))
                .isInstanceOf(EngineException.class).hasMessageContaining(broken.toString())
                .satisfies(e -> assertThat(((EngineException) e).status()).isBetween(400, 599));
    }

    @Test
    void aMissingArchiveFailsNamingIt() {
        Path missing = dir.resolve("missing.tar");

        assertThatThrownBy(() -> await(engine.loadImage(missing).toCompletionStage().toCompletableFuture()))
                .isInstanceOf(EngineException.class).hasMessageContaining(missing.toString());
    }

    /** Writes {@code dir/image.tar}: one layer holding {@code /hello.txt}; returns the config's digest (the image ID). */
    private static String writeArchive(Path dir, String tag, String content) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), content);
        Path image = Files.createDirectories(dir.resolve("image"));
        run(dir, "tar", "--numeric-owner", "--mtime=1970-01-01", "-C", root.toString(), "-cf", image.resolve("layer.tar").toString(), ".");
        String diffId = sha256(Files.readAllBytes(image.resolve("layer.tar")));
        String config = """
                {"architecture":"amd64","os":"linux","config":{"Cmd":["/hello.txt"]},\
                "rootfs":{"type":"layers","diff_ids":["%s"]}}""".formatted(diffId);
        Files.writeString(image.resolve("config.json"), config);
        Files.writeString(image.resolve("manifest.json"),
                "[{\"Config\":\"config.json\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[\"layer.tar\"]}]");
        run(dir, "tar", "-C", image.toString(), "-cf", dir.resolve("image.tar").toString(), "manifest.json", "config.json", "layer.tar");
        return sha256(config.getBytes(StandardCharsets.UTF_8));
    }

    private static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
