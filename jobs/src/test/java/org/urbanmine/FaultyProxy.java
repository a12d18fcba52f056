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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a test S3 server that misbehaves as S3 (or a network in
 * between) sometimes does. Two faults, each deterministic:
 * <ul>
 *   <li>{@link #throttling}: the first connections' first request is answered "503 Slow Down";
 *   <li>{@link #cuttingAnswers}: the answers to chosen requests (by method and a part of the
 *       request line, counted in the order they arrive) are cut after a number of bytes,
 *       headers included, by closing the connection;
 *   <li>{@link #cuttingHeaders}: the same for GETs, but cut just before a named header line,
 *       wherever it falls (an answer's headers arrive in one piece from the test server).
 * </ul>
 * Everything else passes through untouched. One thread per direction per connection, until closed.
 */
public final class FaultyProxy implements AutoCloseable {
  private static final String SLOW_DOWN_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
  private static final long UNLIMITED = Long.MAX_VALUE;

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "faulty-proxy");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger slowDownsLeft;
  private final String cutMethod;
  private final String cutPattern;
  private final int cutFrom;
  private final int cutUntil;
  private final long cutAfterBytes;
  private final String cutBeforeHeader;
  private final AtomicInteger matchingGets = new AtomicInteger();
  private final AtomicInteger slowDowns = new AtomicInteger();
  private final AtomicInteger cuts = new AtomicInteger();

  private FaultyProxy(int targetPort, int slowDowns, String cutMethod, String cutPattern, int skip, int cuts,
      long cutAfterBytes, String cutBeforeHeader) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.slowDownsLeft = new AtomicInteger(slowDowns);
    this.cutMethod = cutMethod + " ";
    this.cutPattern = cutPattern;
    this.cutFrom = skip;
    this.cutUntil = skip + cuts;
    this.cutAfterBytes = cutAfterBytes;
    this.cutBeforeHeader = cutBeforeHeader == null ? null : "\r\n" + cutBeforeHeader + ":";
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

  /** Answers the first {@code slowDowns} connections with "503 Slow Down". */
  public static FaultyProxy throttling(int targetPort, int slowDowns) throws IOException {
    return new FaultyProxy(targetPort, slowDowns, "", null, 0, 0, 0, null);
  }

  /**
   * Lets the first {@code skip} {@code method} requests whose request line contains
   * {@code pattern} through, then cuts the answers to the next {@code cuts} of them after
   * {@code afterBytes} bytes (0: the connection closes before any answer).
   */
  public static FaultyProxy cuttingAnswers(int targetPort, String method, String pattern, int skip, int cuts,
      long afterBytes) throws IOException {
    return new FaultyProxy(targetPort, 0, method, pattern, skip, cuts, afterBytes, null);
  }

  /** As {@link #cuttingAnswers}, cutting each chosen answer just before its {@code header} line. */
  public static FaultyProxy cuttingHeaders(int targetPort, String pattern, int skip, int cuts, String header)
      throws IOException {
    return new FaultyProxy(targetPort, 0, "GET", pattern, skip, cuts, UNLIMITED - 1, header);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** How many requests were answered with 503. */
  public int slowDowns() {
    return slowDowns.get();
  }

  /** How many answers were cut short. */
  public int cuts() {
    return cuts.get();
  }

  /** How many requests matched the cut's method and pattern so far. */
  public int matchingGets() {
    return matchingGets.get();
  }

  private void handle(Socket client, int targetPort) {
    try (client) {
      if (slowDownsLeft.getAndDecrement() > 0) {
        slowDown(client);
        return;
      }
      // Bytes of the server's answer still allowed on this connection; set by the request side
      // before it forwards a request to cut, so the answer cannot overtake it.
      AtomicLong budget = new AtomicLong(UNLIMITED);
      try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
        var upstream = threads.submit(() -> requests(client.getInputStream(), target.getOutputStream(), budget));
        if (answers(target.getInputStream(), client.getOutputStream(), budget, cutBeforeHeader)) {
          cuts.incrementAndGet();
        }
        upstream.cancel(true);
      }
    } catch (IOException ignored) {
      // The client or the server hung up: nothing more to pass on.
    }
  }

  private void slowDown(Socket client) throws IOException {
    readHeaders(client.getInputStream());
    byte[] body = SLOW_DOWN_BODY.getBytes(StandardCharsets.UTF_8);
    OutputStream out = client.getOutputStream();
    out.write(("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    slowDowns.incrementAndGet();
  }

  /** Client to server, watching request lines; S3 clients do not pipeline, so a request starts an answer. */
  private Void requests(InputStream in, OutputStream out, AtomicLong budget) throws IOException {
    byte[] buffer = new byte[1 << 15];
    StringBuilder line = new StringBuilder();
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      for (int i = 0; i < n; i++) {
        char c = (char) (buffer[i] & 0xff);
        if (c != '\n') {
          line.append(c);
          continue;
        }
        if (cutPattern != null && line.indexOf(cutMethod) == 0 && line.indexOf(cutPattern) > 0) {
          int match = matchingGets.getAndIncrement();
          if (match >= cutFrom && match < cutUntil) {
            budget.set(cutAfterBytes);
          }
        }
        line.setLength(0);
      }
      out.write(buffer, 0, n);
      out.flush();
    }
    return null;
  }

  /** Server to client; returns true when it stopped because the budget ran out. */
  private static boolean answers(InputStream in, OutputStream out, AtomicLong budget, String beforeHeader)
      throws IOException {
    byte[] buffer = new byte[1 << 15];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      if (beforeHeader != null && budget.get() != UNLIMITED) {
        int at = new String(buffer, 0, n, StandardCharsets.ISO_8859_1).indexOf(beforeHeader);
        if (at >= 0) {
          budget.set(at + 2L);
        }
      }
      long left = budget.get();
      int allowed = (int) Math.min(n, left);
      out.write(buffer, 0, allowed);
      out.flush();
      if (left != UNLIMITED) {
        budget.addAndGet(-allowed);
        if (allowed == left) {
          return true;
        }
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
