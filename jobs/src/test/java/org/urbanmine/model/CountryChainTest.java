package org.urbanmine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;
import org.urbanmine.uncertainty.MonteCarlo;

/**
 * The country model and its hierarchy on a hand-built world of three countries, 2020-2022, gold:
 *
 * <pre>
 *   country  region  sub-region  e-waste t/yr  own rate (basis)          e-waste basis   record
 *   AAA      R1      S1          1,000         0.5 (published)           published       2020: 4.5 kg
 *   BBB      R1      S1          2,000         0.4 (regional-default)    estimated       -
 *   CCC      R2      S2            400         0.25 (published)          sales-lifespan  -
 * </pre>
 *
 * Content 100 g/t, pre-processing 0.2, smelter 0.9: the model recovers rate x 100 x 0.2 x 0.9 /
 * 1000 = rate x 0.018 kg per tonne of e-waste. The calibration prior is 0 unless a test says
 * otherwise, so that only the factors a test names are drawn.
 */
class CountryChainTest extends SparkTestBase {
  private static final int FIRST = 2020;
  private static final int LAST = 2022;

  private static Settings.Drivers drivers(String... more) {
    List<String> sets = new ArrayList<>(List.of("urbanmine.drivers.content-g-per-t.gold=100",
        "urbanmine.drivers.preprocessing-yield.gold=0.2", "urbanmine.drivers.smelter-yield.gold=0.9",
        "urbanmine.drivers.collection-spread.published=0", "urbanmine.drivers.collection-spread.regional-default=0",
        // One calibrated country: without this, every factor would be drawn with the stated prior.
        "urbanmine.drivers.calibration-prior-sigma=0"));
    sets.addAll(List.of(more));
    return settings(sets.toArray(new String[0])).drivers();
  }

  private static List<Row> world(double bLogSd, String bRateBasis) {
    List<Row> in = new ArrayList<>();
    for (int year = FIRST; year <= LAST; year++) {
      in.add(input("AAA", "R1", "S1", year, 1000, "published", 0, 0.5, "published", year == 2020 ? 4.5 : null));
      in.add(input("BBB", "R1", "S1", year, 2000, "estimated", bLogSd, 0.4, bRateBasis, null));
      in.add(input("CCC", "R2", "S2", year, 400, "sales-lifespan", 0, 0.25, "published", null));
    }
    return in;
  }

  private static Row input(String code, String region, String subRegion, int year, double ewasteT, String ewasteBasis,
      double logSd, double rate, String rateBasis, Double observed) {
    return new GenericRowWithSchema(new Object[] {code, region, subRegion, "gold", year, ewasteT, ewasteBasis, logSd,
        year, rate, rateBasis, observed, "test", contained(ewasteT, 100), "test", null, null}, CountryChain.INPUT_SCHEMA);
  }

  private static CountryChain chain(Settings.Drivers drivers, long seed, int[] draws, int first, int last,
      double level, double step) {
    return new CountryChain(drivers, content(drivers), seed, draws, first, last, level, step);
  }

  private static List<Row> run(CountryChain chain, List<Row> input) {
    List<Row> out = new ArrayList<>();
    Iterator<Row> it = chain.metal("gold", input.iterator());
    it.forEachRemaining(r -> out.add(new GenericRowWithSchema(toArray(r), CountryChain.OUTPUT_SCHEMA)));
    return out;
  }

