package org.urbanmine.cli;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.analyst.BadQueryException;
import org.urbanmine.config.ConfigurationException;
import org.urbanmine.config.Settings;
import org.urbanmine.config.SettingsLoader;
import org.urbanmine.generate.SyntheticRecords;
import org.urbanmine.pipeline.Pipeline;
import org.urbanmine.pipeline.Rollback;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.publish.S3Access;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.report.ReportJob;
import org.urbanmine.scenario.ScenarioComparison;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.SparkActivity;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.ScenarioComparisonTable;
import org.urbanmine.tables.TableSpec;

/**
 * {@code jobs/run <command> [options]}: parses the command line, loads and validates the
 * configuration, builds the Spark session (the master comes from {@code spark.master}, set by
 * the launcher or by spark-submit, never from here) and runs the command's stages.
 *
 * <p>Exit codes: 0 success; 1 the run failed; 2 usage or configuration error.
 */
public final class UrbanMine {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private static final Logger LOG = LoggerFactory.getLogger(UrbanMine.class);
  private static final int RECENT_RUNS = 20;
  static final String HUGE_METHOD_LIMIT = "spark.sql.codegen.hugeMethodLimit";
  static final String PAGE_SIZE = "spark.buffer.pageSize";

  private UrbanMine() {}

  public static void main(String[] args) {
    System.exit(dispatch(args));
  }

