package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regr_intercept;
import static org.apache.spark.sql.functions.regr_slope;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.tables.EwasteGeneratedTable;

/**
 * Put-on-market (POM) series, per country and product type, cleaned and extended as the
 * published Statistics Netherlands / UNU "Waste over Time" model does it (docs/waste-over-time.md,
 * method version 1.1 or 1.2): in kilograms and pieces per inhabitant, so that countries of any
 * size compare; each step is its own transformation ({@link ManualCorrections},
 * {@link MarketKnowledge}, the outlier rules here, {@link GapFill}, {@link StratumEstimate},
 * {@link Smoothing}, {@link CrtMonitors}, {@link SolarPanels}, {@link GrowthExtension} or
 * {@link PurchasingPowerExtension}, {@link NegligibleChanges}, {@link LedLamps}), and every value
 * keeps a {@link #FLAG} saying how it was made. The steps run in plain Java over the whole table
 * in one task ({@link PomTable}): the put-on-market data of every country of the world are under
 * a million rows, and as Spark joins and windows the dozen steps were two dozen jobs.
 */
public final class PutOnMarket {
  public static final String COUNTRY_CODE = WasteOverTime.COUNTRY_CODE;
  public static final String UNU_KEY = WasteOverTime.UNU_KEY;
  public static final String YEAR = WasteOverTime.YEAR;
  public static final String POM_KG = WasteOverTime.POM_KG;
  public static final String POPULATION = "population";
  public static final String FLAG = "pom_flag";

  /** As reported. */
  public static final String REPORTED = "reported";
  /** Reported, but an outlier: replaced by the interpolation of its neighbours. */
  public static final String OUTLIER = "outlier_replaced";
  /**
   * Reported, but an outlier among the same year's values of the countries of its purchasing-power
   * stratum: replaced as {@link #OUTLIER} is.
   */
  public static final String STRATUM_OUTLIER = "stratum_outlier_replaced";
  public static final String STRATUM = "stratum";
  /** Set by a rule from knowledge of the market, not the data ({@link MarketKnowledge}): kept as it is. */
  public static final String MARKET_KNOWLEDGE = "market_knowledge";
  /** Reported above the key's cap ({@link MarketKnowledge}): replaced as {@link #OUTLIER} is. */
  public static final String ABOVE_CAP = "above_cap_replaced";
  /** Not reported: interpolated between the nearest reported years. */
  public static final String INTERPOLATED = "interpolated";
  /** Not reported, before the first or after the last reported year: the nearest reported value. */
  public static final String NEAREST = "nearest_reported";
  /** After the last year of data, to the horizon ({@link #extend}). */
  public static final String EXTRAPOLATED = EwasteGeneratedTable.EXTRAPOLATED;
  /** Replaced by the model's manual corrections (docs/waste-over-time.md 3.3): kept as it is. */
  public static final String MANUAL = "manual_correction";
  /** Missing, estimated from the stratum means on purchasing power (3.10, 3.11). */
  public static final String STRATUM_ESTIMATE = "stratum_estimate";
  /** A jump from its neighbours, removed and re-filled from them (3.12). */
  public static final String SMOOTHED = "smoothed";
  /** CRT monitors (0308) rebuilt from desktop PCs and flat-panel monitors (3.13). */
  public static final String CRT_MONITORS = "crt_monitors_rebuilt";
  /** PV panels (0002) from the model's installed-capacity data (3.14): kept as it is. */
  public static final String PV_CAPACITY = "pv_capacity_data";
  /** Before the first year of data, extended backwards as the model does (3.15, 3.16). */
  public static final String EXTENDED_BACK = "extended_backwards";
  /** No value: removed or never reported, and no rule of the model estimates it; adds nothing. */
  public static final String MISSING = "missing";

  /**
   * Flags of values that no outlier or smoothing rule removes: the model's flags 50 and above
   * (set by knowledge of the market, a manual correction or the PV data).
   */
  public static boolean isProtected(String flag) {
    return java.util.Arrays.asList(PROTECTED).contains(flag);
  }

  private static final String[] PROTECTED = {MARKET_KNOWLEDGE, MANUAL, PV_CAPACITY};