  private static Object[] toArray(Row r) {
    Object[] v = new Object[r.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    return v;
  }

  private static Row at(List<Row> rows, String scope, int year) {
    return rows.stream().filter(r -> r.getAs(CountryChain.SCOPE).equals(scope) && r.<Integer>getAs(CountryChain.YEAR) == year)
        .findFirst().orElseThrow(() -> new AssertionError(scope + " " + year));
  }

  private static double mass(List<Row> rows, String scope, int year) {
    return at(rows, scope, year).<Double>getAs(CountryChain.MASS_KG);
  }

  private static double[] draws(Row r) {
    return ((List<?>) toList(r.get(r.fieldIndex(CountryChain.DRAWS_KG)))).stream()
        .mapToDouble(x -> (Double) x).toArray();
  }

  private static List<?> toList(Object o) {
    return o instanceof double[] d ? Arrays.stream(d).boxed().toList() : (List<?>) o;
  }

  /**
   * AAA: model 2020 = 1,000 x 0.5 x 0.018 = 9 kg against 4.5 recorded: own factor 0.5; 2021 and
   * 2022 = 9 x 0.5 = 4.5 kg (calibrated). BBB: no records, the pool of one factor, 0.5: 2,000 x 0.4
   * x 0.018 x 0.5 = 7.2 kg (estimated: its e-waste is). CCC: 400 x 0.25 x 0.018 x 0.5 = 0.9 kg
   * (pooled). S1 = AAA + BBB = 11.7 kg each year (2020: 4.5 recorded + 7.2); R2 = S2 = 0.9;
   * World = 12.6. S1's share resting on recorded or calibrated countries: 4.5 / 11.7.
   */
  @Test
  void theHierarchySumsItsCountriesWorkedByHand() {
    CountryChain chain = chain(drivers(), 7, CountryChain.allDraws(20), FIRST, LAST, 0.9, 0);
    List<Row> out = run(chain, world(0, "regional-default"));
    for (int year = FIRST; year <= LAST; year++) {
      assertThat(mass(out, "AAA", year)).isCloseTo(4.5, within(1e-12));
      assertThat(mass(out, "BBB", year)).isCloseTo(7.2, within(1e-12));
      assertThat(mass(out, "CCC", year)).isCloseTo(0.9, within(1e-12));
      assertThat(mass(out, "S1", year)).isCloseTo(11.7, within(1e-12));
      assertThat(mass(out, "R1", year)).isCloseTo(11.7, within(1e-12));
      assertThat(mass(out, "S2", year)).isCloseTo(0.9, within(1e-12));
      assertThat(mass(out, "World", year)).isCloseTo(12.6, within(1e-12));
    }
    assertThat(at(out, "AAA", 2020).<String>getAs(CountryChain.BASIS)).isEqualTo("recorded");
    assertThat(at(out, "AAA", 2021).<String>getAs(CountryChain.BASIS)).isEqualTo("calibrated");
    assertThat(at(out, "AAA", 2021).<Double>getAs(CountryChain.CALIBRATION_FACTOR)).isCloseTo(0.5, within(1e-12));
    assertThat(at(out, "BBB", 2021).<String>getAs(CountryChain.BASIS)).isEqualTo("estimated");
    assertThat(at(out, "CCC", 2021).<String>getAs(CountryChain.BASIS)).isEqualTo("pooled");
    assertThat(at(out, "S1", 2021).<Double>getAs(CountryChain.RECORDED_SHARE)).isCloseTo(4.5 / 11.7, within(1e-12));
    assertThat(at(out, "World", 2021).<Integer>getAs(CountryChain.COUNTRIES)).isEqualTo(3);
    // Nothing drawn: every draw is the all-fixed value, so is every percentile.
    assertThat(draws(at(out, "World", 2022))).containsOnly(at(out, "World", 2022).<Double>getAs(CountryChain.MASS_KG));
  }

  /**
   * One calibrated country (AAA) gives no spread of factors: each factor is drawn with the stated
   * prior, exp(0.3466 z), z the standard normal of the country's own calibration name in the draw.
   * AAA 2021: 4.5 x exp(0.3466 z_AAA); BBB 2021: 7.2 x exp(0.3466 z_BBB); the row says why.
   */
  @Test
  void fewerThanThreeCalibratedCountriesDrawTheirFactorsWithTheStatedPrior() {
    CountryChain chain = chain(drivers("urbanmine.drivers.calibration-prior-sigma=0.3466"), 7,
        CountryChain.allDraws(20), FIRST, LAST, 0.9, 0);
    List<Row> out = run(chain, world(0, "regional-default"));
    double[] a = draws(at(out, "AAA", 2021));
    double[] b = draws(at(out, "BBB", 2021));
    for (int d = 0; d < a.length; d++) {
      assertThat(a[d]).isCloseTo(4.5 * Math.exp(0.3466 * MonteCarlo.standardNormal(7, d, "calibration_gold_AAA")),
          within(1e-12));
      assertThat(b[d]).isCloseTo(7.2 * Math.exp(0.3466 * MonteCarlo.standardNormal(7, d, "calibration_gold_BBB")),
          within(1e-12));
    }
    // The recorded year stays the record in every draw.
    assertThat(draws(at(out, "AAA", 2020))).containsOnly(4.5);
    Row aaa = at(out, "AAA", 2021);
    assertThat(aaa.<Double>getAs(CountryChain.CALIBRATION_LOG_SD)).isEqualTo(0.3466);
    assertThat(aaa.<String>getAs(CountryChain.CALIBRATION_SPREAD_RULE))
        .isEqualTo("stated prior (urbanmine.drivers.calibration-prior-sigma): 1 calibrated country, fewer than 3");
    assertThat(at(out, "CCC", 2021).<String>getAs(CountryChain.CALIBRATION_SPREAD_RULE))
        .startsWith("stated prior");
  }

  /**
   * A quarter of the stream dismantled by hand at 0.6, the rest shredded at 0.2: pre-processing
   * 0.75 x 0.2 + 0.25 x 0.6 = 0.3. AAA's model 2021: 100 kg x 0.5 x 0.3 x 0.9 = 13.5 kg; its
   * calibration, 4.5 / 13.5 = 1/3, takes the route out of its level (4.5 kg), and BBB's too:
   * 200 x 0.4 x 0.3 x 0.9 / 3 = 7.2 kg. A route changes levels only where no record calibrates
   * them, and a path of the share changes them over time.
   */
  @Test
  void theRoutesYieldsAreWeightedByTheShareDismantledByHand() {
    CountryChain chain = chain(drivers("urbanmine.drivers.manual-dismantling-share=0.25",
        "urbanmine.drivers.manual-dismantling-yield.gold=0.6"), 7, CountryChain.allDraws(5), FIRST, LAST, 0.9, 0);
    List<Row> out = run(chain, world(0, "regional-default"));
    Row aaa = at(out, "AAA", 2021);
    assertThat(aaa.<Double>getAs(CountryChain.PREPROCESSING_YIELD)).isCloseTo(0.3, within(1e-15));
    assertThat(aaa.<Double>getAs(CountryChain.MODEL_KG)).isCloseTo(13.5, within(1e-12));
    assertThat(aaa.<Double>getAs(CountryChain.CALIBRATION_FACTOR)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(mass(out, "AAA", 2021)).isCloseTo(4.5, within(1e-12));
    assertThat(mass(out, "BBB", 2021)).isCloseTo(7.2, within(1e-12));
  }

  /**
   * Content drawn per category, shared by every country: AAA's 100 kg of gold lie in temperature
   * exchange equipment (category 0, the prior 0.3466: one figure), BBB's 200 kg in small IT
   * (category 5: three figures 200, 450, 300 about their mean, a pooled spread of ln 1.5). In draw
   * d, q_k = exp(sd_k z(d, "content_gold_k")); AAA is calibrated to its record, 4.5 kg in 2020, so
   * its factor is 4.5 / (100 q_0 x 0.5 x 0.18) and its 2021 is 4.5 in every draw (content cancels);
   * BBB takes that factor: 200 q_5 x 0.4 x 0.18 x 4.5 / (100 q_0 x 0.09) = 7.2 q_5 / q_0. All fixed,
   * 7.2 kg as before; no draw of zero width where content is uncertain.
   */
  @Test
  void uncertainContentGivesAnIntervalDrawByDraw() {
    MetalContent content = MetalContent.of(List.of(new String[] {"0306", "gold", "200", "x", "a"},
            new String[] {"0306", "gold", "450", "x", "b"}, new String[] {"0306", "gold", "300", "x", "c"},
            new String[] {"0108", "gold", "5", "x", "d"}),
        List.of(new String[] {"0306", "Phones", "Small IT and telecommunication equipment"},
            new String[] {"0108", "Fridges", "Temperature exchange equipment"}), java.util.Set.of("gold"),
        java.util.Map.of(), 0.3466, "test");
    CountryChain chain = new CountryChain(drivers(), content, 7, CountryChain.allDraws(20), FIRST, LAST, 0.9, 0);
    List<Row> in = new ArrayList<>();
    for (int year = FIRST; year <= LAST; year++) {
      in.add(withContained(input("AAA", "R1", "S1", year, 1000, "published", 0, 0.5, "published", year == 2020 ? 4.5 : null),
          0, 100));
      in.add(withContained(input("BBB", "R1", "S1", year, 2000, "published", 0, 0.4, "published", null), 5, 200));
    }
    List<Row> out = run(chain, in);
    assertThat(mass(out, "BBB", 2021)).isCloseTo(7.2, within(1e-12));
    double[] a = draws(at(out, "AAA", 2021));
    double[] b = draws(at(out, "BBB", 2021));
    for (int d = 0; d < b.length; d++) {
      double q0 = Math.exp(0.3466 * MonteCarlo.standardNormal(7, d, "content_gold_0"));
      double q5 = Math.exp(Math.log(1.5) * MonteCarlo.standardNormal(7, d, "content_gold_5"));
      assertThat(a[d]).isCloseTo(4.5, within(1e-12));
      assertThat(b[d]).isCloseTo(7.2 * q5 / q0, within(1e-12));
    }
    Row bbb = at(out, "BBB", 2021);
    assertThat(bbb.<Double>getAs(CountryChain.P95_KG) - bbb.<Double>getAs(CountryChain.P5_KG)).isGreaterThan(1.0);
    assertThat(bbb.<Double>getAs(CountryChain.CONTAINED_KG)).isEqualTo(200.0);
    assertThat(bbb.<Double>getAs(CountryChain.CONTENT_G_PER_T)).isCloseTo(100.0, within(1e-12));
  }

  /**
   * A draw's lifespans, between the three e-waste figures, by hand: with 100 kg at the median, 120
   * kg with shorter lifespans (z = -1) and 80 kg with longer (z = 1), z = 0.5 gives 100 + 0.5 x
   * (80 - 100) = 90 kg, z = -2 gives 100 + 2 x 20 = 140 kg; never below 0: median 0, longer 10,
   * z = 0.5 gives 5 kg; median 3, longer 0, z = 2 gives 3 + 2 x (0 - 3) = -3, so 0. At z = 0, the
   * median to the bit.
   */
  @Test
  void lifespanDrawsInterpolateBetweenTheThreeFigures() {
    assertThat(CountryChain.atLifespans(100, 120, 80, 0.5)).isCloseTo(90.0, within(1e-12));
    assertThat(CountryChain.atLifespans(100, 120, 80, -2)).isCloseTo(140.0, within(1e-12));
    assertThat(CountryChain.atLifespans(0, 0, 10, 0.5)).isCloseTo(5.0, within(1e-12));
    assertThat(CountryChain.atLifespans(3, 1, 0, 2)).isEqualTo(0.0);
    assertThat(CountryChain.atLifespans(0.1 + 0.2, 5, 7, 0)).isEqualTo(0.1 + 0.2);
  }

  /**
   * Lifespans drawn, nothing else: AAA (calibrated to 4.5 kg in 2020) holds 100 kg at the median
   * lifespans, 120 kg with shorter and 80 kg with longer, in every year; BBB 200, 220 and 190. In
   * draw d, z = N(0, 1) named "lifespan" (one for everyone); AAA's factor is 4.5 / (100 g_A(z) x 0.5
   * x 0.18) and BBB's 2021 = 200 g_B(z) x 0.4 x 0.18 x that = 7.2 g_B(z) / g_A(z), with g_A(z) =
   * 1 - 0.2 z either side (100 + 20 |z| below 0, 100 - 20 z above), g_B(z) = 1 - 0.1 z below 0 and
   * 1 - 0.05 z above. All fixed, 7.2 kg; an interval
   * wider than zero from the lifespans alone, and none at all when the three figures are equal.
   */
  @Test
  void uncertainLifespansGiveAnIntervalDrawByDraw() {
    CountryChain chain = chain(drivers(), 7, CountryChain.allDraws(40), FIRST, LAST, 0.9, 0);
    List<Row> in = new ArrayList<>();
    List<Row> fixed = new ArrayList<>();
    for (int year = FIRST; year <= LAST; year++) {
      Row a = withContained(input("AAA", "R1", "S1", year, 1000, "published", 0, 0.5, "published",
          year == 2020 ? 4.5 : null), 0, 100);
      Row b = withContained(input("BBB", "R1", "S1", year, 2000, "published", 0, 0.4, "published", null), 5, 200);
      in.add(withLifespans(a, 0, 120, 80));
      in.add(withLifespans(b, 5, 220, 190));
      fixed.add(withLifespans(a, 0, 100, 100));
      fixed.add(withLifespans(b, 5, 200, 200));
    }
    List<Row> out = run(chain, in);
    assertThat(mass(out, "BBB", 2021)).isCloseTo(7.2, within(1e-12));
    double[] a = draws(at(out, "AAA", 2021));
    double[] b = draws(at(out, "BBB", 2021));
    for (int d = 0; d < b.length; d++) {
      double z = MonteCarlo.standardNormal(7, d, "lifespan");
      double gA = 1 - 0.2 * z;
      double gB = z < 0 ? 1 - 0.1 * z : 1 - 0.05 * z;
      assertThat(a[d]).isCloseTo(4.5, within(1e-12));
      assertThat(b[d]).as("draw " + d).isCloseTo(7.2 * gB / gA, within(1e-12));
    }
    assertThat(width(out, "BBB")).isGreaterThan(1.0);
    assertThat(width(run(chain, fixed), "BBB")).isEqualTo(0.0);
  }

  /** {@code row} with its kilograms in {@code category} at shorter and longer lifespans. */
  private static Row withLifespans(Row row, int category, double shorter, double longer) {
    Object[] v = toArray(row);
    v[row.fieldIndex(CountryChain.CONTAINED_BY_CATEGORY_SHORTER)] = inCategory(category, shorter);
    v[row.fieldIndex(CountryChain.CONTAINED_BY_CATEGORY_LONGER)] = inCategory(category, longer);
    return new GenericRowWithSchema(v, CountryChain.INPUT_SCHEMA);
  }

  private static scala.collection.immutable.Seq<Double> inCategory(int category, double kg) {
    double[] byCategory = new double[MetalContent.CATEGORIES.size()];
    byCategory[category] = kg;
    return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.stream(byCategory).boxed().toList()).toSeq();
  }

  /** {@code row} with all its contained kilograms in one category. */
  private static Row withContained(Row row, int category, double kg) {
    Object[] v = toArray(row);
    v[row.fieldIndex(CountryChain.CONTAINED_BY_CATEGORY)] = inCategory(category, kg);
    return new GenericRowWithSchema(v, CountryChain.INPUT_SCHEMA);
  }

  /**
   * With BBB's e-waste drawn (log sd 0.3) and its rate drawn (sd 0.35): each of S1's draws is
   * AAA's plus BBB's in the same draw, and S1's percentiles are those of the summed draws
   * (recomputed here from the country rows), not the sums of the countries' percentiles.
   */
  @Test
  void aggregatesArePercentilesOfSummedDraws() {
    CountryChain chain = chain(drivers("urbanmine.drivers.collection-spread.regional-default=0.35",
        "urbanmine.drivers.collection-spread.published=0.1"), 7, CountryChain.allDraws(200), FIRST, LAST, 0.9, 0);
    List<Row> out = run(chain, world(0.3, "regional-default"));
    double[] a = draws(at(out, "AAA", 2022));
    double[] b = draws(at(out, "BBB", 2022));
    double[] c = draws(at(out, "CCC", 2022));
    double[] s1 = draws(at(out, "S1", 2022));
    double[] world = draws(at(out, "World", 2022));
    double[] sum = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      assertThat(s1[i]).isEqualTo(a[i] + b[i]);
      assertThat(world[i]).isEqualTo(a[i] + b[i] + c[i]);
      sum[i] = a[i] + b[i];
    }
    Arrays.sort(sum);
    Row s1Row = at(out, "S1", 2022);
    assertThat(s1Row.<Double>getAs(CountryChain.P5_KG)).isEqualTo(MonteCarlo.percentileOfSorted(sum, 0.05));
    double sumOfP5 = 0;
    for (String country : List.of("AAA", "BBB", "CCC")) {
      sumOfP5 += at(out, country, 2022).<Double>getAs(CountryChain.P5_KG);
    }
    assertThat(Math.abs(at(out, "World", 2022).<Double>getAs(CountryChain.P5_KG) - sumOfP5)).isGreaterThan(1e-3);
  }

