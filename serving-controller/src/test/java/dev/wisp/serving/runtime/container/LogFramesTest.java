package dev.wisp.serving.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LogFramesTest {

    record Case(String name, List<Buffer> chunks, List<String> payloads, int buffered) {
    }

    static Stream<Case> cases() {
        Buffer out = frame(1, "out\n");
        Buffer err = frame(2, "err\n");
        Buffer both = Buffer.buffer().appendBuffer(out).appendBuffer(err);
        return Stream.of(
                new Case("one frame in one chunk", List.of(out), List.of("out\n"), 0),
                new Case("two frames packed in one chunk", List.of(both), List.of("out\n", "err\n"), 0),
                new Case("a header split across chunks", List.of(both.getBuffer(0, 3), both.getBuffer(3, both.length())),
                        List.of("out\n", "err\n"), 0),
                new Case("a payload split across chunks", List.of(both.getBuffer(0, 10), both.getBuffer(10, both.length())),
                        List.of("out\n", "err\n"), 0),
                new Case("an incomplete frame waits", List.of(both.getBuffer(0, 14)), List.of("out\n"), 2),
                new Case("an empty frame", List.of(frame(1, "")), List.of(""), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passesOnEachCompletePayload(Case c) {
        List<String> received = new ArrayList<>();
        LogFrames frames = new LogFrames(payload -> received.add(payload.toString()));
        c.chunks().forEach(frames::feed);
        assertThat(received).containsExactlyElementsOf(c.payloads());
        assertThat(frames.buffered()).isEqualTo(c.buffered());
    }

    private static Buffer frame(int stream, String payload) {
        Buffer bytes = Buffer.buffer(payload);
        return Buffer.buffer().appendByte((byte) stream).appendBytes(new byte[3]).appendUnsignedInt(bytes.length())
                .appendBuffer(bytes);
    }
}