  /** Flags of values a rule removed: an estimate that fills one keeps the flag, which says why. */
  private static final String[] REMOVED = {OUTLIER, STRATUM_OUTLIER, ABOVE_CAP, SMOOTHED};

  /**
   * The flag of a missing value that a step has just filled, by the step whose flag is
   * {@code fill}: a removed value keeps its flag; any other takes {@code fill}.
   */
  static String flagOfFill(String previous, String fill) {
    return java.util.Arrays.asList(REMOVED).contains(previous) ? previous : fill;
  }

  /** {@link #flagOfFill(String, String)} as a Spark expression. */
  static Column flagOfFill(Column previous, String fill) {
    return when(previous.isin((Object[]) REMOVED), previous).otherwise(lit(fill));
  }

  /** How series are extended: a linear trend of kg per person, or its mean, times population. */
  public enum Extension {
    TREND, PER_PERSON
  }

  /** Put on market per inhabitant, kilograms: the unit every cleaning step works in. */
  public static final String KPI = "kg_per_person";
  /** Put on market per inhabitant, pieces. */
  public static final String PPI = "pieces_per_person";
  /** kg per inhabitant as reported, before any step (kept for the model's step 3.17). */
  public static final String REPORTED_KPI = "reported_kg_per_person";
  /** pieces per inhabitant as reported, before any step. */
  public static final String REPORTED_PPI = "reported_pieces_per_person";
  /** Purchasing power per head (the model's {@code ppp ph17}). */
  public static final String PURCHASING_POWER = "purchasing_power";

  private PutOnMarket() {}

  /** Put on market, pieces (optional in the input). */
  public static final String POM_PIECES = "pom_pieces";
  /** How many years after the data method 1.1's series go (its 03i: to the last year + 9). */
  static final int MODEL_YEARS_AHEAD_1_1 = 9;
  /** The first year the published model's series are extended back to. */
  public static final int FIRST_MODEL_YEAR = 1980;

  /** What the cleaning reads: put on market, population, purchasing power per head and strata. */
  public record Inputs(Dataset<Row> pom, Dataset<Row> population, Dataset<Row> purchasingPower, Dataset<Row> strata) {}

  /**
   * How many rows of put-on-market data there are, and their first and last year (the model's Y0
   * and YL); how many rows of population; the countries of the put-on-market data without a
   * single known population, in code order.
   */
  public record Extent(long rows, PomSeries.DataSpan span, long populationRows, List<String> withoutPopulation) {}

  /** The {@link Extent} of put-on-market data {@code pom} and its {@code population}, in one Spark job. */
  public static Extent extent(Dataset<Row> pom, Dataset<Row> population) {
    Dataset<Row> withoutPopulation = pom.select(COUNTRY_CODE).distinct()
        .join(population.filter(col(POPULATION).isNotNull()).select(COUNTRY_CODE).distinct(), COUNTRY_CODE, "left_anti");
    Row extent = pom.agg(count(lit(1)), min(YEAR), max(YEAR))
        .crossJoin(population.agg(count(lit(1))))
        .crossJoin(withoutPopulation.agg(sort_array(collect_list(COUNTRY_CODE))))
        .first();
    return new Extent(extent.getLong(0), new PomSeries.DataSpan(extent.getInt(1), extent.getInt(2)), extent.getLong(3),
        extent.getList(4));
  }

  /**
   * Fails the run where {@code extent} names countries of the put-on-market data without a
   * population: the model works per person, and such a country's e-waste would come out as none.
   */
  public static void requirePopulation(Extent extent, String putOnMarket, String population) {
    if (!extent.withoutPopulation().isEmpty()) {
      throw new RunFailedException("urbanmine.ewaste.population (" + population + ") has no population for "
          + extent.withoutPopulation().size() + " of the countries in urbanmine.ewaste.put-on-market (" + putOnMarket
          + "): " + String.join(", ", extent.withoutPopulation()) + "; the model works per person, so every country"
          + " with put-on-market data needs its inhabitants for at least one year");
    }
  }

