package org.urbanmine.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a run compiles Spark's generated code, chosen from the size of its inputs. Spark
 * compiles a Java class for every distinct plan fragment (whole-stage code generation and
 * expression projections): the sample night compiles about 900 of them, 11 s of CPU, to process
 * 1 MB. Below {@code urbanmine.spark.codegen-min-input-mb} the run switches code generation off
 * and Spark evaluates the same expressions interpreted (its own fallback path, with identical
 * results), which is faster for small inputs and slower for large ones. The switch is a runtime
 * SQL setting of the session, undone when the run ends; settings the user gave in
 * {@code urbanmine.spark.conf} win.
 */
public final class CodeGeneration implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CodeGeneration.class);
  /** Whole-stage code generation: one compiled class per pipeline of operators. */
  public static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  /** How expressions are evaluated outside whole-stage code: compiled or interpreted. */
  public static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
  private static final Map<String, String> OFF = Map.of(WHOLE_STAGE, "false", FACTORY_MODE, "NO_CODEGEN");

  private final SparkSession spark;
  private final Map<String, Optional<String>> before = new LinkedHashMap<>();

  private CodeGeneration(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * Switches code generation off for a run whose inputs total less than {@code minInputMb} MB
   * (10^6 bytes), unless {@code userConf} sets either setting; close it when the run ends.
   *
   * @param inputs the run history's input entries, each with its {@code size_bytes}
   * @param minInputMb 0 always compiles
   */
  public static CodeGeneration forInputs(SparkSession spark, List<Map<String, Object>> inputs, int minInputMb,
      Map<String, String> userConf) {
    CodeGeneration choice = new CodeGeneration(spark);
    long bytes = inputs.stream().map(i -> i.get("size_bytes")).filter(Number.class::isInstance)
        .mapToLong(n -> ((Number) n).longValue()).sum();
    boolean small = bytes < minInputMb * 1_000_000L;
    if (small && OFF.keySet().stream().noneMatch(userConf::containsKey)) {
      LOG.info("inputs total {} bytes, under urbanmine.spark.codegen-min-input-mb = {}: Spark's code"
          + " generation is off for this run (interpreted expressions)", bytes, minInputMb);
      OFF.forEach(choice::set);
    }
    return choice;
  }

  private void set(String key, String value) {
    before.put(key, spark.conf().getOption(key).isDefined()
        ? Optional.of(spark.conf().get(key)) : Optional.empty());
    spark.conf().set(key, value);
  }

  /** Whether this run switched code generation off. */
  public boolean switchedOff() {
    return !before.isEmpty();
  }

  @Override
  public void close() {
    before.forEach((key, value) -> value.ifPresentOrElse(v -> spark.conf().set(key, v), () -> spark.conf().unset(key)));
    before.clear();
  }
}
