package org.urbanmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly on a real Spark standalone cluster: a master and two workers (one core each) on
 * 127.0.0.1, each its own JVM started from the project's Maven jars (no Spark distribution is
 * downloaded), and {@code jobs/run nightly} as the driver with {@code URBANMINE_SPARK_MASTER}.
 * Once the ewaste stage has started, one executor is killed with SIGKILL while it runs a task, as
 * a machine lost mid-stage; the master starts a replacement and Spark runs the lost task again
 * (and whatever the executor held that is needed again). The run must still exit 0 and publish
 * every table of the nightly equal, row for row, to a local run's: the results depend neither on
 * where tasks ran nor on the order in which partitions came back from other JVMs. Both runs take
 * the whole sample's put-on-market data (the ewaste stage, where the executor is lost, has work
 * to lose) and 33 countries' population (the forecast and outlook on fewer countries). Both read
 * the recovery records in splits of 20,000 bytes, so the largest file (84,614 bytes) is read in
 * five splits, by tasks on both executors.
 */
class StandaloneClusterIT {
  private static final Path ROOT = Path.of(System.getProperty("urbanmine.root", "..")).toAbsolutePath().normalize();
  private static final int WORKERS = 2;
  /** The largest sample record file, 84,614 bytes: five splits of {@link #SPLITS}. */
  private static final String LARGE_FILE = "eu-mobile-phones-estimates.csv";
  private static final String SPLITS = "urbanmine.input.split-bytes=20000";
  private static final Pattern ALIVE_WORKER = Pattern.compile("\"state\"\\s*:\\s*\"ALIVE\"");

  @TempDir
  static Path dir;
  private static Process master;
  private static final List<Process> workers = new ArrayList<>();
  private static String masterUrl;
  private static int masterUiPort;

