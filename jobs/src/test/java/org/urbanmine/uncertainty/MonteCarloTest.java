package org.urbanmine.uncertainty;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.corr;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.uncertainty.Distribution.Fixed;
import org.urbanmine.uncertainty.Distribution.LogNormal;
import org.urbanmine.uncertainty.Distribution.Triangular;
import org.urbanmine.uncertainty.Distribution.TruncatedNormal;
import org.urbanmine.uncertainty.Distribution.Uniform;

class MonteCarloTest extends SparkTestBase {

  private static LinkedHashMap<String, Distribution> assumptions() {
    LinkedHashMap<String, Distribution> a = new LinkedHashMap<>();
    a.put("collection_rate", new Uniform(0.3, 0.5));
    a.put("gold_g_per_t", new Triangular(200, 340, 500));
    a.put("smelter_yield", new TruncatedNormal(0.95, 0.02, 0.9, 0.99));
    a.put("silver_g_per_t", new LogNormal(1000, 0.3, 0, Double.POSITIVE_INFINITY));
    a.put("medals", new Fixed(4924));
    return a;
  }

  /** Each row as its draw number and the raw bits of each double, in draw order. */
  private static List<List<Long>> bits(Dataset<Row> draws) {
    List<List<Long>> out = new ArrayList<>();
    for (Row row : draws.orderBy(MonteCarlo.DRAW).collectAsList()) {
      List<Long> r = new ArrayList<>();
      r.add((long) row.getInt(0));
      for (int i = 1; i < row.size(); i++) {
        r.add(Double.doubleToRawLongBits(row.getDouble(i)));
      }
      out.add(r);
    }
    return out;
  }

