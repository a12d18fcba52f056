package org.urbanmine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a test S3 server that misbehaves as S3 sometimes does:
 * it answers the first {@code slowDowns} connections' first request with "503 Slow Down", and
 * cuts the next {@code drops} connections after passing {@code dropAfterBytes} bytes of the
 * server's answer; then it passes traffic through untouched. One thread per connection, until
 * closed.
 */
public final class FaultyProxy implements AutoCloseable {
  private static final String SLOW_DOWN_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "faulty-proxy");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger failuresLeft;
  private final AtomicInteger dropsLeft;
  private final long dropAfterBytes;
  private final AtomicInteger slowDowns = new AtomicInteger();
  private final AtomicInteger drops = new AtomicInteger();

  public FaultyProxy(int targetPort, int slowDowns) throws IOException {
    this(targetPort, slowDowns, 0, 0);
  }

  public FaultyProxy(int targetPort, int slowDowns, int drops, long dropAfterBytes) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.failuresLeft = new AtomicInteger(slowDowns);
    this.dropsLeft = new AtomicInteger(drops);
    this.dropAfterBytes = dropAfterBytes;
    threads.submit(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          threads.submit(() -> handle(client, targetPort));
        } catch (IOException closed) {
          return;
        }
      }
    });
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** How many requests were answered with 503. */
  public int slowDowns() {
    return slowDowns.get();
  }

  /** How many connections were cut short. */
  public int drops() {
    return drops.get();
  }

  private void handle(Socket client, int targetPort) {
    try (client) {
      if (failuresLeft.getAndDecrement() > 0) {
        readHeaders(client.getInputStream());
        byte[] body = SLOW_DOWN_BODY.getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
            + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        slowDowns.incrementAndGet();
        return;
      }
      long limit = dropsLeft.getAndDecrement() > 0 ? dropAfterBytes : Long.MAX_VALUE;
      try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
        var upstream = threads.submit(() -> pipe(client.getInputStream(), target.getOutputStream(), Long.MAX_VALUE));
        if (pipe(target.getInputStream(), client.getOutputStream(), limit)) {
          drops.incrementAndGet();
        }
        upstream.cancel(true);
      }
    } catch (IOException ignored) {
      // The client or the server hung up: nothing more to pass on.
    }
  }

  /** Copies until the end of {@code in}; returns true when it stopped at {@code limit} bytes instead. */
  private static boolean pipe(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[1 << 15];
    long passed = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      int allowed = (int) Math.min(n, limit - passed);
      out.write(buffer, 0, allowed);
      out.flush();
      passed += allowed;
      if (passed >= limit) {
        return true;
      }
    }
    return false;
  }

  private static void readHeaders(InputStream in) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      seen.write(b);
      if (seen.size() >= 4 && new String(seen.toByteArray(), seen.size() - 4, 4, StandardCharsets.US_ASCII)
          .equals("\r\n\r\n")) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
