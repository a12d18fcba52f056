package org.urbanmine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    List<String> sets = new ArrayList<>(s3.settings());
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
}
