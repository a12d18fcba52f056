package org.urbanmine;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An AWS STS endpoint on 127.0.0.1 that answers every AssumeRole with fixed temporary credentials
 * (the test S3 server's keys and a session token), and keeps the requests it got. Enough for
 * S3A's AssumedRoleCredentialProvider to do its real work against it.
 */
public final class FakeSts implements AutoCloseable {
  public static final String SESSION_TOKEN = "test-session-token-7d41";
  private final HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  public FakeSts(String accessKey, String secretKey) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
          + "<AssumeRoleResult><Credentials>"
          + "<AccessKeyId>" + accessKey + "</AccessKeyId>"
          + "<SecretAccessKey>" + secretKey + "</SecretAccessKey>"
          + "<SessionToken>" + SESSION_TOKEN + "</SessionToken>"
          + "<Expiration>2099-01-01T00:00:00Z</Expiration>"
          + "</Credentials><AssumedRoleUser><AssumedRoleId>AROATEST:urbanmine</AssumedRoleId>"
          + "<Arn>arn:aws:sts::123456789012:assumed-role/urbanmine-nightly/urbanmine</Arn>"
          + "</AssumedRoleUser></AssumeRoleResult>"
          + "<ResponseMetadata><RequestId>fake-sts-1</RequestId></ResponseMetadata></AssumeRoleResponse>")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/xml");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The bodies of the requests received (form-encoded STS queries). */
  public List<String> requests() {
    return requests;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