  /**
   * Percentiles of a sum against sums of percentiles, by hand: X = 1, 2, 3, 4, 5 and Y = 5, 4, 3,
   * 2, 1 kg in draws 0-4. X + Y = 6 in every draw: P5 = P95 = 6. But P5(X) = 1 + 0.2 x 1 = 1.2 (at
   * position (5 - 1) x 0.05 = 0.2), as P5(Y): their sum, 2.4, is no percentile of the total; nor is
   * P95(X) + P95(Y) = 4.8 + 4.8 = 9.6.
   */
  @Test
  void aPercentileOfASumIsNotASumOfPercentiles() {
    double[] x = {1, 2, 3, 4, 5};
    double[] total = {6, 6, 6, 6, 6};
    assertThat(MonteCarlo.percentileOfSorted(x, 0.05)).isCloseTo(1.2, within(1e-12));
    assertThat(MonteCarlo.percentileOfSorted(x, 0.95)).isCloseTo(4.8, within(1e-12));
    assertThat(MonteCarlo.percentileOfSorted(total, 0.05)).isCloseTo(6.0, within(1e-12));
    assertThat(MonteCarlo.percentileOfSorted(total, 0.95)).isCloseTo(6.0, within(1e-12));
  }

  /**
   * Two identical pooled countries (BBB, and CCC given BBB's inputs) in S1 with AAA elsewhere. A
   * factor shared by everyone (a smelter yield uncertain from 2021) moves both together: S1's 90 %
   * interval is exactly the sum of theirs. Drawn per country instead (their collection rates, as
   * uncertain), the two partly cancel: S1's interval is narrower than the sum of theirs.
   */
  @Test
  void aSharedFactorWidensTheAggregateAgainstIndependentDraws() {
    List<Row> twins = new ArrayList<>();
    for (int year = FIRST; year <= LAST; year++) {
      twins.add(input("AAA", "R0", "S0", year, 1000, "published", 0, 0.5, "published", year == 2020 ? 4.5 : null));
      twins.add(input("BBB", "R1", "S1", year, 2000, "published", 0, 0.4, "regional-default", null));
      twins.add(input("CCC", "R1", "S1", year, 2000, "published", 0, 0.4, "regional-default", null));
    }
    CountryChain shared = chain(drivers("urbanmine.drivers.smelter-yield.gold={value = 0.9,"
        + " target = {distribution = uniform, min = 0.5, max = 0.95}, from-year = 2020, by-year = 2021}"),
        7, CountryChain.allDraws(400), FIRST, LAST, 0.9, 0);
    CountryChain independent = chain(drivers("urbanmine.drivers.collection-spread.regional-default=0.3"),
        7, CountryChain.allDraws(400), FIRST, LAST, 0.9, 0);
    List<Row> s = run(shared, twins);
    List<Row> i = run(independent, twins);
    assertThat(width(s, "S1")).isCloseTo(width(s, "BBB") + width(s, "CCC"), within(1e-9));
    assertThat(width(i, "S1")).isLessThan(0.9 * (width(i, "BBB") + width(i, "CCC")));
  }

