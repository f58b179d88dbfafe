package se.stockholm.brottsofferstod.sms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on 127.0.0.1 standing in for 46elks' REST API: records each SMS posted to /a1/sms. */
final class ElksApiStandIn implements AutoCloseable {

    record Received(String authorization, String from, String to, String message) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();

    private ElksApiStandIn(HttpServer server) {
        this.server = server;
    }

    static ElksApiStandIn start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            ElksApiStandIn standIn = new ElksApiStandIn(server);
            server.createContext("/a1/sms", exchange -> {
                FormBody form = FormBody.parse(exchange.getRequestBody().readAllBytes(),
                        exchange.getRequestHeaders().getFirst("Content-Type"));
                standIn.received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), form.first("from"),
                        form.first("to"), form.first("message")));
                Integer status = standIn.statuses.poll();
                byte[] body = "{\"status\":\"created\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status == null ? 200 : status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next requests are answered with these statuses, then 200 again. */
    void answerNext(int... codes) {
        for (int code : codes) {
            statuses.add(code);
        }
    }

    List<Received> sentTo(String phone) {
        return received.stream().filter(r -> phone.equals(r.to())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
