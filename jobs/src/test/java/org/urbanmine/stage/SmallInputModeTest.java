package org.urbanmine.stage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

/**
 * {@link SmallInputMode}: small runs skip compiling and adaptive planning, large ones keep both,
 * the user's own setting wins, and the session is as before once the run ends.
 */
class SmallInputModeTest extends SparkTestBase {
  private static final List<Map<String, Object>> ONE_MB = List.of(Map.of("size_bytes", 400_000L),
      Map.of("size_bytes", 600_000), Map.of("path", "a file recorded without a size"));

  /**
   * Sum over ids 1..1000 of (id x factor + 7): factor x 500,500 + 7,000. The factor makes the
   * expression new to Spark's cache of compiled classes, so running it compiles unless the
   * switch is on. Returns {sum, classes compiled meanwhile}.
   */
  private static long[] query(long factor) {
    long compiledBefore = CodegenMetrics.METRIC_SOURCE_CODE_SIZE().getCount();
    Row row = spark.range(1, 1001).select(col("id").multiply(lit(factor)).plus(lit(7)).as("v"))
        .filter(col("v").gt(0)).agg(org.apache.spark.sql.functions.sum("v")).first();
    return new long[] {row.getLong(0), CodegenMetrics.METRIC_SOURCE_CODE_SIZE().getCount() - compiledBefore};
  }

  @Test
  void aSmallRunEvaluatesInterpretedAndGetsTheSameAnswer() {
    String wholeStageBefore = spark.conf().get(SmallInputMode.WHOLE_STAGE);
    String factoryBefore = spark.conf().get(SmallInputMode.FACTORY_MODE);
    String adaptiveBefore = spark.conf().get(SmallInputMode.ADAPTIVE);
    String partitionsBefore = spark.conf().get(SmallInputMode.SHUFFLE_PARTITIONS);
    long[] interpreted;
    try (SmallInputMode choice = SmallInputMode.forInputs(spark, ONE_MB, 64, Map.of())) {
      assertThat(choice.applied()).containsExactlyInAnyOrder(SmallInputMode.WHOLE_STAGE,
          SmallInputMode.FACTORY_MODE, SmallInputMode.ADAPTIVE, SmallInputMode.SHUFFLE_PARTITIONS,
          SmallInputMode.BROADCAST_THRESHOLD);
      assertThat(spark.conf().get(SmallInputMode.BROADCAST_THRESHOLD)).isEqualTo("-1");
      assertThat(spark.conf().get(SmallInputMode.SHUFFLE_PARTITIONS)).isEqualTo("1");
      assertThat(spark.conf().get(SmallInputMode.ADAPTIVE)).isEqualTo("false");
      assertThat(spark.conf().get(SmallInputMode.WHOLE_STAGE)).isEqualTo("false");
      assertThat(spark.conf().get(SmallInputMode.FACTORY_MODE)).isEqualTo("NO_CODEGEN");
      interpreted = query(31_337);
    }
    // 31,337 x 500,500 + 7,000 = 15,684,175,500 (by hand).
    assertThat(interpreted[0]).isEqualTo(15_684_175_500L);
    // Undone when the run ends: the same kind of query compiles its stage again, and agrees.
    assertThat(spark.conf().get(SmallInputMode.WHOLE_STAGE)).isEqualTo(wholeStageBefore);
    assertThat(spark.conf().get(SmallInputMode.FACTORY_MODE)).isEqualTo(factoryBefore);
    assertThat(spark.conf().get(SmallInputMode.ADAPTIVE)).isEqualTo(adaptiveBefore);
    assertThat(spark.conf().get(SmallInputMode.SHUFFLE_PARTITIONS)).isEqualTo(partitionsBefore);
    long[] compiled = query(31_338);
    // 31,338 x 500,500 + 7,000 = 15,684,676,000.
    assertThat(compiled[0]).isEqualTo(15_684_676_000L);
    // Spark still compiles a little without code generation (a hash aggregation's key
    // projection), but less than a whole-stage class per pipeline of operators.
    System.out.printf("classes compiled: %d interpreted, %d compiled%n", interpreted[1], compiled[1]);
    assertThat(interpreted[1]).isLessThan(compiled[1]);
  }

  @Test
  void largeInputsOrZeroLeaveSparkAloneAndTheUsersOwnSettingWins() {
    String factoryBefore = spark.conf().get(SmallInputMode.FACTORY_MODE);
    // 1 MB is not under 1 MB; 64 MB with a threshold of 0 is never small; a command without
    // input files (it reads the warehouse, of any size) is not small either.
    for (SmallInputMode mode : List.of(SmallInputMode.forInputs(spark, ONE_MB, 1, Map.of()),
        SmallInputMode.forInputs(spark, List.of(Map.of("size_bytes", 64_000_000L)), 0, Map.of()),
        SmallInputMode.forInputs(spark, List.of(), 64, Map.of()))) {
      try (mode) {
        assertThat(mode.applied()).isEmpty();
        assertThat(spark.conf().get(SmallInputMode.FACTORY_MODE)).isEqualTo(factoryBefore);
      }
    }
    // The user asked for adaptive execution: the rest still applies.
    try (SmallInputMode mode = SmallInputMode.forInputs(spark, ONE_MB, 64, Map.of(SmallInputMode.ADAPTIVE, "true"))) {
      assertThat(mode.applied()).containsExactlyInAnyOrder(SmallInputMode.WHOLE_STAGE, SmallInputMode.FACTORY_MODE,
          SmallInputMode.SHUFFLE_PARTITIONS, SmallInputMode.BROADCAST_THRESHOLD);
    }
  }

  /**
   * A stage is sized by its input files plus the warehouse tables it reads: 1 MB of files and
   * 62.5 MB of tables (63.5 MB) is under 64; 1 MB and 63 MB (64 MB) is not. A stage with no
   * files and small tables (the forecast of a large night) is small.
   */
  @Test
  void aStageIsSizedByItsFilesAndTheTablesItReads() {
    try (SmallInputMode mode = SmallInputMode.forStage(spark, "forecast", ONE_MB, 62_500_000L, 64, Map.of())) {
      assertThat(mode.applied()).hasSize(5);
      assertThat(spark.conf().get(SmallInputMode.SHUFFLE_PARTITIONS)).isEqualTo("1");
    }
    assertThat(spark.conf().get(SmallInputMode.SHUFFLE_PARTITIONS)).isEqualTo("2");
    try (SmallInputMode mode = SmallInputMode.forStage(spark, "aggregate", ONE_MB, 63_000_000L, 64, Map.of())) {
      assertThat(mode.applied()).isEmpty();
    }
    try (SmallInputMode mode = SmallInputMode.forStage(spark, "outlook", List.of(), 300_000L, 64, Map.of())) {
      assertThat(mode.applied()).hasSize(5);
    }
  }
}
