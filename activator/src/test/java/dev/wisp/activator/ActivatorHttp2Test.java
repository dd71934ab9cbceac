package dev.wisp.activator;

import static dev.wisp.activator.ActivatorFixture.revision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wisp.api.dataplane.RevisionKey;
import dev.wisp.api.dataplane.WeightedRevision;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP/2 (h2c, prior knowledge) clients seen frame by frame with Netty's own HTTP/2 client. */
class ActivatorHttp2Test {

    private static final RevisionKey HELLO = revision("hello-00001");

    private ActivatorFixture fixture;
    private NioEventLoopGroup group;

    @BeforeEach
    void start() throws Exception {
        fixture = new ActivatorFixture();
        group = new NioEventLoopGroup(1);
        fixture.instances.declare(HELLO, 0, Duration.ofSeconds(30));
        fixture.route("hello.default.localhost", new WeightedRevision(HELLO, 100));
        fixture.readyInstance(HELLO, "hello-a");
    }

    @AfterEach
    void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        fixture.close();
    }

    @Test
    void anUploadAnsweredBeforeItsBodyWasReadStillEndsAndTheConnectionGoesOn() throws Exception {
        Channel connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                }).connect("127.0.0.1", fixture.activator.port()).sync().channel();

        // An upload to a host the activator does not know: answered 404 before its body is read.
        CompletableFuture<Integer> first = new CompletableFuture<>();
        Channel upload = stream(connection, first);
        DefaultHttpRequest post = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/up");
        post.headers().set("host", "nobody.default.localhost").setInt("content-length", 200_000);
        upload.write(post);
        upload.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[70_000])));
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(404);
        upload.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[130_000])));
        assertThat(upload.closeFuture().await(10, TimeUnit.SECONDS)).as("the upload's stream ended").isTrue();

        // Another upload on the same connection is served.
        CompletableFuture<Integer> second = new CompletableFuture<>();
        Channel small = stream(connection, second);
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(new byte[10]));
        request.headers().set("host", "hello.default.localhost").setInt("content-length", 10);
        small.writeAndFlush(request);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        connection.close().sync();
    }

    private static Channel stream(Channel connection, CompletableFuture<Integer> status) throws Exception {
        return new Http2StreamChannelBootstrap(connection).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof HttpResponse response) {
                            status.complete(response.status().code());
                        }
                        ReferenceCountUtil.release(msg);
                    }
                });
            }
        }).open().sync().getNow();
    }
}
