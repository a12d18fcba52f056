package org.urbanmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.FakeSts;
import org.urbanmine.FaultyProxy;
import org.urbanmine.S3ProxyServer;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.tables.TableSpec;

/**
 * {@code jobs/run} reading its inputs from an S3-compatible server (S3Proxy, its own JVM) over
 * plain HTTP and over TLS, with credentials from the AWS environment variables only.
 */
class S3JobsRunIT {
  private static final Path ROOT = Path.of(System.getProperty("urbanmine.root", "..")).toAbsolutePath().normalize();

  @TempDir
  static Path dir;
  private static S3ProxyServer s3;

  @BeforeAll
  static void startServer() throws Exception {
    s3 = S3ProxyServer.start(dir, true);
    s3.upload("records", "in", ROOT.resolve("sample-data/recovery-records"));
  }

  @AfterAll
  static void stopServer() {
    s3.close();
  }

  private static String ingest(String endpoint, Path warehouse, String javaOpts) throws Exception {
    return run("ingest", endpoint, warehouse.toString(), javaOpts);
  }

  private static String run(String jobsCommand, String endpoint, String warehouse, String javaOpts) throws Exception {
    return run(jobsCommand, endpoint, warehouse, javaOpts, S3JobsRunIT::keysInEnvironment);
  }

  private static void keysInEnvironment(Map<String, String> env) {
    env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
  }