  private static double width(List<Row> rows, String scope) {
    Row r = at(rows, scope, 2022);
    return r.<Double>getAs(CountryChain.UPPER_KG) - r.<Double>getAs(CountryChain.LOWER_KG);
  }

  /**
   * More collection never gives less metal: every row of the chain rerun with every rate raised
   * by 0.05 is at least the original, draw by draw, with a scenario path toward 60 % in place; the
   * calibrated country's recorded year stays as recorded.
   */
  @Test
  void raisingEveryCollectionRateNeverLowersAnyScope() {
    String[] scenario = {"urbanmine.drivers.collection-spread.regional-default=0.35",
        "urbanmine.drivers.collection-change.toward={target = 0.6, from-year = 2020, by-year = 2022}"};
    List<Row> base = run(chain(drivers(scenario), 7, CountryChain.allDraws(50), FIRST, LAST, 0.9, 0),
        world(0.3, "regional-default"));
    List<Row> raised = run(chain(drivers(scenario), 7, CountryChain.allDraws(50), FIRST, LAST, 0.9, 0.05),
        world(0.3, "regional-default"));
    for (Row r : base) {
      String scope = r.getAs(CountryChain.SCOPE);
      int year = r.getAs(CountryChain.YEAR);
      Row more = at(raised, scope, year);
      assertThat(more.<Double>getAs(CountryChain.MASS_KG)).isGreaterThanOrEqualTo(r.<Double>getAs(CountryChain.MASS_KG));
      double[] d0 = draws(r);
      double[] d1 = draws(more);
      for (int j = 0; j < d0.length; j++) {
        assertThat(d1[j]).as(scope + " " + year + " draw " + j).isGreaterThanOrEqualTo(d0[j]);
      }
    }
    assertThat(mass(raised, "AAA", 2020)).isEqualTo(4.5);
    // 2022 (the target reached): BBB's rate 0.4 -> 0.6, so 2,000 x 0.6 x 0.018 x 0.5 = 10.8 kg all fixed.
    assertThat(mass(base, "BBB", 2022)).isCloseTo(10.8, within(1e-12));
  }
}
