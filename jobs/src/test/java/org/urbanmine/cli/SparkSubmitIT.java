package org.urbanmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/target/urbanmine-jobs-submit.jar} through Spark's own {@code SparkSubmit}, on a
 * classpath of Spark's jars only (no Typesafe Config: the submit jar must bring it), as
 * {@code spark-submit --class org.urbanmine.cli.UrbanMine} would run it.
 */
class SparkSubmitIT {
  private static final Path ROOT = Path.of(System.getProperty("urbanmine.root", "..")).toAbsolutePath().normalize();

  private static String sparkClasspath() throws Exception {
    String all = Files.readString(ROOT.resolve("jobs/target/runtime-classpath.txt")).trim();
    // Leave out what the submit jar must bring itself: Typesafe Config, S3A and the AWS SDK.
    return Arrays.stream(all.split(":"))
        .filter(j -> !j.contains("/com/typesafe/config/") && !j.contains("/org/apache/hadoop/hadoop-aws/")
            && !j.contains("/software/amazon/"))
        .collect(Collectors.joining(":"));
  }

  private static int submit(Path log, String... appArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("spark.java17.flags").trim().split("\\s+")));
    command.addAll(List.of("-Xmx1g", "-Dlog4j2.configurationFile=" + ROOT.resolve("conf/log4j2.properties"),
        "-cp", sparkClasspath(), "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.sql.shuffle.partitions=4", "--conf", "spark.driver.host=127.0.0.1",
        "--class", "org.urbanmine.cli.UrbanMine",
        ROOT.resolve("jobs/target/urbanmine-jobs-submit.jar").toString()));
    command.addAll(List.of(appArgs));
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return p.exitValue();
  }

  @Test
  void theSubmitJarRunsNightlyUnderSparkSubmit(@TempDir Path dir) throws Exception {
    Path warehouse = dir.resolve("warehouse");
    Path log = dir.resolve("submit.log");
    int exit = submit(log, "nightly", "--set", "urbanmine.warehouse=" + warehouse, "--set",
        org.urbanmine.SparkTestBase.TEST_DRAWS, "--set", JobsRunIT.TWO_COUNTRIES, "--set", JobsRunIT.FEW_COUNTRIES);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output).contains("stage outlook: read", "published [recovery_records");
    assertThat(warehouse.resolve("medal_outlook")).isDirectory();

    int bad = submit(log, "forecast", "--set", "urbanmine.forecast.horizon=1999");
    assertThat(bad).isEqualTo(2);
    assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("urbanmine.forecast.horizon must be at least");
  }
}
