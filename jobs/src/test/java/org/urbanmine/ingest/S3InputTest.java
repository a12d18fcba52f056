package org.urbanmine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.FaultyProxy;
import org.urbanmine.S3ProxyServer;
import org.urbanmine.SparkTestBase;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.config.Settings;

/**
 * Recovery records read through S3A from a real S3-compatible server (S3Proxy, its own JVM on
 * 127.0.0.1) give the same tables as the same files read from the local disk.
 */
class S3InputTest extends SparkTestBase {
  private static final Path SAMPLE = Path.of("../sample-data/recovery-records").toAbsolutePath().normalize();

  @TempDir
  static Path dir;
  private static S3ProxyServer s3;

  @BeforeAll
  static void startServer() throws Exception {
    s3 = S3ProxyServer.start(dir);
    s3.upload("records", "nightly/in", SAMPLE);
    // Test credentials through S3A's own keys; jobs/run takes them from AWS_* variables instead.
    spark.sparkContext().hadoopConfiguration().set("fs.s3a.access.key", S3ProxyServer.ACCESS_KEY);
    spark.sparkContext().hadoopConfiguration().set("fs.s3a.secret.key", S3ProxyServer.SECRET_KEY);
  }

  @AfterAll
  static void stopServer() {
    spark.sparkContext().hadoopConfiguration().unset("fs.s3a.access.key");
    spark.sparkContext().hadoopConfiguration().unset("fs.s3a.secret.key");
    s3.close();
  }

  private static Dataset<Row> ingest(String input, Path warehouse) {
    return ingest(input, warehouse, s3.endpoint());
  }

  private static Dataset<Row> ingest(String input, Path warehouse, String endpoint) {
    List<String> sets = new ArrayList<>(s3.settings(endpoint));
    sets.add("urbanmine.input.recovery-records=" + input);
    sets.add("urbanmine.warehouse=" + warehouse);
    Settings settings = settings(sets.toArray(new String[0]));
    UrbanMine.run(spark, Command.INGEST, settings);
    return spark.read().parquet(warehouse.resolve("recovery_records").toString()).drop("run_id");
  }

  @Test
  void recordsOnS3GiveTheSameTableAsOnDisk() {
    Dataset<Row> fromS3 = ingest("s3a://records/nightly/in", dir.resolve("wh-s3"));
    Dataset<Row> fromDisk = ingest(SAMPLE.toString(), dir.resolve("wh-local"));
    assertThat(fromS3.count()).isEqualTo(474);
    assertThat(fromS3.exceptAll(fromDisk).count()).isZero();
    assertThat(fromDisk.exceptAll(fromS3).count()).isZero();
    // The run history names the S3 objects it read, with their checksums.
    Row run = spark.read().parquet(dir.resolve("wh-s3/runs").toString()).first();
    assertThat(run.getString(run.fieldIndex("inputs"))).contains("s3a://records/nightly/in/japan-2014-nikkei.csv");
  }

  /**
   * S3 answering "503 Slow Down" to the first three connections: S3A backs off and retries, and
   * the table is complete. (Each test uses its own bucket: S3A keeps one client per bucket.)
   */
  @Test
  void throttlingIsRetriedAndTheTableIsWhole() throws Exception {
    s3.upload("throttled", "in", SAMPLE);
    try (FaultyProxy proxy = new FaultyProxy(s3.port(), 3)) {
      Dataset<Row> table = ingest("s3a://throttled/in", dir.resolve("wh-throttled"), proxy.endpoint());
      assertThat(proxy.slowDowns()).isEqualTo(3);
      assertThat(table.count()).isEqualTo(474);
    }
  }

  /**
   * The first five connections are cut after 20,000 bytes of the server's answer, which only
   * the one larger file's reads reach: S3A opens the stream again where it broke, and every row
   * arrives once.
   */
  @Test
  void droppedConnectionsAreResumedAndNothingIsLostOrDoubled() throws Exception {
    s3.upload("dropping", "in", SAMPLE);
    try (FaultyProxy proxy = new FaultyProxy(s3.port(), 0, 5, 20_000)) {
      Dataset<Row> table = ingest("s3a://dropping/in", dir.resolve("wh-dropping"), proxy.endpoint());
      assertThat(proxy.drops()).as("connections cut mid-body").isPositive();
      assertThat(table.count()).isEqualTo(474);
      assertThat(table.select("record_id").distinct().count()).isEqualTo(474);
    }
  }

  /** No server at the endpoint: the run fails within the few retries the tests allow, publishing nothing. */
  @Test
  void anUnreachableServerFailsTheRunAndPublishesNothing() throws Exception {
    int closedPort;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    Path warehouse = dir.resolve("wh-unreachable");
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> ingest("s3a://unreachable/in", warehouse, "http://127.0.0.1:" + closedPort))
        .hasMessageContaining("s3a://unreachable/in");
    assertThat((System.nanoTime() - t0) / 1e9).as("seconds to give up").isLessThan(120);
    assertThat(warehouse.resolve("recovery_records")).doesNotExist();
  }
}
