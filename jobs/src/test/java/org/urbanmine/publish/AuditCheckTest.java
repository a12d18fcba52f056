package org.urbanmine.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.stage.SparkActivity;

class AuditCheckTest extends SparkTestBase {
  private static final StructType MASSES = new StructType()
      .add("id", DataTypes.StringType).add("mass_kg", DataTypes.DoubleType);

  /** Rows with ids a..e and masses 1, -2, 3, -4, NaN. */
  private Dataset<Row> masses() {
    return spark.createDataFrame(List.of(RowFactory.create("a", 1.0), RowFactory.create("b", -2.0),
        RowFactory.create("c", 3.0), RowFactory.create("d", -4.0), RowFactory.create("e", Double.NaN)), MASSES);
  }

  /**
   * A check of two parts over the masses that are numbers: 0 the negative masses, 1 the masses
   * over 10 (NaN, which Spark orders above every number, is another check's).
   */
  private AuditCheck negativesAndLarge(Dataset<Row> all, Runnable release) {
    Dataset<Row> masses = all.filter(not(isnan(col("mass_kg"))));
    Dataset<Row> findings = masses.filter(col("mass_kg").lt(0)).agg(lit(0).as(AuditCheck.PART),
            count(lit(1)).as(AuditCheck.FOUND), slice(sort_array(collect_list("id")), 1, 1).as(AuditCheck.EXAMPLES))
        .union(masses.filter(col("mass_kg").gt(10)).agg(lit(1), count(lit(1)), AuditCheck.noExamples()));
    return new AuditCheck(findings, found -> found.stream()
        .map(f -> "part " + f.part() + ": " + f.found() + " e.g. " + f.examples()).toList(), release);
  }

  @Test
  void everyCheckIsCollectedInOneJobAndSaidInOrder() {
    Dataset<Row> masses = masses().cache();
    AtomicBoolean released = new AtomicBoolean();
    List<List<AuditCheck.Finding>> seenByNaN = new ArrayList<>();
    AuditCheck nan = new AuditCheck(masses.filter(isnan(col("mass_kg")))
        .agg(lit(5).as(AuditCheck.PART), count(lit(1)).as(AuditCheck.FOUND), AuditCheck.noExamples()),
        found -> {
          seenByNaN.add(found);
          return List.of("NaN: " + found.get(0).found());
        }, null);
    AuditCheck quiet = new AuditCheck(masses.filter(col("id").equalTo("z"))
        .agg(lit(0).as(AuditCheck.PART), count(lit(1)).as(AuditCheck.FOUND), AuditCheck.noExamples()),
        found -> found.isEmpty() ? List.of() : List.of("z found"), null);
    // Adaptive execution submits each shuffle as a job of its own; the small-input settings of a
    // short run turn it off, and so does this test, to count the query's jobs as a night has them.
    String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
    spark.conf().set("spark.sql.adaptive.enabled", "false");
    SparkActivity activity = SparkActivity.listen(spark);
    List<String> problems;
    try {
      problems = AuditCheck.run(List.of(AuditCheck.known(List.of("known first")),
          negativesAndLarge(masses, () -> released.set(true)), quiet, nan));
    } finally {
      activity.close();
      spark.conf().set("spark.sql.adaptive.enabled", adaptive);
    }
    // By hand: b (-2) and d (-4) are negative, b first in id order; none is over 10; one NaN (e);
    // no id z. The parts that found nothing reach no description.
    assertThat(problems).containsExactly("known first", "part 0: 2 e.g. [b]", "NaN: 1");
    assertThat(seenByNaN).containsExactly(List.of(new AuditCheck.Finding(5, 1, List.of())));
    assertThat(activity.now().queries()).as("Spark queries for three checks").isEqualTo(1);
    assertThat(activity.now().jobs()).as("Spark jobs for three checks").isEqualTo(1);
    assertThat(released).isTrue();
    masses.unpersist();
  }

  @Test
  void aCheckThatFindsNothingSaysNothingAndIsReleased() {
    AtomicBoolean released = new AtomicBoolean();
    Dataset<Row> positive = masses().filter(col("mass_kg").gt(0));
    assertThat(AuditCheck.run(negativesAndLarge(positive, () -> released.set(true)))).isEmpty();
    assertThat(released).isTrue();
  }
}