  @BeforeAll
  static void startCluster() throws Exception {
    Path sparkHome = sparkHome(dir.resolve("spark-home"));
    int port = freePort();
    masterUiPort = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    master = startDaemon(sparkHome, "master", "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(masterUiPort));
    for (int i = 1; i <= WORKERS; i++) {
      Path work = Files.createDirectories(dir.resolve("worker-" + i));
      workers.add(startDaemon(sparkHome, "worker-" + i, "org.apache.spark.deploy.worker.Worker", masterUrl,
          "--cores", "1", "--memory", "1g", "--webui-port", "0", "--work-dir", work.toString()));
    }
    awaitAliveWorkers();
  }

  /** Workers before the master, so that none re-registers; each with its executors. */
  @AfterAll
  static void stopCluster() throws Exception {
    List<ProcessHandle> left = new ArrayList<>();
    for (Process worker : workers) {
      left.addAll(stop(worker.toHandle()));
    }
    if (master != null) {
      left.addAll(stop(master.toHandle()));
    }
    assertThat(left).as("cluster processes still running after SIGKILL").isEmpty();
  }

  @Test
  void aNightlyThatLosesAnExecutorMidStagePublishesWhatALocalRunDoes() throws Exception {
    Path clusterWarehouse = dir.resolve("cluster-warehouse");
    Path clusterLog = dir.resolve("nightly-cluster.log");
    ProcessBuilder onCluster = JobsRunIT.jobsRun("", clusterWarehouse, clusterLog, "nightly", "--set",
        org.urbanmine.SparkTestBase.TEST_DRAWS, "--set", JobsRunIT.FEW_COUNTRIES, "--set", SPLITS);
    onCluster.environment().put("URBANMINE_SPARK_MASTER", masterUrl);
    // The application's jar travels to the executors as on any cluster (Spark's own jars are
    // already there); the run starts only when both executors have registered, so that the
    // stage to be hit runs on both; each executor fits in its worker's 1 GB.
    onCluster.environment().put("JAVA_OPTS", JobsRunIT.LOCAL_JAVA_OPTS
        + " -Dspark.jars=" + ROOT.resolve("jobs/target/urbanmine-jobs.jar")
        + " -Dspark.scheduler.minRegisteredResourcesRatio=1.0"
        + " -Dspark.scheduler.maxRegisteredResourcesWaitingTime=60s -Dspark.executor.memory=900m");
    Path localWarehouse = dir.resolve("local-warehouse");
    Path localLog = dir.resolve("nightly-local.log");
    Process driver = onCluster.start();
    // The two runs share nothing but the input files: side by side, not one after the other.
    Process local = JobsRunIT.jobsRun("", localWarehouse, localLog, "nightly", "--set",
        org.urbanmine.SparkTestBase.TEST_DRAWS, "--set", JobsRunIT.FEW_COUNTRIES, "--set", SPLITS).start();
    try {
      killAnExecutorOnceLogged(driver, clusterLog, "stage ewaste: started");
      assertThat(driver.waitFor(5, TimeUnit.MINUTES))
          .as(() -> "the cluster run ended within 5 minutes" + tails(clusterLog)).isTrue();
      assertThat(local.waitFor(5, TimeUnit.MINUTES)).as("the local run ended within 5 minutes").isTrue();
    } finally {
      driver.destroyForcibly();
      local.destroyForcibly();
    }
    assertThat(driver.exitValue()).as(() -> "the cluster run's exit code" + tails(clusterLog)).isZero();
    assertThat(local.exitValue()).as(() -> "the local run's exit code" + tails(localLog)).isZero();
    // On the cluster, not silently on a local master: the master registered the application,
    // and the driver saw the executor go.
    assertThat(Files.readString(dir.resolve("master.log"), StandardCharsets.UTF_8))
        .contains("Registering app urbanmine nightly");
    assertThat(Files.readString(clusterLog, StandardCharsets.UTF_8)).contains("Lost executor")
        .contains("published " + JobsRunIT.TABLES);
    System.out.println("How the cluster run recovered:");
    Stream.concat(linesWith(clusterLog, "stage ewaste", "executor", "Lost task", "Resubmit", "FetchFailed"),
        linesWith(dir.resolve("master.log"), "executor")).forEach(line -> System.out.println("  " + line));

    // One file's splits were read on both executors (each logs the splits it reads).
    List<String> readers = new ArrayList<>();
    for (int i = 1; i <= WORKERS; i++) {
      try (Stream<Path> files = Files.walk(dir.resolve("worker-" + i))) {
        for (Path stderr : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
          if (Files.readString(stderr, StandardCharsets.UTF_8).contains("reading " + LARGE_FILE + " bytes")) {
            readers.add(dir.relativize(stderr).toString());
          }
        }
      }
    }
    assertThat(readers).as("executors that read splits of " + LARGE_FILE).hasSizeGreaterThanOrEqualTo(2);

    Map<String, List<String>> onTheCluster = JobsRunIT.tables(clusterWarehouse);
    Map<String, List<String>> locally = JobsRunIT.tables(localWarehouse);
    for (String table : JobsRunIT.TABLES) {
      assertThat(onTheCluster.get(table)).as(table).hasSameSizeAs(locally.get(table)).isEqualTo(locally.get(table));
    }
  }

  /**
   * SIGKILL to one executor JVM (a child of a worker) once the driver's log shows {@code marker}:
   * the first seen running a task (its log says so; bounded at a minute); checks that the stage
   * the marker names has not ended and that the executor is gone.
   */
  private static void killAnExecutorOnceLogged(Process driver, Path log, String marker) throws Exception {
    try {
      JobsRunIT.waitFor(driver, log, marker);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + tails(log, dir.resolve("master.log")), e);
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    Optional<Executor> busy = Optional.empty();
    while (busy.isEmpty() && System.nanoTime() < deadline && driver.isAlive()) {
      busy = executors().stream().filter(Executor::runningATask).findFirst();
      Thread.sleep(5);
    }
    Executor executor = busy.orElseThrow(() -> new AssertionError("no executor ran a task within a minute of '"
        + marker + "'; executors: " + executors() + tails(log)));
    String what = executor + " while it ran a task";
    assertThat(executor.process().destroyForcibly()).as("SIGKILL sent to %s", what).isTrue();
    try {
      executor.process().onExit().get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what + " still running 30 s after SIGKILL", e);
    }
    String stage = marker.substring(0, marker.lastIndexOf(' ') + 1);
    String sofar = Files.readString(log, StandardCharsets.UTF_8);
    // The marker's stage must still be running, or the kill tested nothing mid-stage.
    assertThat(sofar.substring(sofar.indexOf(marker) + marker.length())).as("the log when %s was killed", what)
        .doesNotContain(stage);
    System.out.printf("killed with SIGKILL after '%s': %s%n", marker, what);
  }

  /** An executor JVM and the stderr its worker gave it (Spark's INFO log: each task's start and end). */
  private record Executor(ProcessHandle process, String id, String app, Path stderr) {
    boolean runningATask() {
      try {
        String said = Files.readString(stderr, StandardCharsets.UTF_8);
        return count(said, "Executor: Running task ") > count(said, "Executor: Finished task ");
      } catch (IOException e) {
        return false;
      }
    }