  @Test
  void schemaIsDrawThenOneDoubleColumnPerAssumptionInOrder() {
    Dataset<Row> d = MonteCarlo.draws(spark, assumptions(), 5, 1);
    assertThat(d.columns()).containsExactly("draw", "collection_rate", "gold_g_per_t", "smelter_yield",
        "silver_g_per_t", "medals");
    assertThat(d.schema().apply("draw").dataType()).isEqualTo(DataTypes.IntegerType);
    assertThat(d.schema().apply("gold_g_per_t").dataType()).isEqualTo(DataTypes.DoubleType);
    assertThat(bits(d)).extracting(r -> r.get(0)).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void sameSeedGivesTheSameRowsBitForBitWhateverThePartitioning() {
    List<List<Long>> reference = bits(MonteCarlo.draws(spark, assumptions(), 1000, 42, 1));
    assertThat(reference).hasSize(1000);
    assertThat(bits(MonteCarlo.draws(spark, assumptions(), 1000, 42))).isEqualTo(reference);
    assertThat(bits(MonteCarlo.draws(spark, assumptions(), 1000, 42, 3))).isEqualTo(reference);
    assertThat(bits(MonteCarlo.draws(spark, assumptions(), 1000, 42, 7).repartition(3))).isEqualTo(reference);
  }

  @Test
  void aDrawDependsOnItsAssumptionAloneNotOnTheOthers() {
    LinkedHashMap<String, Distribution> one = new LinkedHashMap<>();
    one.put("gold_g_per_t", new Triangular(200, 340, 500));
    List<Double> alone = MonteCarlo.draws(spark, one, 200, 42).orderBy("draw")
        .select("gold_g_per_t").as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList();
    List<Double> amongOthers = MonteCarlo.draws(spark, assumptions(), 200, 42).orderBy("draw")
        .select("gold_g_per_t").as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList();
    assertThat(amongOthers).isEqualTo(alone);
  }

  @Test
  void differentSeedGivesDifferentDraws() {
    List<List<Long>> a = bits(MonteCarlo.draws(spark, assumptions(), 100, 42));
    List<List<Long>> b = bits(MonteCarlo.draws(spark, assumptions(), 100, 43));
    // Not one of the 100 draws of the uniform column agrees: each is one of 2^52 values.
    for (int i = 0; i < 100; i++) {
      assertThat(b.get(i).get(1)).as("draw %d", i).isNotEqualTo(a.get(i).get(1));
    }
  }

  @Test
  void fixedAssumptionsAreTheSameInEveryDrawAndInEveryPercentile() {
    Dataset<Row> d = MonteCarlo.draws(spark, assumptions(), 500, 7);
    Row stats = d.agg(min("medals"), max("medals")).first();
    assertThat(stats.getDouble(0)).isEqualTo(4924.0);
    assertThat(stats.getDouble(1)).isEqualTo(4924.0);
    Row p = MonteCarlo.percentiles(d, "medals").first();
    assertThat(List.of(p.getDouble(0), p.getDouble(1), p.getDouble(2))).containsOnly(4924.0);
  }

  @Test
  void drawsFollowTheirDistributions() {
    LinkedHashMap<String, Distribution> a = new LinkedHashMap<>();
    a.put("u", new Uniform(0, 1));
    a.put("v", new Uniform(0, 1));
    a.put("w", new Uniform(2, 6));
    a.put("t", new Triangular(0, 1, 4));
    int n = 20_000;
    Dataset<Row> d = MonteCarlo.draws(spark, a, n, 2026).cache();
    Row r = d.agg(avg("u"), corr("u", "v"), avg("t"), min("u"), max("u"), countDistinct("u")).first();
    // Uniform(0, 1): sd 1/sqrt(12) = 0.2887, so the mean of 20,000 has sd 0.2887 / sqrt(20000)
    // = 0.0020; 0.01 is five of those (a chance of about 6e-7 for a fair generator).
    assertThat(r.getDouble(0)).isCloseTo(0.5, within(0.01));
    // Two assumptions are independent: for independent columns the sample correlation has sd
    // about 1 / sqrt(n) = 0.0071; 0.04 is over five of those. Identical streams would give 1.
    assertThat(r.getDouble(1)).isCloseTo(0.0, within(0.04));
    // Triangular(0, 1, 4): mean (0 + 1 + 4) / 3 = 5/3; variance (0 + 1 + 16 - 0 - 0 - 4) / 18
    // = 13/18, sd 0.850, so the mean of 20,000 has sd 0.0060; 0.03 is five of those.
    assertThat(r.getDouble(2)).isCloseTo(5.0 / 3, within(0.03));
    assertThat(r.getDouble(3)).isGreaterThan(0.0);
    assertThat(r.getDouble(4)).isLessThan(1.0);
    // 20,000 draws from 2^52 cells: a repeat has probability about n^2 / 2^53 = 4e-8.
    assertThat(r.getLong(5)).isEqualTo(n);
    // Uniform(2, 6): median 4. The sample median has sd about 1 / (2 f sqrt(n)), f = 1/4 the
    // density: 1 / (0.5 * 141.4) = 0.014; 0.07 is five of those.
    Row p = MonteCarlo.percentiles(d, "w").first();
    assertThat(p.getDouble(1)).isCloseTo(4.0, within(0.07));
    // p5 and p95 of uniform(2, 6) are 2.2 and 5.8; their sample sd is
    // sqrt(0.05 * 0.95 / n) / f = 0.0062; 0.03 is about five of those.
    assertThat(p.getDouble(0)).isCloseTo(2.2, within(0.03));
    assertThat(p.getDouble(2)).isCloseTo(5.8, within(0.03));
    d.unpersist();
  }

  @Test
  void percentilesInterpolateAtPositionCountMinusOneTimesP() {
    StructType schema = new StructType().add("metal", DataTypes.StringType).add("draw", DataTypes.IntegerType)
        .add("kg", DataTypes.DoubleType);
    List<Object[]> values = new ArrayList<>();
    for (int i = 0; i <= 20; i++) {
      values.add(new Object[] {"gold", i, (double) (20 - i)});
      // Silver: 2 draws, 0 and 10. Positions 0.05, 0.5, 0.95 between them: 0.5, 5, 9.5.
      if (i < 2) {
        values.add(new Object[] {"silver", i, 10.0 * i});
      }
    }
    Dataset<Row> perDraw = rows(schema, values.toArray(new Object[0][]));
    List<Row> out = MonteCarlo.percentiles(perDraw, "kg", "metal").orderBy("metal").collectAsList();
    assertThat(MonteCarlo.percentiles(perDraw, "kg", "metal").columns())
        .containsExactly("metal", "p5", "p50", "p95");
    // Gold: the 21 values 0..20 sorted; position (21 - 1) p = 1, 10, 19, so the values 1, 10, 19.
    assertThat(out.get(0).getString(0)).isEqualTo("gold");
    assertThat(out.get(0).getDouble(1)).isEqualTo(1.0);
    assertThat(out.get(0).getDouble(2)).isEqualTo(10.0);
    assertThat(out.get(0).getDouble(3)).isEqualTo(19.0);
    // Silver: values 0 and 10, position (2 - 1) p: 0 + p * 10.
    assertThat(out.get(1).getDouble(1)).isCloseTo(0.5, within(1e-12));
    assertThat(out.get(1).getDouble(2)).isCloseTo(5.0, within(1e-12));
    assertThat(out.get(1).getDouble(3)).isCloseTo(9.5, within(1e-12));
  }

  @Test
  void unitIntervalNeverReachesZeroOrOne() {
    // All 64 bits set: ((2^52 - 1) + 0.5) / 2^52 = 1 - 2^-53, the largest double below 1. (With
    // 53 bits, (2^53 - 1) + 0.5 would round to 2^53 and give exactly 1.)
    assertThat(MonteCarlo.unitInterval(-1L)).isEqualTo(1 - 0x1.0p-53).isLessThan(1.0);
    // No bits: 0.5 / 2^52 = 2^-53.
    assertThat(MonteCarlo.unitInterval(0L)).isEqualTo(0x1.0p-53).isGreaterThan(0.0);
    // Only the top 52 bits count: the low 12 do not change u.
    assertThat(MonteCarlo.unitInterval(0xFFFL)).isEqualTo(0x1.0p-53);
    assertThat(MonteCarlo.unitInterval(0x1000L)).isEqualTo(1.5 * 0x1.0p-52);
  }

  @Test
  void splitMix64MatchesTheReferenceOutput() {
    // The reference SplitMix64 generator seeded with 0 outputs 0xE220A8397B1DCDAF first: that is
    // the finaliser applied to 0 (our splitMix64 adds the golden-ratio increment itself).
    assertThat(MonteCarlo.splitMix64(0)).isEqualTo(0xE220A8397B1DCDAFL);
    // FNV-1a 64 of "a" is 0xAF63DC4C8601EC8C (the published test vector); of "" the offset basis.
    assertThat(MonteCarlo.nameHash("a")).isEqualTo(0xAF63DC4C8601EC8CL);
    assertThat(MonteCarlo.nameHash("")).isEqualTo(0xCBF29CE484222325L);
  }

  @Test
  void namesMustBeLowerCaseColumnNames() {
    LinkedHashMap<String, Distribution> bad = new LinkedHashMap<>();
    bad.put("collection-rate", new Fixed(0.4));
    assertThatThrownBy(() -> MonteCarlo.draws(spark, bad, 10, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("collection-rate");
    LinkedHashMap<String, Distribution> clash = new LinkedHashMap<>();
    clash.put("draw", new Fixed(0.4));
    assertThatThrownBy(() -> MonteCarlo.draws(spark, clash, 10, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MonteCarlo.draws(spark, assumptions(), 0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
