package dev.actiongate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port in front of DynamoDB Local that a test switches between three conditions of the
 * table: {@link #up()} (every connection forwarded), {@link #unreachable()} (nothing listens: a
 * connection is refused at once) and {@link #slow()} (a connection is accepted and never answered).
 * It counts the connections it accepts, so a test can prove that nothing tried to reach the table.
 */
public final class DynamoDbProxy implements AutoCloseable {

    private enum Mode { UP, UNREACHABLE, SLOW }

    private final int port;
    private final URI target;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> open = new ArrayList<>();
    private volatile Mode mode;
    private ServerSocket listener;

    private DynamoDbProxy(Mode mode) {
        this.target = LocalDynamoDb.shared().endpoint();
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        switchTo(mode);
    }

    public static DynamoDbProxy startingUp() {
        return new DynamoDbProxy(Mode.UP);
    }

    public static DynamoDbProxy startingUnreachable() {
        return new DynamoDbProxy(Mode.UNREACHABLE);
    }

    public static DynamoDbProxy startingSlow() {
        return new DynamoDbProxy(Mode.SLOW);
    }

    /** The table answers again (connections made while it was slow stay silent until closed). */
    public void up() {
        switchTo(Mode.UP);
    }

    /** Nothing listens on the port any more; open connections are cut. */
    public void unreachable() {
        switchTo(Mode.UNREACHABLE);
    }

    /** New connections are accepted and never answered; open ones are cut. */
    public void slow() {
        switchTo(Mode.SLOW);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The given settings with ActionGate's table reached through this proxy. */
    public Map<String, Object> settings(Map<String, Object> settings) {
        Map<String, Object> all = new LinkedHashMap<>(settings);
        all.put("actiongate.usage.endpoint", endpoint());
        return all;
    }

    /** Connections accepted since the start, forwarded or not. */
    public int connections() {
        return accepted.get();
    }

    private synchronized void switchTo(Mode next) {
        mode = next;
        cutOpenConnections();
        if (next == Mode.UNREACHABLE) {
            closeListener();
        } else if (listener == null) {
            listen();
        }
    }

    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            Thread.ofVirtual().name("dynamodb-proxy").start(() -> accept(socket));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " could not be listened on again", e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                accepted.incrementAndGet();
                synchronized (this) {
                    open.add(client);
                }
                if (mode == Mode.UP) {
                    forward(client);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void forward(Socket client) throws IOException {
        Socket table = new Socket(target.getHost(), target.getPort());
        synchronized (this) {
            open.add(table);
        }
        Thread.ofVirtual().start(() -> copy(client, table));
        Thread.ofVirtual().start(() -> copy(table, client));
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException cut) {
            // one side was closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void cutOpenConnections() {
        open.forEach(DynamoDbProxy::closeQuietly);
        open.clear();
    }

    private void closeListener() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public synchronized void close() {
        closeListener();
        cutOpenConnections();
    }
}
