package org.urbanmine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: S3Proxy with an in-memory store, in its own JVM on
 * 127.0.0.1 and a free port. Its classpath is resolved once from src/test/s3proxy/pom.xml.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key-5f2c9e";

  public static final String STORE_PASSWORD = "changeit-test";

  private final Process process;
  private final int port;
  private final int tlsPort;
  private final Path trustStore;

  private S3ProxyServer(Process process, int port, int tlsPort, Path trustStore) {
    this.process = process;
    this.port = port;
    this.tlsPort = tlsPort;
    this.trustStore = trustStore;
  }

  public static S3ProxyServer start(Path workDir) throws IOException, InterruptedException {
    return start(workDir, false);
  }

  /**
   * @param tls also serve HTTPS, with a self-signed certificate for 127.0.0.1 made here by
   *     keytool; {@link #trustStore()} holds that certificate for the clients
   */
  public static S3ProxyServer start(Path workDir, boolean tls) throws IOException, InterruptedException {
    Path classpath = Path.of("target/s3proxy-classpath.txt").toAbsolutePath();
    if (!Files.exists(classpath)) {
      Process mvn = new ProcessBuilder("mvn", "-q", "-B", "-ntp", "-f", "src/test/s3proxy/pom.xml",
          "dependency:build-classpath", "-Dmdep.outputFile=" + classpath)
          .redirectErrorStream(true).redirectOutput(workDir.resolve("mvn-s3proxy.log").toFile()).start();
      if (!mvn.waitFor(5, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
        throw new IOException("resolving S3Proxy failed: " + Files.readString(workDir.resolve("mvn-s3proxy.log")));
      }
    }
    int port = freePort();
    int tlsPort = tls ? freePort() : -1;
    Path trustStore = tls ? selfSignedStores(workDir) : null;
    Path properties = workDir.resolve("s3proxy.properties");
    List<String> tlsLines = !tls ? List.of() : List.of(
        "s3proxy.secure-endpoint=https://127.0.0.1:" + tlsPort,
        "s3proxy.keystore-path=" + workDir.resolve("server.jks"),
        "s3proxy.keystore-password=" + STORE_PASSWORD);
    Files.writeString(properties, String.join("\n", tlsLines) + "\n" + String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "s3proxy.ignore-unknown-headers=true",
        "jclouds.provider=transient",
        "jclouds.identity=unused",
        "jclouds.credential=unused", ""));
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-cp", Files.readString(classpath).trim(), "org.gaul.s3proxy.Main", "--properties", properties.toString())
        .redirectErrorStream(true).redirectOutput(workDir.resolve("s3proxy.log").toFile()).start();
    S3ProxyServer server = new S3ProxyServer(process, port, tlsPort, trustStore);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("S3Proxy exited: " + Files.readString(workDir.resolve("s3proxy.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return server;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    server.close();
    throw new IOException("S3Proxy did not open port " + port + " within 60 s");
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public String tlsEndpoint() {
    return "https://127.0.0.1:" + tlsPort;
  }

  public Path trustStore() {
    return trustStore;
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /** server.jks (key and self-signed certificate for 127.0.0.1) and trust.jks (the certificate). */
  private static Path selfSignedStores(Path workDir) throws IOException, InterruptedException {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Path server = workDir.resolve("server.jks");
    Path cert = workDir.resolve("server.cer");
    Path trust = workDir.resolve("trust.jks");
    keytool(workDir, keytool, "-genkeypair", "-alias", "s3proxy", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore", server.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD,
        "-storetype", "JKS");
    keytool(workDir, keytool, "-exportcert", "-alias", "s3proxy", "-keystore", server.toString(),
        "-storepass", STORE_PASSWORD, "-file", cert.toString());
    keytool(workDir, keytool, "-importcert", "-noprompt", "-alias", "s3proxy", "-file", cert.toString(),
        "-keystore", trust.toString(), "-storepass", STORE_PASSWORD, "-storetype", "JKS");
    return trust;
  }

  private static void keytool(Path workDir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(workDir.resolve("keytool.log").toFile()).start();
    if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + Files.readString(workDir.resolve("keytool.log")));
    }
  }

  /** An SDK client for setting up buckets and objects in tests. */
  public S3Client client() {
    return S3Client.builder().endpointOverride(URI.create(endpoint())).forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /** Creates {@code bucket} and uploads every file of {@code dir} under {@code prefix}. */
  public void upload(String bucket, String prefix, Path dir) throws IOException {
    try (S3Client s3 = client(); var files = Files.list(dir)) {
      s3.createBucket(b -> b.bucket(bucket));
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        s3.putObject(b -> b.bucket(bucket).key(prefix + "/" + f.getFileName()), RequestBody.fromFile(f));
      }
    }
  }

  /** Gives S3A this server's test credentials through its own keys (jobs/run reads AWS_* variables instead). */
  public static void grantAccess(org.apache.hadoop.conf.Configuration conf) {
    conf.set("fs.s3a.access.key", ACCESS_KEY);
    conf.set("fs.s3a.secret.key", SECRET_KEY);
  }

  public static void revokeAccess(org.apache.hadoop.conf.Configuration conf) {
    conf.unset("fs.s3a.access.key");
    conf.unset("fs.s3a.secret.key");
  }

  /** Settings that point S3A at this server, with few retries so a fault fails fast. */
  public List<String> settings() {
    return settings(endpoint());
  }

  public List<String> settings(String endpoint) {
    return List.of("urbanmine.s3.endpoint=" + endpoint, "urbanmine.s3.path-style-access=true",
        "urbanmine.s3.region=us-east-1",
        "urbanmine.spark.conf.\"spark.hadoop.fs.s3a.attempts.maximum\"=2",
        "urbanmine.spark.conf.\"spark.hadoop.fs.s3a.retry.limit\"=2");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
  }
}