  static int dispatch(String[] args) {
    if (args.length == 0) {
      System.err.print(usage());
      return USAGE;
    }
    if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      System.out.print(usage());
      return OK;
    }
    Command command;
    try {
      command = Command.named(args[0]);
    } catch (UsageException e) {
      System.err.println("urbanmine: " + e.getMessage());
      System.err.print(usage());
      return USAGE;
    }
    return execute(command, Arrays.copyOfRange(args, 1, args.length));
  }

  /** Runs {@code command}; returns the process exit code. */
  public static int execute(Command command, String[] args) {
    Settings settings;
    CommandLine line;
    try {
      line = CommandLine.parse(command, args);
      if (line.help()) {
        System.out.print(help(command));
        return OK;
      }
      settings = new SettingsLoader(System.getenv(), Year.now(ZoneOffset.UTC).getValue(),
          System.getProperty(SettingsLoader.HOME_PROPERTY))
          .load(line.confFile(), line.scenario(), line.sets());
    } catch (ConfigurationException e) {
      System.err.println("urbanmine " + command.commandName() + ": " + e.getMessage());
      System.err.println("(jobs/run " + command.commandName() + " --help for usage)");
      return USAGE;
    }
    SparkSession spark = null;
    SparkActivity activity = null;
    long start = System.nanoTime();
    try {
      if (command == Command.DESCRIBE) {
        AnalystCommand.describe(line.arguments().get(0), settings, System.out);
        return OK;
      }
      if (command == Command.GENERATE) {
        generate(settings, line);
        return OK;
      }
      if (command == Command.NIGHTLY && !line.force()) {
        // Whether there is anything to do is known from the run history and the inputs' sizes,
        // times and fingerprints: a night with nothing new does not start Spark.
        CommandLine.checkArguments(command, line.arguments());
        RunContext context = context(command, settings, line.arguments(), hadoopConfiguration(settings));
        List<Stage> stages = command.stages();
        Optional<Pipeline.Fingerprints> inputs = Pipeline.unlessUnchanged(context, command.commandName(), stages);
        if (inputs.isEmpty() && context.warehouse().versions().exists(reportPage(context.warehouse()))) {
          LOG.info("{}: nothing to do, decided before Spark started, {} s from the command's start",
              command.commandName(), String.format("%.1f", (System.nanoTime() - start) / 1e9));
          return OK;
        }
        spark = session(command, settings);
        activity = SparkActivity.listen(spark);
        S3Access.apply(spark, settings);
        context.warehouse().attach(spark);
        if (inputs.isPresent()) {
          nightly(spark, context, stages, true, inputs.get());
        } else {
          refreshReport(spark, context.warehouse(), settings, false);
        }
        return OK;
      }
      spark = session(command, settings);
      activity = SparkActivity.listen(spark);
      if (command == Command.TABLES || command == Command.QUERY || command == Command.REPORT) {
        AnalystCommand.run(spark, command, settings, line, System.out);
      } else {
        run(spark, command, settings, line.force(), line.arguments());
      }
      return OK;
    } catch (BadQueryException e) {
      System.err.println("urbanmine query: " + e.getMessage());
      return USAGE;
    } catch (UsageException e) {
      System.err.println("urbanmine " + command.commandName() + ": " + e.getMessage());
      return USAGE;
    } catch (ConfigurationException e) {
      LOG.error("{}: {}", command.commandName(), e.getMessage());
      return USAGE;
    } catch (RunFailedException e) {
      LOG.error("{} failed: {}", command.commandName(), e.getMessage());
      return FAILED;
    } catch (Exception e) {
      // Also Spark's checked SparkException, which its actions throw undeclared.
      LOG.error("{} failed", command.commandName(), e);
      return FAILED;
    } finally {
      if (activity != null) {
        // The whole command's Spark work (run history, stages, audit, report): what a night costs.
        LOG.info("{}: {} in all, {} s from the command's start", command.commandName(), activity.now(),
            String.format("%.1f", (System.nanoTime() - start) / 1e9));
        activity.close();
      }
      if (spark != null) {
        spark.stop();
      }
    }
  }

  private static void generate(Settings settings, CommandLine line) {
    long seed = line.seed() == null ? CommandLine.DEFAULT_SEED : line.seed();
    SyntheticRecords.Manifest manifest;
    try {
      manifest = SyntheticRecords.generate(settings, line.rows(), seed, line.output(),
          line.rowsPerFile() == null ? SyntheticRecords.ROWS_PER_FILE : line.rowsPerFile().intValue());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    System.out.println(manifest.summary(java.nio.file.Path.of(line.output().replaceFirst("^file://", ""))));
  }

  /** Runs {@code command} in {@code spark} with a new run id. */
  public static List<StageReport> run(SparkSession spark, Command command, Settings settings) {
    return run(spark, command, settings, false);
  }

  /**
   * Runs {@code command} in {@code spark} with a new run id; {@code force} runs {@code nightly}
   * even when nothing changed since its last run.
   */
  public static List<StageReport> run(SparkSession spark, Command command, Settings settings, boolean force) {
    return run(spark, command, settings, force, List.of());
  }

  /**
   * Runs {@code command} with its positional {@code arguments} (for {@code compare}, the two
   * scenarios A and B; for every other command, none) in {@code spark} with a new run id;
   * {@code force} as above. {@code compare} also prints the comparison to standard output.
   *
   * @throws UsageException when the arguments do not suit the command
   */
  public static List<StageReport> run(SparkSession spark, Command command, Settings settings, boolean force,
      List<String> arguments) {
    CommandLine.checkArguments(command, arguments);
    S3Access.apply(spark, settings);
    RunContext context = context(command, settings, arguments, spark.sparkContext().hadoopConfiguration());
    Warehouse warehouse = context.warehouse();
    warehouse.attach(spark);
    return switch (command) {
      case RUNS -> {
        RunHistory.show(warehouse, RECENT_RUNS);
        yield List.of();
      }
      case ROLLBACK -> {
        Rollback.run(spark, context);
        yield List.of();
      }
      case COMPARE -> {
        List<StageReport> reports = Pipeline.run(spark, context, command.commandName(), command.stages(), false);
        ScenarioComparison.print(warehouse.read(ScenarioComparisonTable.TABLE), arguments.get(0), arguments.get(1));
        yield reports;
      }
      case NIGHTLY -> nightly(spark, context, command.stages(), !force, null);
      case TABLES, DESCRIBE, QUERY, REPORT, GENERATE ->
          throw new IllegalArgumentException(command.commandName() + " reads tables; see AnalystCommand");
      default -> Pipeline.run(spark, context, command.commandName(), command.stages(), false);
    };
  }

  /**
   * The nightly stages ({@link Pipeline#run}, {@code fingerprints} as it takes them), then the
   * report.
   */
  private static List<StageReport> nightly(SparkSession spark, RunContext context, List<Stage> stages,
      boolean skipUnchanged, Pipeline.Fingerprints fingerprints) {
    List<StageReport> reports = Pipeline.run(spark, context, Command.NIGHTLY.commandName(), stages, skipUnchanged,
        fingerprints);
    refreshReport(spark, context.warehouse(), context.settings(), !reports.isEmpty());
    return reports;
  }

  /**
   * Rewrites {@code <warehouse>/report.html} from the tables just published, or when a run that
   * published nothing finds no report. The tables are published by then: a failure here fails
   * the run (exit 1) and says that only the report is stale.
   */
  private static void refreshReport(SparkSession spark, Warehouse warehouse, Settings settings, boolean published) {
    org.apache.hadoop.fs.Path page = reportPage(warehouse);
    if (!published && warehouse.versions().exists(page)) {
      return;
    }
    try {
      long t0 = System.nanoTime();
      ReportJob.write(spark, warehouse, null, settings);
      LOG.info("report: written in {} s", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
    } catch (Exception e) {
      throw new RunFailedException("the tables are published, but the report " + Warehouse.display(page)
          + " could not be refreshed (jobs/run report retries it): " + e.getMessage(), e);
    }
  }

  private static org.apache.hadoop.fs.Path reportPage(Warehouse warehouse) {
    return new org.apache.hadoop.fs.Path(warehouse.root(), ReportJob.FILE_NAME);
  }

  /** A new run of {@code command}: its id, and the warehouse it writes, with no session attached yet. */
  private static RunContext context(Command command, Settings settings, List<String> arguments,
      Configuration hadoop) {
    String runId = RunContext.newRunId(Instant.now());
    Map<String, String> partition = new HashMap<>();
    partition.put(TableSpec.SCENARIO, settings.scenario());
    if (command == Command.COMPARE) {
      partition.put(ScenarioComparisonTable.SCENARIO_A, arguments.get(0));
      partition.put(ScenarioComparisonTable.SCENARIO_B, arguments.get(1));
    }
    return new RunContext(settings, runId, new Warehouse(hadoop, settings.warehouse(), runId, partition));
  }

  /**
   * The Hadoop configuration the session {@link #session} builds will have, S3 settings
   * included, built without starting Spark: Spark derives its own the same way, from the same
   * settings (its {@code SparkHadoopUtil}).
   */
  public static Configuration hadoopConfiguration(Settings settings) {
    SparkConf conf = new SparkConf();
    sessionDefaults(conf).forEach(conf::set);
    settings.sparkConf().forEach(conf::set);
    Configuration hadoop = SparkHadoopUtil.get().newConfiguration(conf);
    S3Access.apply(hadoop, settings);
    return hadoop;
  }

  private static SparkSession session(Command command, Settings settings) {
    SparkSession.Builder builder = SparkSession.builder().appName("urbanmine " + command.commandName());
    sessionDefaults(new SparkConf()).forEach(builder::config);
    settings.sparkConf().forEach(builder::config);
    return builder.getOrCreate();
  }

  /**
   * Spark settings this pipeline runs better with, less those already {@code given} (by
   * spark-submit's {@code --conf} or a {@code -Dspark.*} property); a value in
   * urbanmine.spark.conf is applied after these and wins.
   */
  static Map<String, String> sessionDefaults(SparkConf given) {
    Map<String, String> defaults = new LinkedHashMap<>();
    // HotSpot does not JIT-compile a method of more than 8,000 bytes of bytecode (HugeMethodLimit)
    // and Spark's default limit is 65,535, so a long plan fragment ran interpreted: the ingest's
    // parse-and-normalise stage (one processNext of about 13,600 bytes) took twice the CPU it takes
    // when Spark, at this limit, evaluates that fragment operator by operator with compiled
    // expressions instead. Spark's own documentation suggests this value on HotSpot.
    defaults.put(HUGE_METHOD_LIMIT, "8000");
    // Every sort and hash aggregation of a task takes at least one memory page, zeroed when
    // allocated, and Spark sizes pages from the heap: 64 MB on a laptop's heap. The sample night,
    // a few hundred small sorts and aggregations, allocated gigabytes of pages for kilobytes of
    // rows (1 GB of them still on the heap late in the run, 3.8 s of collection). Larger inputs
    // just fill more pages of this size; a row larger than a page gets a page of its own.
    defaults.put(PAGE_SIZE, "4m");
    defaults.keySet().removeIf(given::contains);
    return defaults;
  }

  static String usage() {
    StringBuilder sb = new StringBuilder();
    sb.append("usage: jobs/run <command> [--conf FILE] [--scenario NAME] [--set key=value]... [--force] [--help]\n");
    sb.append("       jobs/run compare A B [options]\n");
    sb.append("       jobs/run describe TABLE\n");
    sb.append("       jobs/run query \"SQL\" [--format table|csv|json|parquet] [--output PATH]\n");
    sb.append("       jobs/run report [--output PATH]\n");
    sb.append("       jobs/run generate --rows N --output DIR [--seed S]\n\n");
    sb.append("commands:\n");
    for (Command c : Command.values()) {
      sb.append(String.format("  %-10s %s%n", c.commandName(), c.summary()));
    }
    sb.append(OPTIONS);
    return sb.toString();
  }

  static String help(Command command) {
    String arguments = switch (command) {
      case COMPARE -> " A B";
      case DESCRIBE -> " TABLE";
      case QUERY -> " \"SQL\" [--format table|csv|json|parquet] [--output PATH]";
      case REPORT -> " [--output PATH]";
      case GENERATE -> " --rows N --output DIR [--seed S]";
      default -> "";
    };
    return "usage: jobs/run " + command.commandName() + arguments
        + " [--conf FILE] [--scenario NAME] [--set key=value]... [--force]\n\n"
        + command.summary() + "\n" + OPTIONS;
  }

  private static final String OPTIONS = """

      options:
        --conf FILE        HOCON file layered over conf/application.conf
        --scenario NAME    layer conf/scenarios/NAME.conf (default: baseline, the defaults)
        --set key=value    override one key, e.g. --set urbanmine.forecast.horizon=2050
        --force            nightly: run even when inputs, configuration and code are unchanged
        A B                compare only: the two scenarios, e.g. jobs/run compare baseline NAME
        TABLE              describe only: a table's name, e.g. jobs/run describe medal_outlook
        "SQL"              query only: Spark SQL over the published tables, each a view by its name
        --format F         query only: table (aligned, first 1000 rows; default), csv, json (lines) or parquet
        --output PATH      query: write the whole result to this one file (csv, json or parquet);
                           report: write the page here instead of <warehouse>/report.html;
                           generate: the new (or empty) local directory for the files
        --rows N           generate only: how many records (about 1 % of them bad)
        --seed S           generate only: the random seed (default 1); the same seed, the same bytes
        --help             this text

      environment:
        URBANMINE_WAREHOUSE       replaces urbanmine.warehouse
        URBANMINE_SPARK_MASTER    Spark master for jobs/run (default local[*])

      exit codes: 0 success (also: nothing to do), 1 the run failed, 2 usage or configuration error
      """;
}