  /**
   * The published model's cleaning of every series (docs/waste-over-time.md 3.2-3.13, at method
   * {@code version}), in the model's order: manual corrections; the market-knowledge rules; the
   * outlier rules over a series' years, then within a stratum; short gaps filled from
   * neighbouring years; what is still missing estimated from the stratum means on purchasing
   * power; jumps smoothed; CRT monitors rebuilt from desktops and flat panels. A value may still
   * be missing after that, as in the model: before a series' first value (the extension then
   * fills it), in a gap of three years or more, or where the stratum estimate lacks an anchor.
   *
   * @param in {@code pom}: {@code country_code, unu_key, year, pom_kg, pom_pieces};
   *     {@code population}: {@code country_code, year, population}; {@code purchasingPower}:
   *     {@code country_code, year, purchasing_power}; {@code strata}: {@code country_code, stratum}
   * @return {@link PomSeries#SCHEMA} rows: every country with a stratum gets every key of the
   *     data (the model's full grid: a key a country never reported is estimated from its
   *     stratum), a country without one its own keys, each over the years of the data
   */
  public static Dataset<Row> clean(SparkSession spark, Inputs in, PomSeries.DataSpan years, String version,
      double madThreshold, int minValues) {
    return settled(onTheGrid(in, years, cleaning(spark, years, version, madThreshold, minValues)));
  }

  /**
   * {@code steps} run on the model's grid of {@code in} ({@link #grid}), in one pass of one task
   * ({@link PomTable}): the inputs read as they are, with no join and no shuffle.
   */
  private static Dataset<Row> onTheGrid(Inputs in, PomSeries.DataSpan years, List<PomTable.Step> steps) {
    return PomTable.apply(facts(in), facts -> grid(facts, years), steps.toArray(PomTable.Step[]::new));
  }

