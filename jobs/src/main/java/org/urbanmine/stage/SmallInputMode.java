package org.urbanmine.stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark settings for a run on small inputs, chosen from their size. Two of Spark's defaults pay
 * off only on large data:
 * <ul>
 *   <li>code generation compiles a Java class for every distinct plan fragment (whole-stage code
 *       and expression projections): the sample night compiled about 900 of them, 11 s of CPU,
 *       to process 1 MB. Switched off, Spark evaluates the same expressions interpreted (its own
 *       fallback path, with identical results);
 *   <li>adaptive query execution re-plans every query stage by stage, one Spark job per shuffle,
 *       to pick partition counts and joins from sizes that are tiny here; on tiny data it ends
 *       up coalescing each shuffle into one partition, which is set directly instead;
 *   <li>a broadcast join collects its small side to the driver in a Spark job of its own before
 *       the query's job, one per join (and again in every query that joins it): about half of the
 *       sample night's jobs (115 to 58, the same tables to the bit). In one partition a shuffled
 *       join moves the same few rows inside the query's own job.
 * </ul>
 * Below {@code urbanmine.spark.small-input-mb} the run switches all three off and shuffles into one
 * partition (the sample night: 48 s before, about 28 s with the other changes made with it).
 * They are runtime SQL settings of the session, undone when the run ends; a setting the user
 * gave in {@code urbanmine.spark.conf} wins.
 */
public final class SmallInputMode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmallInputMode.class);
  /** Whole-stage code generation: one compiled class per pipeline of operators. */
  public static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  /** How expressions are evaluated outside whole-stage code: compiled or interpreted. */
  public static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
  /** Adaptive query execution. */
  public static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  /** Partitions of every shuffle. */
  public static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  /** The largest table a join broadcasts by its size (-1: none; an explicit broadcast hint still does). */
  public static final String BROADCAST_THRESHOLD = "spark.sql.autoBroadcastJoinThreshold";
  private static final Map<String, String> SMALL = Map.of(WHOLE_STAGE, "false", FACTORY_MODE, "NO_CODEGEN",
      ADAPTIVE, "false", SHUFFLE_PARTITIONS, "1", BROADCAST_THRESHOLD, "-1");

  private final SparkSession spark;
  /** What each changed setting was: every one of them has a Spark default, so a value. */
  private final Map<String, String> before = new LinkedHashMap<>();

  private SmallInputMode(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * Applies the small-input settings for a run whose input files total less than
   * {@code smallInputMb} MB (10^6 bytes), except those {@code userConf} sets; close it when the
   * run ends. A run without input files is not small.
   *
   * @param inputs the run history's input entries, each with its {@code size_bytes}
   * @param smallInputMb 0 never applies them
   */
  public static SmallInputMode forInputs(SparkSession spark, List<Map<String, Object>> inputs, int smallInputMb,
      Map<String, String> userConf) {
    List<Long> sizes = sizes(inputs);
    // A command that reads no input files (aggregate, forecast or outlook alone) reads the
    // warehouse instead, which the stages measure for themselves (forStage).
    return sizes.isEmpty() ? new SmallInputMode(spark)
        : apply(spark, "inputs total", "run", sizes.stream().mapToLong(Long::longValue).sum(), smallInputMb, userConf);
  }

  /**
   * As {@link #forInputs} for one stage of a run that is not small as a whole: a stage whose own
   * input files and warehouse tables ({@link Stage#reads}) total less than {@code smallInputMb}
   * MB runs with the small-input settings, which are undone when it closes. In a night on
   * millions of records the stages after {@code aggregate} read only sums (thousands of rows).
   *
   * @param tableBytes the bytes of the tables the stage reads
   */
  public static SmallInputMode forStage(SparkSession spark, String stage, List<Map<String, Object>> inputs,
      long tableBytes, int smallInputMb, Map<String, String> userConf) {
    long fileBytes = sizes(inputs).stream().mapToLong(Long::longValue).sum();
    return apply(spark, "stage " + stage + " reads", "stage", fileBytes + tableBytes, smallInputMb, userConf);
  }

  /** The sizes the input entries record (an entry from an older run may have none). */
  private static List<Long> sizes(List<Map<String, Object>> inputs) {
    return inputs.stream().map(i -> i.get("size_bytes")).filter(Number.class::isInstance)
        .map(n -> ((Number) n).longValue()).toList();
  }

  private static SmallInputMode apply(SparkSession spark, String what, String scope, long bytes, int smallInputMb,
      Map<String, String> userConf) {
    SmallInputMode mode = new SmallInputMode(spark);
    if (bytes < smallInputMb * 1_000_000L) {
      SMALL.forEach((key, value) -> {
        if (!userConf.containsKey(key)) {
          mode.set(key, value);
        }
      });
      LOG.info("{} {} bytes, under urbanmine.spark.small-input-mb = {}: {} for this {}", what, bytes,
          smallInputMb, mode.before.keySet().stream().map(k -> k + "=" + SMALL.get(k)).toList(), scope);
    }
    return mode;
  }

  private void set(String key, String value) {
    before.put(key, spark.conf().get(key));
    spark.conf().set(key, value);
  }

  /** The settings this run changed. */
  public List<String> applied() {
    return List.copyOf(before.keySet());
  }

  @Override
  public void close() {
    before.forEach(spark.conf()::set);
    before.clear();
  }
}