    private static long count(String text, String what) {
      return Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    @Override
    public String toString() {
      return "executor " + id + " of " + app + " (pid " + process.pid() + ")";
    }
  }

  private static List<Executor> executors() {
    List<Executor> out = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      Path workDir = dir.resolve("worker-" + (i + 1));
      workers.get(i).descendants().forEach(p -> {
        String line = commandLine(p);
        if (line.contains("CoarseGrainedExecutorBackend")) {
          String id = argument(line, "--executor-id");
          String app = argument(line, "--app-id");
          out.add(new Executor(p, id, app, workDir.resolve(app).resolve(id).resolve("stderr")));
        }
      });
    }
    return out;
  }

  private static String argument(String commandLine, String option) {
    Matcher m = Pattern.compile(Pattern.quote(option) + " (\\S+)").matcher(commandLine);
    return m.find() ? m.group(1) : "?";
  }

  /** The whole command line: ProcessHandle.Info may leave it out for a process that is not ours. */
  private static String commandLine(ProcessHandle p) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"), StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return p.info().commandLine().orElse("");
    }
  }

  /** A SPARK_HOME of links to the jobs' runtime jars: all a master, a worker and its executors read. */
  private static Path sparkHome(Path home) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    String classpath = Files.readString(ROOT.resolve("jobs/target/runtime-classpath.txt")).trim();
    for (String entry : classpath.split(":")) {
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName());
      if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    return home;
  }

  /** A master or worker JVM with its output in {@code name}.log. */
  private static Process startDaemon(Path sparkHome, String name, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("spark.java17.flags").trim().split("\\s+")));
    command.addAll(List.of("-Xmx256m", "-cp", sparkHome.resolve("jars") + "/*", mainClass));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    // Without the Scala version the worker cannot build its executors' classpath (they never start).
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  /** Polls the master's status page until every worker is ALIVE; bounded at a minute. */
  private static void awaitAliveWorkers() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/")).build();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    String last = "(no answer)";
    while (System.nanoTime() < deadline && master.isAlive() && workers.stream().allMatch(Process::isAlive)) {
      try {
        last = http.send(status, HttpResponse.BodyHandlers.ofString()).body();
        if (ALIVE_WORKER.matcher(last).results().count() == WORKERS) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the master at " + masterUrl + " never had " + WORKERS
        + " workers ALIVE; its status: " + last + tails(daemonLogs()));
  }

  private static Path[] daemonLogs() {
    return Stream.concat(Stream.of("master"), Stream.iterate(1, i -> i + 1).limit(WORKERS).map(i -> "worker-" + i))
        .map(name -> dir.resolve(name + ".log")).toArray(Path[]::new);
  }

  /**
   * SIGTERM to the process and its descendants (taken first: they leave the tree when their
   * parent goes), SIGKILL to any still running after 20 s; the ones still running after that.
   */
  private static List<ProcessHandle> stop(ProcessHandle process) throws Exception {
    List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process)).toList();
    tree.forEach(ProcessHandle::destroy);
    List<ProcessHandle> left = new ArrayList<>();
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(20, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        p.destroyForcibly();
        try {
          p.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException stillThere) {
          left.add(p);
        }
      }
    }
    return left;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Stream<String> linesWith(Path log, String... words) throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(line -> Arrays.stream(words).anyMatch(line::contains));
  }

  /** The last 40 lines of each log (and of the executors' stderr), for a failure's message. */
  private static String tails(Path... logs) {
    StringBuilder out = new StringBuilder();
    try {
      List<Path> all = new ArrayList<>(Arrays.asList(logs));
      for (int i = 1; i <= WORKERS; i++) {
        // A worker's executors write to <work-dir>/<app>/<executor>/stderr.
        try (Stream<Path> files = Files.walk(dir.resolve("worker-" + i), 3)) {
          files.filter(f -> f.getFileName().toString().equals("stderr")).sorted().forEach(all::add);
        }
      }
      for (Path log : all) {
        List<String> lines = Files.exists(log)
            ? List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n")) : List.of();
        out.append("\n--- ").append(dir.relativize(log)).append(", last 40 lines ---\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      }
    } catch (IOException e) {
      out.append("\n(logs not readable: ").append(e).append(')');
    }
    return out.toString();
  }
}
