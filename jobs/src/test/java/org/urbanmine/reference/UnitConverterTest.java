package org.urbanmine.reference;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

class UnitConverterTest extends SparkTestBase {

  /** amount, unit -> kilograms, each worked out by hand from the factor in the comment. */
  @Test
  void convertsEachUnitToKilograms() {
    Map<String, Double> expected = new HashMap<>();
    expected.put("143|kg", 143.0);
    expected.put("1,112|t", 1_112_000.0);           // 1,112 x 1000
    expected.put("\"1,566\"|KG", null);             // quotes are the CSV parser's job: not a number here
    expected.put("2500|mg", 0.0025);                // 2500 x 1e-6
    expected.put("12,238.5|g", 12.2385);            // 12238.5 x 1e-3
    expected.put("2|metric ton", 2000.0);
    expected.put("3|Tonnes", 3000.0);
    expected.put("10|troy oz", 0.311034768);        // 10 x 31.1034768 g
    expected.put("10|oz t", 0.311034768);
    expected.put("2|lb", 0.90718474);               // 2 x 0.45359237
    expected.put("2|lbs.", 0.90718474);
    expected.put("1|short ton", 907.18474);
    expected.put("1|Short  Ton", 907.18474);
    expected.put("1|long ton", 1016.0469088);
    expected.put("2.5e3|g", 2.5);                   // 2500 g
    expected.put("1,5|kg", null);                   // decimal comma: refused, not guessed
    expected.put("12,34|kg", null);                 // not groups of three
    expected.put("n/a|kg", null);
    expected.put("5|ton", null);                    // ambiguous
    expected.put("5|bushel", null);

    List<String> inputs = List.copyOf(expected.keySet());
    Dataset<Row> df = spark.createDataset(inputs, Encoders.STRING()).toDF("in")
        .selectExpr("in", "split_part(in, '|', 1) as amount", "split_part(in, '|', 2) as unit");
    List<Row> out = df.select(col("in"),
            UnitConverter.parseAmount(col("amount")).multiply(UnitConverter.kgPerUnit(col("unit"))).as("kg"))
        .collectAsList();
    assertThat(out).hasSize(expected.size());
    for (Row r : out) {
      Double want = expected.get(r.getString(0));
      if (want == null) {
        assertThat(r.isNullAt(1)).as(r.getString(0)).isTrue();
      } else {
        assertThat(r.getDouble(1)).as(r.getString(0)).isCloseTo(want, within(1e-12 * Math.max(1, want)));
      }
    }
  }

  @Test
  void parsesNegativeAndZeroSoThatTheyCanBeRejectedAsSuch() {
    List<Row> out = spark.createDataset(List.of("-3", "0", "+4.5"), Encoders.STRING()).toDF("a")
        .select(UnitConverter.parseAmount(col("a"))).collectAsList();
    assertThat(out).extracting(r -> r.getDouble(0)).containsExactly(-3.0, 0.0, 4.5);
  }

  @Test
  void explainsAmbiguousUnits() {
    Row r = spark.createDataset(List.of(" Tons "), Encoders.STRING()).toDF("u")
        .select(UnitConverter.ambiguity(col("u"))).first();
    assertThat(r.getString(0)).isEqualTo("'tons' is ambiguous: write t (metric), short ton or long ton");
  }
}