  /** {@code credentials} puts into the environment what S3A will find its credentials by. */
  private static String run(String jobsCommand, String endpoint, String warehouse, String javaOpts,
      Consumer<Map<String, String>> credentials, String... sets) throws Exception {
    Process p = start(jobsCommand, endpoint, warehouse, javaOpts, credentials, sets).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static ProcessBuilder start(String jobsCommand, String endpoint, String warehouse, String javaOpts,
      Consumer<Map<String, String>> credentials, String... sets) {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("jobs/run").toString(), jobsCommand,
        "--set", "urbanmine.input.recovery-records=s3a://records/in", "--set", org.urbanmine.SparkTestBase.TEST_DRAWS));
    for (String set : s3.settings(endpoint)) {
      command.addAll(List.of("--set", set));
    }
    for (String set : sets) {
      command.addAll(List.of("--set", set));
    }
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().put("URBANMINE_WAREHOUSE", warehouse);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    credentials.accept(pb.environment());
    pb.environment().put("JAVA_OPTS", "-Xmx1g -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1 " + javaOpts);
    return pb;
  }

  @Test
  void credentialsComeFromTheEnvironmentAndAreNeverWrittenDown() throws Exception {
    Path warehouse = dir.resolve("wh-http");
    String out = ingest(s3.endpoint(), warehouse, "");
    assertThat(out).contains("wrote recovery_records (474 rows)");
    assertThat(out).doesNotContain(S3ProxyServer.SECRET_KEY).doesNotContain(S3ProxyServer.ACCESS_KEY);
    // Nothing in the warehouse (tables, run history, lock) holds either key.
    try (var files = Files.walk(warehouse)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(f.toString()).doesNotContain(S3ProxyServer.SECRET_KEY)
            .doesNotContain(S3ProxyServer.ACCESS_KEY);
      }
    }
  }

  /**
   * S3 cuts the answer to Spark's read of the larger file inside its headers, which S3A passes
   * on as an empty file without an error. The task's check fails it, jobs/run's local[*,4]
   * runs it again, and the run ends whole.
   */
  @Test
  void aShortReadIsRetriedAsATaskAndTheRunIsWhole() throws Exception {
    try (FaultyProxy proxy = FaultyProxy.cuttingHeaders(s3.port(), "/in/eu-mobile-phones-estimates.csv", 1, 1,
        "Content-Length")) {
      String out = ingest(proxy.endpoint(), dir.resolve("wh-retried"), "");
      assertThat(proxy.cuts()).isEqualTo(1);
      assertThat(out).contains("read as 0 bytes").contains("wrote recovery_records (474 rows)");
    }
  }

  /**
   * An assumed role without the SDK bundle: an AWS profile with role_arn and source_profile, read
   * by the SDK's DefaultCredentialsProvider, which calls STS through the sts module we ship (a
   * fake STS on 127.0.0.1, via AWS_ENDPOINT_URL_STS). S3 is then signed with the role's
   * temporary keys and session token.
   */
  @Test
  void anAssumedRoleFromAnAwsProfileWorksWithoutTheBundle() throws Exception {
    Path config = Files.writeString(dir.resolve("aws-config"), String.join("\n",
        "[profile base]", "aws_access_key_id = base-key-not-for-s3", "aws_secret_access_key = base-secret",
        "[profile urbanmine]", "role_arn = arn:aws:iam::123456789012:role/urbanmine-nightly",
        "source_profile = base", "region = us-east-1", ""));
    try (FakeSts sts = new FakeSts(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)) {
      String out = run("ingest", s3.endpoint(), dir.resolve("wh-role").toString(), "", env -> {
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials-file").toString());
        env.put("AWS_PROFILE", "urbanmine");
        env.put("AWS_ENDPOINT_URL_STS", sts.endpoint());
      }, "urbanmine.spark.conf.\"spark.hadoop.fs.s3a.aws.credentials.provider\""
          + "=software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
      assertThat(out).contains("wrote recovery_records (474 rows)");
      assertThat(sts.requests()).isNotEmpty().allSatisfy(body -> assertThat(body).contains("Action=AssumeRole")
          .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Furbanmine-nightly"));
      assertThat(out).doesNotContain(FakeSts.SESSION_TOKEN).doesNotContain(S3ProxyServer.SECRET_KEY);
    }
  }

  /**
   * A run with its warehouse on S3 killed (SIGKILL) in publication, after its first table was
   * switched: the next run takes over the lock the dead process left, clears its staging area,
   * and publishes every table whole, one object each; and no object, nor the output, holds a key.
   * An ingest, the shortest command that stages, audits and publishes more than one table:
   * publication is the same code for every command, and S3WarehouseTest publishes a whole
   * nightly on S3.
   */
  @Test
  void aRunKilledDuringPublicationOnS3IsRepairedByTheNext() throws Exception {
    try (var client = s3.client()) {
      client.createBucket(b -> b.bucket("killed"));
      Path log = dir.resolve("killed.log");
      Process victim = start("ingest", s3.endpoint(), "s3a://killed/wh", "", S3JobsRunIT::keysInEnvironment)
          .redirectOutput(log.toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!(Files.exists(log) && Files.readString(log).contains("now holds version"))) {
        assertThat(victim.isAlive() && System.nanoTime() < deadline).as("the run reached publication").isTrue();
        Thread.sleep(10);
      }
      victim.destroyForcibly().waitFor();
      String out = run("ingest", s3.endpoint(), "s3a://killed/wh", "", S3JobsRunIT::keysInEnvironment);
      assertThat(out).contains("taking over the lock of run").contains("removing the staging area of an earlier run")
          .contains("wrote recovery_records (474 rows)").contains("published [");
      assertThat(out).doesNotContain(S3ProxyServer.SECRET_KEY).doesNotContain(S3ProxyServer.ACCESS_KEY);
      assertThat(Files.readString(log)).doesNotContain(S3ProxyServer.SECRET_KEY)
          .doesNotContain(S3ProxyServer.ACCESS_KEY);
      // Keys ending in "/" are S3A's empty directory markers, which it keeps by default; no reader sees them.
      List<String> keys = client.listObjectsV2Paginator(b -> b.bucket("killed")).contents().stream()
          .map(o -> o.key()).filter(k -> !k.endsWith("/")).toList();
      assertThat(keys).noneMatch(k -> k.startsWith("wh/_staging/")).doesNotContain("wh/_lock");
      List<TableSpec> tables = new ArrayList<>(Command.INGEST.outputs());
      tables.add(RunHistory.TABLE);
      for (TableSpec table : tables) {
        String partition = table.isPartitioned() ? "scenario=baseline/" : "";
        assertThat(keys.stream().filter(k -> k.startsWith("wh/" + table.name() + "/"))).as(table.name())
            .containsExactly("wh/" + table.name() + "/" + partition + "part-00000.parquet");
      }
      for (String key : keys) {
        String bytes = new String(client.getObjectAsBytes(b -> b.bucket("killed").key(key)).asByteArray(),
            StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(key).doesNotContain(S3ProxyServer.SECRET_KEY).doesNotContain(S3ProxyServer.ACCESS_KEY);
      }
    }
  }

  @Test
  void aTlsEndpointWorksWithTheSdkModulesWeShip() throws Exception {
    String out = ingest(s3.tlsEndpoint(), dir.resolve("wh-tls"),
        "-Djavax.net.ssl.trustStore=" + s3.trustStore() + " -Djavax.net.ssl.trustStorePassword="
            + S3ProxyServer.STORE_PASSWORD);
    assertThat(out).contains("wrote recovery_records (474 rows)");
  }
}