  /** The steps of {@link #clean}, in the model's order. */
  private static List<PomTable.Step> cleaning(SparkSession spark, PomSeries.DataSpan years, String version,
      double madThreshold, int minValues) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    return List.of(
        PomTable.each(ManualCorrections.read(hadoop, version).step(), MarketKnowledge.step()),
        removeOutliers(madThreshold, minValues),
        PomTable.each(GapFill.step(years)),
        StratumEstimate.step(years),
        PomTable.each(Smoothing.step(years)),
        CrtMonitors.step(CrtMonitors.keyWeights(hadoop, version), !MethodVersion.isVersion11(version)));
  }

  /**
   * {@code rows} computed once, by the first job that reads them, and cut from the plan that made
   * them: the plan of what reads them starts from their rows. A local checkpoint is Spark's own
   * cut for iterative work; a lazy one costs no job of its own. A lost executor fails the run,
   * which is then rerun whole.
   */
  static Dataset<Row> settled(Dataset<Row> rows) {
    return rows.localCheckpoint(false);
  }

  /**
   * {@code side}, to be joined by a shuffle rather than broadcast: a broadcast is a Spark job of
   * its own (a tenth of a second or more of scheduling on small inputs), the shuffle of a small
   * side a stage of the job that reads the join.
   */
  static Dataset<Row> shuffled(Dataset<Row> side) {
    return side.hint("shuffle_hash");
  }

  /**
   * The published model's cleaning ({@link #clean}) and extension of every series (3.14-3.18 at
   * method {@code version}) from {@link #FIRST_MODEL_YEAR} to {@code horizon}, with its PV-panel
   * data and its undoing of negligible changes: in one pass with the cleaning at 1.1, in two at
   * 1.2. 1.1: PV panels, then 2 % a year from the last three years, and back to 1980, then LED
   * lamps' rule; 1.2: on purchasing power with the model's exceptions and back to each key's
   * introduction year, then PV panels. The model's series end nine years after the data (1.1:
   * 2024) or with purchasing power (1.2: 2021). Beyond, kg per person is held at the model's last
   * year (1.1; growing 2 % a year on would put the United Kingdom above 35 kg of e-waste per
   * person by 2033), and at the last year each approach of 1.2 can compute (its trend and
   * constants go on; see {@link PurchasingPowerExtension}).
   */
  public static Dataset<Row> extendAsPublished(SparkSession spark, Inputs in, PomSeries.DataSpan years,
      String version, double madThreshold, int minValues, int horizon) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<PomTable.Step> steps = new ArrayList<>(cleaning(spark, years, version, madThreshold, minValues));
    SolarPanels.Sales panels = SolarPanels.read(hadoop, version);
    PomTable.Step widen = widen(Math.max(horizon, years.last()));
    if (MethodVersion.isVersion11(version)) {
      steps.addAll(List.of(PomTable.each(SolarPanels.step(panels)), widen,
          PomTable.each(withoutStratum(fillRemaining(years)),
              GrowthExtension.step(years, GrowthExtension.GROWTH, GrowthExtension.KEYS_WITHOUT_HISTORY),
              holdAfter(null, years.last() + MODEL_YEARS_AHEAD_1_1), NegligibleChanges.step(), LedLamps.step(),
              PutOnMarket::clipNegative)));
      return settled(onTheGrid(in, years, steps));
    }
    steps.add(widen);
    // The extension reads each key's fit over all countries, a Spark aggregation (summed in the
    // order the model's fits always were, to the last bit): a second pass, per series, after it.
    Dataset<Row> wide = settled(onTheGrid(in, years, steps));
    ExtrapolationRules rules = ExtrapolationRules.bundled(hadoop);
    return settled(PomSeries.apply(PurchasingPowerExtension.withGlobalFits(wide, years),
        PurchasingPowerExtension.GLOBAL_FIT, series -> List.of(withoutStratum(fillRemaining(years)),
            PurchasingPowerExtension.step(years, PurchasingPowerExtension.globalFit(series), rules),
            SolarPanels.step(panels), holdAfter(SolarPanels.PV_PANELS, panels.lastYear()), NegligibleChanges.step(),
            PutOnMarket::clipNegative)));
  }

  /**
   * {@link PomSeries#SCHEMA} rows as {@code country_code, unu_key, year, pom_kg, population,
   * pom_flag}; a value still missing is null, flagged {@link #MISSING} (it adds nothing to
   * e-waste, as in the model).
   */
  public static Dataset<Row> toPom(Dataset<Row> rows) {
    return rows.select(col(COUNTRY_CODE), col(UNU_KEY), col(YEAR), col(KPI).multiply(col(POPULATION)).as(POM_KG),
        col(POPULATION), when(col(KPI).isNull(), lit(MISSING)).otherwise(col(FLAG)).as(FLAG));
  }

  /**
   * The cleaned series extended forwards only, the way urbanmine did before it followed the
   * published extension ({@code extension.method} trend or per-person): every value still
   * missing in the data's years is first interpolated, or takes the nearest.
   */
  public static Dataset<Row> extendForwards(Dataset<Row> cleaned, PomSeries.DataSpan span, Dataset<Row> population,
      Extension method, int years, int horizon) {
    return extend(toPom(PomSeries.apply(cleaned, fillRemaining(span))), population, method, years, horizon,
        span.last());
  }

  /** A row of {@link #facts}: one of the kinds below, then the fields of that kind (null for the others). */
  private static final StructType FACTS = new StructType().add("kind", DataTypes.StringType)
      .add(COUNTRY_CODE, DataTypes.StringType).add(UNU_KEY, DataTypes.StringType).add(YEAR, DataTypes.IntegerType)
      .add(STRATUM, DataTypes.IntegerType).add("value", DataTypes.DoubleType).add(POM_PIECES, DataTypes.DoubleType);
  /** A fact of {@code pom}: kg (value) and pieces of a country, key and year. */
  private static final String POM_FACT = "pom";
  /** A fact of {@code population}: inhabitants (value) of a country and year. */
  private static final String POPULATION_FACT = "population";
  /** A fact of {@code purchasingPower}: purchasing power per head (value) of a country and year. */
  private static final String PURCHASING_POWER_FACT = "purchasing_power";
  /** A fact of {@code strata}: a country's stratum. */
  private static final String STRATUM_FACT = "stratum";

  /**
   * All that the cleaning reads, as one table ({@link #FACTS}) of tagged rows: read by one task,
   * which builds the series from them without a join ({@link #grid}).
   */
  static Dataset<Row> facts(Inputs in) {
    Column noKey = lit(null).cast(DataTypes.StringType);
    Column noYear = lit(null).cast(DataTypes.IntegerType);
    Column noStratum = lit(null).cast(DataTypes.IntegerType);
    Column noValue = lit(null).cast(DataTypes.DoubleType);
    return in.pom().select(lit(POM_FACT), col(COUNTRY_CODE), col(UNU_KEY), col(YEAR), noStratum, col(POM_KG),
            col(POM_PIECES))
        .union(in.population().select(lit(POPULATION_FACT), col(COUNTRY_CODE), noKey, col(YEAR), noStratum,
            col(POPULATION), noValue))
        .union(in.purchasingPower().select(lit(PURCHASING_POWER_FACT), col(COUNTRY_CODE), noKey, col(YEAR), noStratum,
            col(PURCHASING_POWER), noValue))
        .union(in.strata().select(lit(STRATUM_FACT), col(COUNTRY_CODE), noKey, noYear, col(STRATUM), noValue,
            noValue))
        .toDF(FACTS.fieldNames());
  }

  /**
   * The model's full grid over the data's years, per inhabitant, flagged {@link #REPORTED} where
   * reported, from the rows of {@link #facts}: every country in the data with a stratum gets
   * every key of the data, a country without one its own keys.
   */
  static PomTable grid(Iterator<Row> facts, PomSeries.DataSpan span) {
    PomTable table = new PomTable();
    Map<String, Map<Integer, double[]>> reported = new HashMap<>();
    Map<String, Set<String>> keysOf = new TreeMap<>();
    Set<String> keys = new TreeSet<>();
    Map<String, Integer> strata = new HashMap<>();
    facts.forEachRemaining(f -> {
      String country = f.getString(1);
      switch (f.getString(0)) {
        case POM_FACT -> {
          keys.add(f.getString(2));
          keysOf.computeIfAbsent(country, c -> new TreeSet<>()).add(f.getString(2));
          reported.computeIfAbsent(country + " " + f.getString(2), s -> new HashMap<>())
              .put(f.getInt(3), new double[] {f.getDouble(5), f.isNullAt(6) ? Double.NaN : f.getDouble(6)});
        }
        case POPULATION_FACT -> {
          if (!f.isNullAt(5)) {
            table.putPopulation(country, f.getInt(3), f.getDouble(5));
          }
        }
        case PURCHASING_POWER_FACT -> {
          if (!f.isNullAt(5)) {
            table.putPurchasingPower(country, f.getInt(3), f.getDouble(5));
          }
        }
        default -> strata.put(country, f.isNullAt(4) ? null : f.getInt(4));
      }
    });
    int years = span.last() - span.first() + 1;
    keysOf.forEach((country, own) -> {
      for (String key : strata.containsKey(country) ? keys : own) {
        PomSeries s = new PomSeries(country, key, strata.get(country), span.first(), years);
        Map<Integer, double[]> values = reported.getOrDefault(country + " " + key, Map.of());
        for (int i = 0; i < years; i++) {
          int year = span.first() + i;
          s.population[i] = table.population(country, year);
          s.ppp[i] = table.purchasingPower(country, year);
          double[] kgAndPieces = values.get(year);
          if (kgAndPieces != null) {
            s.kpi[i] = kgAndPieces[0] / s.population[i];
            s.ppi[i] = kgAndPieces[1] / s.population[i];
            s.flag[i] = REPORTED;
            s.reportedKpi[i] = s.kpi[i];
            s.reportedPpi[i] = s.ppi[i];
          }
        }
        table.put(s);
      }
    });
    return table;
  }

  /**
   * Every series over {@code FIRST_MODEL_YEAR..lastYear}: the new years without values, their
   * purchasing power, and population (the last known where the table ends earlier).
   */
  static PomTable.Step widen(int lastYear) {
    return table -> {
      for (PomSeries s : new ArrayList<>(table.series())) {
        int first = Math.min(FIRST_MODEL_YEAR, s.firstYear);
        int years = Math.max(lastYear, s.lastYear()) - first + 1;
        PomSeries wide = new PomSeries(s.country, s.key, s.stratum, first, years);
        for (int i = 0; i < wide.length(); i++) {
          int year = wide.year(i);
          if (year >= s.firstYear && year <= s.lastYear()) {
            int j = s.index(year);
            wide.population[i] = s.population[j];
            wide.ppp[i] = s.ppp[j];
            wide.kpi[i] = s.kpi[j];
            wide.ppi[i] = s.ppi[j];
            wide.flag[i] = s.flag[j];
            wide.reportedKpi[i] = s.reportedKpi[j];
            wide.reportedPpi[i] = s.reportedPpi[j];
          } else {
            double population = table.population(s.country, year);
            wide.population[i] = PomSeries.na(population) ? table.lastPopulation(s.country) : population;
            wide.ppp[i] = table.purchasingPower(s.country, year);
          }
        }
        table.put(wide);
      }
    };
  }

  /**
   * The model's two outlier rules (3.7, 3.8): over a series' years ({@link #OUTLIER}), then, on
   * what is left, across the countries of a stratum per key and year ({@link #STRATUM_OUTLIER}).
   * A removed value leaves kg and pieces per person missing.
   */
  static PomTable.Step removeOutliers(double madThreshold, int minValues) {
    return table -> {
      for (PomSeries s : table.series()) {
        List<Value> years = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
          years.add(new Value(s, i));
        }
        remove(years, madThreshold, minValues, OUTLIER);
      }
      Map<String, List<Value>> byKeyYearAndStratum = new HashMap<>();
      for (PomSeries s : table.series()) {
        for (int i = 0; s.stratum != null && i < s.length(); i++) {
          byKeyYearAndStratum.computeIfAbsent(s.key + " " + s.year(i) + " " + s.stratum, g -> new ArrayList<>())
              .add(new Value(s, i));
        }
      }
      byKeyYearAndStratum.values().forEach(group -> remove(group, madThreshold, minValues, STRATUM_OUTLIER));
    };
  }

  /** The value of {@code series} at {@code index}. */
  private record Value(PomSeries series, int index) {
    double kpi() {
      return series.kpi[index];
    }
  }

  /**
   * Removes, flagged {@code flag}, the values of {@code group} that lie more than {@code madThreshold}
   * median absolute deviations (constant 1) from the group's median, in groups of at least
   * {@code minValues} values. A value set by knowledge of the market counts in the median, as in
   * the model, but is never removed.
   */
  private static void remove(List<Value> group, double madThreshold, int minValues, String flag) {
    double[] values = group.stream().mapToDouble(Value::kpi).toArray();
    if (Arrays.stream(values).filter(v -> !PomSeries.na(v)).count() < minValues) {
      return;
    }
    double median = median(values);
    double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
    double mad = median(deviations);
    for (int m = 0; m < values.length; m++) {
      PomSeries s = group.get(m).series();
      int i = group.get(m).index();
      if (deviations[m] > mad * madThreshold && !isProtected(s.flag[i])) {
        s.kpi[i] = Double.NaN;
        s.ppi[i] = Double.NaN;
        s.flag[i] = flag;
      }
    }
  }

  /**
   * The exact median of {@code values} that are not NaN (NaN where none is), as Spark's
   * {@code percentile(v, 0.5)} computes it: between two middle values, each weighted by a half.
   */
  static double median(double[] values) {
    double[] sorted = Arrays.stream(values).filter(v -> !PomSeries.na(v)).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double position = (sorted.length - 1) * 0.5;
    int lower = (int) Math.floor(position);
    int higher = (int) Math.ceil(position);
    if (sorted[lower] == sorted[higher]) {
      return sorted[lower];
    }
    return (higher - position) * sorted[lower] + (position - lower) * sorted[higher];
  }

  /**
   * Values still missing in the data's years: interpolated between the nearest known years, or the
   * nearest known at the ends; a removed value keeps its flag. A series with no value stays empty.
   */
  static PomSeries.Step fillRemaining(PomSeries.DataSpan span) {
    return s -> {
      int from = Math.max(span.first(), s.firstYear) - s.firstYear;
      int to = Math.min(span.last(), s.lastYear()) - s.firstYear;
      int lastKnown = -1;
      for (int i = from; i <= to; i++) {
        if (!PomSeries.na(s.kpi[i])) {
          lastKnown = i;
          continue;
        }
        int next = i + 1;
        while (next <= to && PomSeries.na(s.kpi[next])) {
          next++;
        }
        if (lastKnown < 0 && next > to) {
          return;
        }
        boolean between = lastKnown >= 0 && next <= to;
        s.kpi[i] = between ? s.kpi[lastKnown] + (s.kpi[next] - s.kpi[lastKnown]) * (i - lastKnown) / (next - lastKnown)
            : s.kpi[lastKnown >= 0 ? lastKnown : next];
        s.flag[i] = flagOfFill(s.flag[i], between ? INTERPOLATED : NEAREST);
      }
    };
  }

  /**
   * {@code step} for the series of countries without a stratum only: the model has none, and
   * leaves a value it cannot estimate missing (adding nothing to e-waste); a country outside it
   * has no stratum estimate to fill its gaps, so they are interpolated instead.
   */
  private static PomSeries.Step withoutStratum(PomSeries.Step step) {
    return s -> {
      if (s.stratum == null) {
        step.apply(s);
      }
    };
  }

  /** Negative kg per person (an estimate's or a trend's) as 0, as the model's extension ends. */
  static void clipNegative(PomSeries s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.kpi[i] < 0) {
        s.kpi[i] = 0;
        s.ppi[i] = 0;
      }
    }
  }

  /**
   * kg per person of {@code key} (every key where null) after {@code year} held at that year's,
   * flagged {@link #EXTRAPOLATED}.
   */
  private static PomSeries.Step holdAfter(String key, int year) {
    return s -> {
      if ((key != null && !s.key.equals(key)) || year < s.firstYear || year >= s.lastYear()) {
        return;
      }
      for (int t = year + 1; t <= s.lastYear(); t++) {
        s.set(t, s.kpiOf(year), s.ppiOf(year), EXTRAPOLATED);
      }
    };
  }

  /**
   * Extends each cleaned series from the year after its last to {@code horizon}: kg per person
   * over the last {@code years} years, as a linear trend (never below 0) or as their mean, times
   * the population of the year (the last known population where the table ends earlier).
   *
   * @return {@link #clean}'s rows and the new ones, flagged {@link #EXTRAPOLATED}
   */
  public static Dataset<Row> extend(Dataset<Row> cleaned, Dataset<Row> population, Extension method, int years,
      int horizon) {
    return extend(cleaned, population, method, years, horizon, cleaned.agg(max(YEAR)).first().getInt(0));
  }

  /** {@link #extend} of series whose last year is {@code last}. */
  private static Dataset<Row> extend(Dataset<Row> cleaned, Dataset<Row> population, Extension method, int years,
      int horizon, int last) {
    if (horizon <= last) {
      return cleaned;
    }
    Column perPerson = col(POM_KG).divide(col(POPULATION));
    Dataset<Row> fit = cleaned.filter(col(YEAR).gt(last - years)).groupBy(COUNTRY_CODE, UNU_KEY)
        .agg(regr_slope(perPerson, col(YEAR)).as("slope"), regr_intercept(perPerson, col(YEAR)).as("intercept"),
            avg(perPerson).as("mean"));
    Dataset<Row> lastPopulation = population.groupBy(COUNTRY_CODE)
        .agg(max(struct(col(YEAR), col(POPULATION))).getField(POPULATION).as("last_population"));
    Column kpi = method == Extension.TREND
        ? greatest(lit(0.0), coalesce(col("intercept").plus(col("slope").multiply(col(YEAR))), col("mean")))
        : col("mean");
    Dataset<Row> ahead = fit.withColumn(YEAR, explode(sequence(lit(last + 1), lit(horizon))))
        .join(population, new String[] {COUNTRY_CODE, YEAR}, "left")
        .join(lastPopulation, new String[] {COUNTRY_CODE}, "left")
        .withColumn(POPULATION, coalesce(col(POPULATION), col("last_population")))
        .select(col(COUNTRY_CODE), col(UNU_KEY), col(YEAR), kpi.multiply(col(POPULATION)).as(POM_KG),
            col(POPULATION), lit(EXTRAPOLATED).as(FLAG));
    return cleaned.unionByName(ahead);
  }

}
