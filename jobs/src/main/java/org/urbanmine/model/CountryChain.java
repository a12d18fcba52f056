package org.urbanmine.model;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.config.Settings;
import org.urbanmine.tables.CountryDrawsTable;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.uncertainty.Distribution;
import org.urbanmine.uncertainty.MonteCarlo;

/**
 * The drivers model for every country, per Monte Carlo draw, and its hierarchy of sums: sub-regions,
 * regions and the world, each the sum of its countries in every draw.
 *
 * <pre>
 *   recoverable(c, m, t, d) = contained(c, m, t, d) x e(c, d) x collection(c, t, d)
 *                             x preprocessing(m, t, d) x smelter(m, t, d) x calibration(c, m, d)
 *   contained(c, m, t, d)   = sum over categories k of contained(c, m, t, k, z(d)) x q(m, k, d)
 * </pre>
 *
 * in kilograms; a year with a record is the record. {@code contained(c, m, t, k)} is the metal in
 * the country's e-waste of category k with every content at its median ({@link MetalContent}: its
 * own e-waste per UNU key where it has put-on-market data, else the composition of those that
 * have it, per tonne), and {@code q} the category's content factor in the draw (1 all fixed).
 * {@code z(d)} is the draw's lifespan variable, N(0, 1), one for every product, country and metal:
 * every lifespan is e^(sd z) times as long ({@code urbanmine.ewaste.lifespan-log-sd}). The
 * sales-lifespan model gives the kilograms at z = -1, 0 and 1 ({@code ewaste_generated}'s three
 * e-waste columns); between and beyond them a category's kilograms are linear in z on each side,
 * c(0) + |z| (c(+-1) - c(0)), never below 0 ({@link #atLifespans}). Two kinds of
 * factor, as the issue asks: those that are one unknown for everyone (a metal's content, the
 * yields, a scenario's policy) take the same value for every country in a draw, drawn by name
 * from {@link MonteCarlo}; a country's own (its e-waste level {@code e}, drawn where it rests on an
 * estimate, its collection rate, its calibration) are drawn per country, from a normal variable
 * named after the country. Both are stateless hashes of (seed, draw, name): a country's draws do
 * not depend on which other countries or draws are computed, nor on Spark's partitioning.
 *
 * <p><b>Calibration.</b> A country with records of the metal is calibrated to them: the factor is
 * its recorded kilograms over the model's in those years, the model taken at the country's own
 * collection rate (the rate at which the records were collected), before any scenario change. So a
 * scenario that collects more yields more metal in proportion, and more collection never yields
 * less: the audit checks that by raising every rate by a step. A country without records takes the
 * geometric mean of the calibrated countries' factors (pooled). Either factor is then drawn per
 * country around its value: exp(N(0, s)) with s the spread of the country's own yearly log ratios
 * (records against model) where it has two years or more, else the spread of the calibrated
 * countries' log factors about their mean.
 *
 * <p><b>Sums.</b> The countries of a scope are added in the order of their codes, draw by draw, so
 * a sum is the same bit for bit in every run; percentiles are taken of the summed draws.
 *
 * <p>Runs with all of a metal's rows in one Spark partition ({@link #run}); inside, plain Java over
 * arrays.
 */
public final class CountryChain implements Serializable {
  private static final long serialVersionUID = 1L;

  // Input columns (one row per country, metal and year, firstYear to horizon).
  public static final String COUNTRY_CODE = ForecastDriversTable.COUNTRY_CODE;
  public static final String REGION = ForecastDriversTable.REGION;
  public static final String SUB_REGION = ForecastDriversTable.SUB_REGION;
  public static final String METAL = ForecastDriversTable.METAL;
  public static final String YEAR = ForecastDriversTable.YEAR;
  public static final String EWASTE_T = ForecastDriversTable.EWASTE_T;
  public static final String EWASTE_BASIS = ForecastDriversTable.EWASTE_BASIS;
  public static final String EWASTE_LOG_SD = ForecastDriversTable.EWASTE_LOG_SD;
  public static final String EWASTE_LAST_DATA_YEAR = ForecastDriversTable.EWASTE_LAST_DATA_YEAR;
  public static final String OWN_COLLECTION_RATE = ForecastDriversTable.OWN_COLLECTION_RATE;
  public static final String COLLECTION_BASIS = ForecastDriversTable.COLLECTION_BASIS;
  public static final String OBSERVED_KG = ForecastDriversTable.OBSERVED_KG;
  public static final String EWASTE_RULE = ForecastDriversTable.EWASTE_RULE;
  /** Kilograms contained per category, every content at its median ({@link MetalContent#CATEGORIES} order). */
  public static final String CONTAINED_BY_CATEGORY = MetalContent.CONTAINED_BY_CATEGORY;
  public static final String CONTENT_RULE = ForecastDriversTable.CONTENT_RULE;
  /** {@link #CONTAINED_BY_CATEGORY} with every lifespan e^-sd times as long; null: the lifespans are not drawn. */
  public static final String CONTAINED_BY_CATEGORY_SHORTER = MetalContent.CONTAINED_BY_CATEGORY_SHORTER;
  /** ... and e^sd times as long. */
  public static final String CONTAINED_BY_CATEGORY_LONGER = MetalContent.CONTAINED_BY_CATEGORY_LONGER;

  public static final StructType INPUT_SCHEMA = new StructType()
      .add(COUNTRY_CODE, DataTypes.StringType, false).add(REGION, DataTypes.StringType)
      .add(SUB_REGION, DataTypes.StringType).add(METAL, DataTypes.StringType, false)
      .add(YEAR, DataTypes.IntegerType, false).add(EWASTE_T, DataTypes.DoubleType, false)
      .add(EWASTE_BASIS, DataTypes.StringType).add(EWASTE_LOG_SD, DataTypes.DoubleType, false)
      .add(EWASTE_LAST_DATA_YEAR, DataTypes.IntegerType).add(OWN_COLLECTION_RATE, DataTypes.DoubleType, false)
      .add(COLLECTION_BASIS, DataTypes.StringType).add(OBSERVED_KG, DataTypes.DoubleType)
      .add(EWASTE_RULE, DataTypes.StringType)
      .add(CONTAINED_BY_CATEGORY, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add(CONTENT_RULE, DataTypes.StringType)
      .add(CONTAINED_BY_CATEGORY_SHORTER, DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add(CONTAINED_BY_CATEGORY_LONGER, DataTypes.createArrayType(DataTypes.DoubleType, false));

  // Output columns.
  public static final String SCOPE_LEVEL = MetalForecastTable.SCOPE_LEVEL;
  public static final String SCOPE = MetalForecastTable.SCOPE;
  public static final String MASS_KG = MetalForecastTable.MASS_KG;
  public static final String DRAWS_KG = CountryDrawsTable.DRAWS_KG;
  public static final String LOWER_KG = MetalForecastTable.LOWER_KG;
  public static final String UPPER_KG = MetalForecastTable.UPPER_KG;
  public static final String P5_KG = MetalForecastTable.P5_KG;
  public static final String P50_KG = MetalForecastTable.P50_KG;
  public static final String P95_KG = MetalForecastTable.P95_KG;
  public static final String BASIS = MetalForecastTable.BASIS;
  public static final String COUNTRIES = MetalForecastTable.COUNTRIES;
  public static final String RECORDED_SHARE = MetalForecastTable.RECORDED_SHARE;
  public static final String LAST_DATA_YEAR = MetalForecastTable.LAST_DATA_YEAR;
  public static final String IS_FORECAST = MetalForecastTable.IS_FORECAST;
  public static final String COLLECTION_RATE = ForecastDriversTable.COLLECTION_RATE;
  public static final String CONTENT_G_PER_T = ForecastDriversTable.CONTENT_G_PER_T;
  public static final String PREPROCESSING_YIELD = ForecastDriversTable.PREPROCESSING_YIELD;
  public static final String SMELTER_YIELD = ForecastDriversTable.SMELTER_YIELD;
  public static final String MODEL_KG = ForecastDriversTable.MODEL_KG;
  public static final String CALIBRATION_FACTOR = ForecastDriversTable.CALIBRATION_FACTOR;
  public static final String CALIBRATION_BASIS = ForecastDriversTable.CALIBRATION_BASIS;
  public static final String CALIBRATION_LOG_SD = ForecastDriversTable.CALIBRATION_LOG_SD;
  public static final String CALIBRATION_SPREAD_RULE = ForecastDriversTable.CALIBRATION_SPREAD_RULE;
  public static final String CONTAINED_KG = ForecastDriversTable.CONTAINED_KG;

  public static final String COUNTRY = MetalForecastTable.COUNTRY_LEVEL;
  public static final String SUB_REGION_LEVEL = "sub_region";
  public static final String REGION_LEVEL = MetalForecastTable.REGION_LEVEL;
  public static final String WORLD = "world";
  public static final String WORLD_SCOPE = "World";

  /** The bases of a country's row: what its number rests on. */
  public static final String RECORDED = "recorded";
  public static final String CALIBRATED = "calibrated";
  public static final String POOLED = "pooled";
  public static final String ESTIMATED = "estimated";
  /** The e-waste basis of a country estimated from purchasing power, which makes its row {@link #ESTIMATED}. */
  public static final String EWASTE_ESTIMATED = "estimated";
  /** {@code calibration_basis}: the country's own records, or the pool of calibrated countries. */
  public static final String BY_RECORDS = "records";
  public static final String BY_POOL = "pooled";

  public static final StructType OUTPUT_SCHEMA = new StructType()
      .add(SCOPE_LEVEL, DataTypes.StringType, false).add(SCOPE, DataTypes.StringType, false)
      .add(METAL, DataTypes.StringType, false).add(YEAR, DataTypes.IntegerType, false)
      .add(REGION, DataTypes.StringType).add(SUB_REGION, DataTypes.StringType)
      .add(MASS_KG, DataTypes.DoubleType, false)
      .add(DRAWS_KG, DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add(LOWER_KG, DataTypes.DoubleType).add(UPPER_KG, DataTypes.DoubleType)
      .add(P5_KG, DataTypes.DoubleType).add(P50_KG, DataTypes.DoubleType).add(P95_KG, DataTypes.DoubleType)
      .add(BASIS, DataTypes.StringType).add(COUNTRIES, DataTypes.IntegerType, false)
      .add(RECORDED_SHARE, DataTypes.DoubleType).add(LAST_DATA_YEAR, DataTypes.IntegerType)
      .add(IS_FORECAST, DataTypes.BooleanType, false)
      .add(EWASTE_T, DataTypes.DoubleType).add(EWASTE_BASIS, DataTypes.StringType)
      .add(EWASTE_LOG_SD, DataTypes.DoubleType).add(EWASTE_LAST_DATA_YEAR, DataTypes.IntegerType)
      .add(OWN_COLLECTION_RATE, DataTypes.DoubleType).add(COLLECTION_BASIS, DataTypes.StringType)
      .add(COLLECTION_RATE, DataTypes.DoubleType).add(CONTENT_G_PER_T, DataTypes.DoubleType)
      .add(PREPROCESSING_YIELD, DataTypes.DoubleType).add(SMELTER_YIELD, DataTypes.DoubleType)
      .add(MODEL_KG, DataTypes.DoubleType).add(CALIBRATION_FACTOR, DataTypes.DoubleType)
      .add(CALIBRATION_BASIS, DataTypes.StringType).add(OBSERVED_KG, DataTypes.DoubleType)
      .add(EWASTE_RULE, DataTypes.StringType)
      .add(CALIBRATION_LOG_SD, DataTypes.DoubleType).add(CALIBRATION_SPREAD_RULE, DataTypes.StringType)
      .add(CONTAINED_KG, DataTypes.DoubleType).add(CONTENT_RULE, DataTypes.StringType)
      .add(CONTAINED_BY_CATEGORY, DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add(CONTAINED_BY_CATEGORY_SHORTER, DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add(CONTAINED_BY_CATEGORY_LONGER, DataTypes.createArrayType(DataTypes.DoubleType, false));

  private final Settings.Drivers drivers;
  private final MetalContent content;
  private final long seed;
  private final int[] draws;
  private final int firstYear;
  private final int horizon;
  private final double intervalLevel;
  private final double collectionStep;
  /** lower_kg, upper_kg, p5_kg, p50_kg and p95_kg: the percentiles of every row's draws. */
  private final double[] percentiles;
  private final int[] percentileRanks;

  /**
   * @param draws the Monte Carlo draws to compute (0 to n - 1 for all; a sample for a check); the
   *     all-fixed value (every distribution at its median, every country's own factor at 1) is
   *     always computed, as {@code mass_kg}
   * @param collectionStep added to every country's own collection rate (at most 1) in the years
   *     forecast, never in the calibration: 0, except for the audit's monotonicity check
   */
  public CountryChain(Settings.Drivers drivers, MetalContent content, long seed, int[] draws, int firstYear,
      int horizon, double intervalLevel, double collectionStep) {
    if (draws.length < 1) {
      throw new IllegalArgumentException("need at least 1 draw");
    }
    this.drivers = drivers;
    this.content = content;
    this.seed = seed;
    this.draws = draws.clone();
    this.firstYear = firstYear;
    this.horizon = horizon;
    this.intervalLevel = intervalLevel;
    this.collectionStep = collectionStep;
    this.percentiles = new double[] {(1 - intervalLevel) / 2, (1 + intervalLevel) / 2, 0.05, 0.5, 0.95};
    this.percentileRanks = ranks(percentiles, draws.length);
  }

  /**
   * The positions {@link MonteCarlo#percentileOfSorted} reads in {@code n} sorted values for each
   * of {@code levels}, ascending and distinct.
   */
  public static int[] ranks(double[] levels, int n) {
    TreeSet<Integer> ranks = new TreeSet<>();
    for (double p : levels) {
      double position = (n - 1) * p;
      ranks.add((int) Math.floor(position));
      ranks.add((int) Math.ceil(position));
    }
    return ranks.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Draws 0 to {@code n - 1}. */
  public static int[] allDraws(int n) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    return all;
  }

  /** {@code OUTPUT_SCHEMA} rows for every country of {@code input} ({@code INPUT_SCHEMA}) and every scope above them. */
  public Dataset<Row> run(Dataset<Row> input) {
    return run(input, OUTPUT_SCHEMA);
  }

  /** What {@link #runDraws} gives: the key, the all-fixed mass and the draws of every row of {@link #run}. */
  public static final StructType DRAWS_SCHEMA = new StructType(Arrays.copyOfRange(OUTPUT_SCHEMA.fields(), 0, 4))
      .add(OUTPUT_SCHEMA.apply(MASS_KG)).add(OUTPUT_SCHEMA.apply(DRAWS_KG));

  /**
   * {@link #run}'s rows narrowed to {@link #DRAWS_SCHEMA}, for a check that reads only the numbers:
   * the other 27 columns are not converted to Spark's rows at all.
   */
  public Dataset<Row> runDraws(Dataset<Row> input) {
    return run(input, DRAWS_SCHEMA);
  }

  private Dataset<Row> run(Dataset<Row> input, StructType schema) {
    CountryChain chain = this;
    int[] columns = Arrays.stream(schema.fieldNames()).mapToInt(OUTPUT_SCHEMA::fieldIndex).toArray();
    // Each metal's rows brought together by Spark's own exchange, in as many partitions as there are
    // metals (whatever the session's shuffle partitions), so that two tasks can run two metals; then
    // run as an RDD: the output's plan is a leaf, and queries that read it do not plan the input again.
    int partitions = Math.max(1, drivers.metals().size());
    JavaRDD<Row> rows = input.repartition(partitions, col(METAL)).javaRDD()
        .mapPartitions(part -> chain.metals(part, columns));
    return input.sparkSession().createDataFrame(rows, schema);
  }

  /**
   * The kernel for every metal of a partition (all of each metal's rows are in one partition), one
   * metal after the other, each row cut to {@code columns} of {@link #OUTPUT_SCHEMA}.
   */
  private Iterator<Row> metals(Iterator<Row> rows, int[] columns) {
    Map<String, List<Row>> byMetal = new TreeMap<>();
    rows.forEachRemaining(r -> byMetal.computeIfAbsent(r.getAs(METAL), m -> new ArrayList<>()).add(r));
    Stream<Row> out = byMetal.entrySet().stream()
        .flatMap(m -> StreamSupport.stream(Spliterators.spliteratorUnknownSize(
            metal(m.getKey(), m.getValue().iterator()), Spliterator.ORDERED), false));
    if (columns.length == OUTPUT_SCHEMA.size()) {
      return out.iterator();
    }
    return out.map(r -> {
      Object[] v = new Object[columns.length];
      Arrays.setAll(v, i -> r.get(columns[i]));
      return RowFactory.create(v);
    }).iterator();
  }

  /**
   * A metal's pre-processing yields per year, firstYear to horizon, every assumption at its
   * median: [0] the chain's (the two routes weighted by the share dismantled by hand), [1]
   * shredding's, [2] dismantling by hand's.
   */
  public double[][] fixedPreprocessing(String metal) {
    Shared fixed = new Shared(metal, -1);
    return new double[][] {fixed.preprocessing.clone(), fixed.shredded.clone(), fixed.byHand.clone()};
  }

  /**
   * A route's pre-processing yields of a metal per year, firstYear to horizon, every assumption at
   * its median: shredding's, or dismantling by hand's ({@link Settings.Campaign#ROUTES}). What both
   * the campaign's factor and its validation rows take.
   */
  public double[] routeYields(String metal, String route) {
    double[][] yields = fixedPreprocessing(metal);
    return Settings.Campaign.MANUAL_DISMANTLING.equals(route) ? yields[2] : yields[1];
  }

  /** What {@link #plainFactors} gives per country, metal and year. */
  public static final StructType FACTORS_SCHEMA = new StructType()
      .add(COUNTRY_CODE, DataTypes.StringType, false).add(METAL, DataTypes.StringType, false)
      .add(YEAR, DataTypes.IntegerType, false).add(COLLECTION_RATE, DataTypes.DoubleType, false)
      .add(PREPROCESSING_YIELD, DataTypes.DoubleType, false).add(SMELTER_YIELD, DataTypes.DoubleType, false);

  /**
   * The scenario's collection rate and the yields, every assumption at its median, per country of
   * {@code ownRates} ({@code country_code, own_collection_rate}), metal and year from firstYear to
   * horizon: the same numbers the model multiplies, for tables that show the factors beside it.
   */
  public Dataset<Row> plainFactors(Dataset<Row> ownRates) {
    CountryChain chain = this;
    return ownRates.flatMap((org.apache.spark.api.java.function.FlatMapFunction<Row, Row>) r -> {
      String code = r.getAs(COUNTRY_CODE);
      Double own = r.getAs(OWN_COLLECTION_RATE);
      List<Row> out = new ArrayList<>();
      for (String metal : chain.drivers.metals()) {
        Shared fixed = chain.new Shared(metal, -1);
        for (int i = 0; i <= chain.horizon - chain.firstYear; i++) {
          double base = fixed.legacyRate != null ? fixed.legacyRate[i] : own == null ? 0 : own;
          out.add(RowFactory.create(code, metal, chain.firstYear + i, chain.scenarioRate(base, fixed, i),
              fixed.preprocessing[i], fixed.smelter[i]));
        }
      }
      return out.iterator();
    }, Encoders.row(FACTORS_SCHEMA));
  }

  /** One country's inputs for one metal, by year index (year - firstYear). */
  private static final class Country {
    final String code;
    final String region;
    final String subRegion;
    final double[] ewasteT;
    final String[] ewasteBasis;
    final String[] ewasteRule;
    final int[] ewasteLastData;
    final double[] observedKg;
    /** [year index][category]: kilograms contained, every content at its median. */
    final double[][] contained;
    /** [year index][category]: the same with shorter, then longer, lifespans; a null year: not drawn. */
    final double[][] containedShorter;
    final double[][] containedLonger;
    final String[] contentRule;
    double logSd;
    double ownRate;
    String rateBasis;

    /** The names of the country's own draws ({@link MonteCarlo#standardNormal}), made once, not per draw. */
    final String ewasteName;
    final String collectionName;
    final String calibrationName;

    Country(String code, String region, String subRegion, int years, String metal) {
      this.code = code;
      ewasteName = "ewaste_" + code;
      collectionName = "collection_" + code;
      calibrationName = "calibration_" + metal + "_" + code;
      this.region = region;
      this.subRegion = subRegion;
      ewasteT = new double[years];
      ewasteBasis = new String[years];
      ewasteRule = new String[years];
      ewasteLastData = new int[years];
      observedKg = new double[years];
      Arrays.fill(observedKg, Double.NaN);
      contained = new double[years][];
      containedShorter = new double[years][];
      containedLonger = new double[years][];
      contentRule = new String[years];
    }

    boolean hasRecords() {
      return Arrays.stream(observedKg).anyMatch(v -> !Double.isNaN(v));
    }

    int lastRecordYearIndex() {
      for (int i = observedKg.length - 1; i >= 0; i--) {
        if (!Double.isNaN(observedKg[i])) {
          return i;
        }
      }
      return -1;
    }
  }

  /** The shared factors of one draw (or the all-fixed set), per year where they change over years. */
  private final class Shared {
    /** Per category, its content in the draw over its median. */
    final double[] contentFactor;
    /** The draw's lifespan variable z: every lifespan e^(sd z) times as long; 0 all fixed. */
    final double lifespanZ;
    final double[] preprocessing;
    /** The two routes' own yields, per year. */
    final double[] shredded;
    final double[] byHand;
    final double[] smelter;
    final double[] legacyRate;
    final double[] multiplier;
    final double[] add;
    final double[] toward;
    final double[] towardProgress;

    /** @param draw the draw, or -1 for every distribution at its median */
    Shared(String metal, long draw) {
      int n = horizon - firstYear + 1;
      // One for every metal too: gold's and copper's e-waste come from the same products.
      lifespanZ = draw < 0 ? 0 : MonteCarlo.standardNormal(seed, draw, LIFESPAN_DRAW);
      contentFactor = new double[MetalContent.CATEGORIES.size()];
      Distribution uniform = content.uniform(metal);
      for (int k = 0; k < contentFactor.length; k++) {
        if (draw < 0) {
          contentFactor[k] = 1;
        } else if (uniform != null) {
          // One draw for every key, as before issue 23: the drawn content over its median.
          contentFactor[k] = uniform.median() == 0 ? 0 : pick(uniform, draw, "content_" + metal) / uniform.median();
        } else {
          contentFactor[k] = Math.exp(content.logSd(metal, k)
              * MonteCarlo.standardNormal(seed, draw, "content_" + metal + "_" + k));
        }
      }
      // Shredded whole, or dismantled by hand: the two routes' yields weighted by the hand route's share.
      shredded = path(drivers.preprocessingYield().get(metal), draw, "preprocessing_" + metal, n);
      byHand = path(drivers.manualDismantlingYield().get(metal), draw, "manual_dismantling_" + metal, n);
      double[] handShare = path(drivers.manualDismantlingShare(), draw, "manual_dismantling_share", n);
      preprocessing = new double[n];
      for (int i = 0; i < n; i++) {
        preprocessing[i] = handShare[i] == 0 ? shredded[i] : (1 - handShare[i]) * shredded[i] + handShare[i] * byHand[i];
      }
      smelter = path(drivers.smelterYield().get(metal), draw, "smelter_" + metal, n);
      legacyRate = drivers.collectionRate() == null ? null : path(drivers.collectionRate(), draw, "collection", n);
      Settings.CollectionChange change = drivers.collectionChange();
      multiplier = path(change.multiplier(), draw, "collection_multiplier", n);
      add = path(change.add(), draw, "collection_add", n);
      if (change.toward() == null) {
        toward = null;
        towardProgress = null;
      } else {
        double target = pick(change.toward().target(), draw, "collection_toward_target");
        toward = new double[n];
        Arrays.fill(toward, target);
        Settings.RatePath years = change.toward();
        towardProgress = new double[n];
        for (int i = 0; i < n; i++) {
          towardProgress[i] = along(0, 1, years, firstYear + i);
        }
      }
    }

    private double pick(Distribution d, long draw, String name) {
      return draw < 0 ? d.median() : MonteCarlo.value(d, seed, draw, name);
    }

    private double[] path(Settings.RatePath p, long draw, String name, int n) {
      double value = pick(p.value(), draw, name + "_value");
      double target = p.target() == null ? value : pick(p.target(), draw, name + "_target");
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = along(value, target, p, firstYear + i);
      }
      return out;
    }
  }

  /** A {@link Settings.RatePath}'s value in {@code year}, from its value and target in one draw. */
  static double along(double value, double target, Settings.RatePath p, int year) {
    if (p.target() == null) {
      return value;
    }
    if (p.untilYear() != 0 && year > p.untilYear()) {
      return value;
    }
    if (year <= p.fromYear()) {
      return value;
    }
    if (year >= p.byYear()) {
      return target;
    }
    return value + (target - value) * (year - p.fromYear()) / (double) (p.byYear() - p.fromYear());
  }

  /**
   * The collection rate a scenario gives a country whose own rate is {@code own}, in year index
   * {@code i}: own x multiplier, plus add, toward the target (never down), at most the cap; never
   * below 0. Non-decreasing in {@code own}: the audit's monotonicity rests on it.
   */
  double scenarioRate(double own, Shared s, int i) {
    double r = own * s.multiplier[i] + s.add[i];
    if (s.toward != null) {
      r += Math.max(0, s.toward[i] - r) * s.towardProgress[i];
    }
    return Math.max(0, Math.min(drivers.collectionChange().cap(), r));
  }

  /** The kernel: one metal, every country and scope. */
  Iterator<Row> metal(String metal, Iterator<Row> rows) {
    if (!drivers.metals().contains(metal) || !content.metals().contains(metal)) {
      return List.<Row>of().iterator();
    }
    int n = horizon - firstYear + 1;
    TreeMap<String, Country> byCode = new TreeMap<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      int year = r.<Integer>getAs(YEAR);
      if (year < firstYear || year > horizon) {
        continue;
      }
      String code = r.getAs(COUNTRY_CODE);
      Country c = byCode.computeIfAbsent(code, k -> new Country(k, r.getAs(REGION), r.getAs(SUB_REGION), n, metal));
      int i = year - firstYear;
      c.ewasteT[i] = r.<Double>getAs(EWASTE_T);
      c.ewasteBasis[i] = r.getAs(EWASTE_BASIS);
      c.ewasteRule[i] = r.getAs(EWASTE_RULE);
      Integer last = r.getAs(EWASTE_LAST_DATA_YEAR);
      c.ewasteLastData[i] = last == null ? year : last;
      Object observed = r.getAs(OBSERVED_KG);
      if (observed != null) {
        c.observedKg[i] = (Double) observed;
      }
      c.logSd = r.<Double>getAs(EWASTE_LOG_SD);
      c.ownRate = r.<Double>getAs(OWN_COLLECTION_RATE);
      c.rateBasis = r.getAs(COLLECTION_BASIS);
      int at = r.fieldIndex(CONTAINED_BY_CATEGORY);
      if (r.isNullAt(at)) {
        // A country without put-on-market data takes the mix of those that have it: none here.
        throw new IllegalStateException("no metal contained for " + code + " " + year + ": its mix of products comes"
            + " from the countries with put-on-market data (urbanmine.ewaste.put-on-market), and there are none");
      }
      c.contained[i] = doubles(r, at);
      c.containedShorter[i] = doubles(r, r.fieldIndex(CONTAINED_BY_CATEGORY_SHORTER));
      c.containedLonger[i] = doubles(r, r.fieldIndex(CONTAINED_BY_CATEGORY_LONGER));
      if (c.containedShorter[i] == null || c.containedLonger[i] == null) {
        c.containedShorter[i] = null;
        c.containedLonger[i] = null;
      }
      c.contentRule[i] = r.getAs(CONTENT_RULE);
    }
    Country[] countries = byCode.values().toArray(new Country[0]);
    if (countries.length == 0) {
      return List.<Row>of().iterator();
    }

    // The all-fixed pass sets the calibration spreads; without a calibrated country the metal is
    // not forecast (contained metal times yields, uncalibrated, is no forecast).
    Shared fixed = new Shared(metal, -1);
    double[] fixedOwn = ownFactors(countries, fixed, levels(countries, -1), rates(countries, -1));
    double[] logFactors = Arrays.stream(fixedOwn).filter(f -> f > 0).map(Math::log).toArray();
    if (Arrays.stream(fixedOwn).noneMatch(f -> !Double.isNaN(f))) {
      return List.<Row>of().iterator();
    }
    // A spread of one or two factors says nothing of how far another country's lies: below three,
    // the stated prior, labelled as such.
    long calibratedCountries = Arrays.stream(fixedOwn).filter(f -> !Double.isNaN(f)).count();
    boolean pooledSpread = calibratedCountries >= Settings.Drivers.MIN_CALIBRATED_FOR_SPREAD;
    double poolSpread = pooledSpread ? spread(logFactors) : drivers.calibrationPriorSigma();
    String poolRule = pooledSpread ? "spread of the " + calibratedCountries + " calibrated countries' log factors"
        : "stated prior (urbanmine.drivers.calibration-prior-sigma): " + calibratedCountries
            + " calibrated " + (calibratedCountries == 1 ? "country" : "countries") + ", fewer than "
            + Settings.Drivers.MIN_CALIBRATED_FOR_SPREAD;
    double[] calibrationSpread = new double[countries.length];
    String[] spreadRule = new String[countries.length];
    for (int c = 0; c < countries.length; c++) {
      double own = yearSpread(countries[c], fixed);
      calibrationSpread[c] = Double.isNaN(own) ? poolSpread : own;
      spreadRule[c] = Double.isNaN(own) ? poolRule : "spread of its own yearly log(record / model)";
    }

    int k = draws.length;
    double[][][] values = new double[countries.length][n][k];
    double[][] plain = new double[countries.length][n];
    double[][] plainRate = new double[countries.length][n];
    double[][] plainModel = new double[countries.length][n];
    double[] plainFactor = new double[countries.length];
    evaluate(countries, fixed, -1, calibrationSpread, plain, plainRate, plainModel, plainFactor, metal);
    double[][] one = new double[countries.length][n];
    for (int j = 0; j < k; j++) {
      Shared shared = new Shared(metal, draws[j]);
      evaluate(countries, shared, draws[j], calibrationSpread, one, null, null, null, metal);
      for (int c = 0; c < countries.length; c++) {
        for (int i = 0; i < n; i++) {
          values[c][i][j] = one[c][i];
        }
      }
    }

    List<Row> out = new ArrayList<>();
    for (int c = 0; c < countries.length; c++) {
      Country country = countries[c];
      boolean calibrated = !Double.isNaN(fixedOwn[c]);
      int lastRecord = country.lastRecordYearIndex();
      for (int i = 0; i < n; i++) {
        boolean recorded = !Double.isNaN(country.observedKg[i]);
        String b = recorded ? RECORDED : calibrated ? CALIBRATED
            : EWASTE_ESTIMATED.equals(country.ewasteBasis[i]) ? ESTIMATED : POOLED;
        int lastData = recorded ? firstYear + i
            : Math.max(country.ewasteLastData[i], calibrated ? firstYear + lastRecord : Integer.MIN_VALUE);
        Object[] v = new Object[OUTPUT_SCHEMA.size()];
        fillScope(v, COUNTRY, country.code, metal, firstYear + i, country.region, country.subRegion,
            plain[c][i], values[c][i], b, 1, calibrated || recorded ? 1.0 : 0.0, lastData, !recorded);
        v[18] = country.ewasteT[i];
        v[19] = country.ewasteBasis[i];
        v[20] = country.logSd;
        v[21] = country.ewasteLastData[i];
        v[22] = country.ownRate;
        v[23] = country.rateBasis;
        v[24] = plainRate[c][i];
        double contained = contained(country, fixed, i);
        v[25] = country.ewasteT[i] > 0 ? contained / country.ewasteT[i] * 1000 : null;
        v[26] = fixed.preprocessing[i];
        v[27] = fixed.smelter[i];
        v[28] = plainModel[c][i];
        v[29] = plainFactor[c];
        v[30] = calibrated ? BY_RECORDS : BY_POOL;
        v[31] = recorded ? country.observedKg[i] : null;
        v[32] = country.ewasteRule[i];
        v[33] = calibrationSpread[c];
        v[34] = spreadRule[c];
        v[35] = contained;
        v[36] = country.contentRule[i];
        v[37] = country.contained[i];
        v[38] = country.containedShorter[i];
        v[39] = country.containedLonger[i];
        out.add(RowFactory.create(v));
      }
    }
    out.addAll(scopes(countries, metal, plain, values, fixedOwn));
    return out.iterator();
  }

  /** Sub-regions, regions and the world: sums of their countries, in code order, draw by draw. */
  private List<Row> scopes(Country[] countries, String metal, double[][] plain, double[][][] values,
      double[] fixedOwn) {
    // scope -> indices of its countries, in code order (countries are sorted).
    Map<String, List<Integer>> members = new LinkedHashMap<>();
    for (int c = 0; c < countries.length; c++) {
      members.computeIfAbsent(WORLD + "\u0000" + WORLD_SCOPE, x -> new ArrayList<>()).add(c);
      if (countries[c].region != null) {
        members.computeIfAbsent(REGION_LEVEL + "\u0000" + countries[c].region, x -> new ArrayList<>()).add(c);
      }
      if (countries[c].subRegion != null) {
        members.computeIfAbsent(SUB_REGION_LEVEL + "\u0000" + countries[c].subRegion, x -> new ArrayList<>()).add(c);
      }
    }
    int n = horizon - firstYear + 1;
    int k = draws.length;
    List<Row> out = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> scope : members.entrySet()) {
      String[] levelAndName = scope.getKey().split("\u0000");
      List<Integer> parts = scope.getValue();
      for (int i = 0; i < n; i++) {
        double total = 0;
        double resting = 0;
        double[] sum = new double[k];
        int lastData = Integer.MIN_VALUE;
        boolean allRecorded = true;
        for (int c : parts) {
          total += plain[c][i];
          boolean recorded = !Double.isNaN(countries[c].observedKg[i]);
          allRecorded &= recorded;
          if (recorded || !Double.isNaN(fixedOwn[c])) {
            resting += plain[c][i];
          }
          for (int j = 0; j < k; j++) {
            sum[j] += values[c][i][j];
          }
          lastData = Math.max(lastData, recorded ? firstYear + i : countries[c].ewasteLastData[i]);
        }
        String region = levelAndName[0].equals(SUB_REGION_LEVEL) ? countries[parts.get(0)].region
            : levelAndName[0].equals(REGION_LEVEL) ? levelAndName[1] : null;
        Object[] v = new Object[OUTPUT_SCHEMA.size()];
        fillScope(v, levelAndName[0], levelAndName[1], metal, firstYear + i, region,
            levelAndName[0].equals(SUB_REGION_LEVEL) ? levelAndName[1] : null, total, sum, null, parts.size(),
            total > 0 ? resting / total : null, lastData, !allRecorded);
        out.add(RowFactory.create(v));
      }
    }
    return out;
  }

  private void fillScope(Object[] v, String level, String scope, String metal, int year, String region,
      String subRegion, double plain, double[] draws, String basis, int countries, Double recordedShare,
      int lastData, boolean isForecast) {
    double[] ordered = draws.clone();
    OrderStatistics.select(ordered, percentileRanks);
    v[0] = level;
    v[1] = scope;
    v[2] = metal;
    v[3] = year;
    v[4] = region;
    v[5] = subRegion;
    v[6] = plain;
    v[7] = draws;
    // Only the ranks the percentiles read are put in order.
    for (int l = 0; l < percentiles.length; l++) {
      v[8 + l] = MonteCarlo.percentileOfSorted(ordered, percentiles[l]);
    }
    v[13] = basis;
    v[14] = countries;
    v[15] = recordedShare;
    v[16] = lastData == Integer.MIN_VALUE ? null : lastData;
    v[17] = isForecast;
  }

  /**
   * Every country's metal in one draw ({@code draw} -1: all fixed), into {@code out[c][i]}; with
   * the plain pass, also the scenario's rate, the uncalibrated model and the factor used.
   */
  private void evaluate(Country[] countries, Shared s, long draw, double[] calibrationSpread, double[][] out,
      double[][] rateOut, double[][] modelOut, double[] factorOut, String metal) {
    // Each country's own draws, once: the calibration and the model share them.
    double[] levels = levels(countries, draw);
    double[] rates = rates(countries, draw);
    double[] own = ownFactors(countries, s, levels, rates);
    double pooled = pooledFactor(own);
    int n = horizon - firstYear + 1;
    for (int c = 0; c < countries.length; c++) {
      Country country = countries[c];
      double level = levels[c];
      double rate = rates[c];
      double centre = Double.isNaN(own[c]) ? pooled : own[c];
      double factor = draw < 0 ? centre
          : centre * Math.exp(calibrationSpread[c]
              * MonteCarlo.standardNormal(seed, draw, country.calibrationName));
      if (factorOut != null) {
        factorOut[c] = factor;
      }
      for (int i = 0; i < n; i++) {
        double base = s.legacyRate != null ? s.legacyRate[i] : rate;
        double collected = scenarioRate(collectionStep == 0 ? base : Math.min(1, base + collectionStep), s, i);
        double model = contained(country, s, i) * level * collected * s.preprocessing[i] * s.smelter[i];
        if (rateOut != null) {
          rateOut[c][i] = collected;
          modelOut[c][i] = model;
        }
        out[c][i] = Double.isNaN(country.observedKg[i]) ? model * factor : country.observedKg[i];
      }
    }
  }

  /** {@link #ewasteLevel} of every country in a draw. */
  private double[] levels(Country[] countries, long draw) {
    double[] out = new double[countries.length];
    Arrays.setAll(out, c -> ewasteLevel(countries[c], draw));
    return out;
  }

  /** {@link #ownRate} of every country in a draw. */
  private double[] rates(Country[] countries, long draw) {
    double[] out = new double[countries.length];
    Arrays.setAll(out, c -> ownRate(countries[c], draw));
    return out;
  }

  /** The factor e of a country's e-waste in a draw: 1 unless its e-waste rests on an estimate with a spread. */
  private double ewasteLevel(Country country, long draw) {
    if (draw < 0 || country.logSd == 0) {
      return 1;
    }
    return Math.exp(country.logSd * MonteCarlo.standardNormal(seed, draw, country.ewasteName));
  }

  /** A country's own collection rate in a draw (at most 1), with the spread of its basis. */
  private double ownRate(Country country, long draw) {
    Double sd = drivers.collectionSpread().get(country.rateBasis);
    if (draw < 0 || sd == null || sd == 0) {
      return country.ownRate;
    }
    return Math.min(1, country.ownRate * Math.exp(sd * MonteCarlo.standardNormal(seed, draw, country.collectionName)));
  }

  /**
   * Each country's own calibration factor in a draw: recorded over modelled, the model at the
   * country's own rate (no scenario change, no step); NaN where it has no records (or a model of 0).
   */
  private static double[] ownFactors(Country[] countries, Shared s, double[] levels, double[] rates) {
    double[] own = new double[countries.length];
    for (int c = 0; c < countries.length; c++) {
      Country country = countries[c];
      double recorded = 0;
      double modelled = 0;
      boolean any = false;
      for (int i = 0; i < country.observedKg.length; i++) {
        if (!Double.isNaN(country.observedKg[i])) {
          any = true;
          recorded += country.observedKg[i];
          modelled += referenceModel(country, s, i, levels[c], rates[c]);
        }
      }
      own[c] = any && modelled > 0 ? recorded / modelled : Double.NaN;
    }
    return own;
  }

  private static double referenceModel(Country country, Shared s, int i, double level, double rate) {
    double collected = s.legacyRate != null ? s.legacyRate[i] : rate;
    return contained(country, s, i) * level * collected * s.preprocessing[i] * s.smelter[i];
  }

  /**
   * The country's kilograms contained in year index {@code i} under the draw's content factors:
   * each category's, added in {@link MetalContent#CATEGORIES} order ({@link MetalContent#total},
   * so that all fixed it is {@code metal_in_ewaste.contained_kg} to the bit).
   */
  private static double contained(Country country, Shared s, int i) {
    double[] byCategory = country.contained[i];
    double[] shorter = country.containedShorter[i];
    double[] longer = country.containedLonger[i];
    double sum = 0;
    for (int k = 0; k < byCategory.length; k++) {
      double kg = shorter == null ? byCategory[k] : atLifespans(byCategory[k], shorter[k], longer[k], s.lifespanZ);
      sum += kg * s.contentFactor[k];
    }
    return sum;
  }

  /** The name of the draws of every lifespan's multiplier ({@link MonteCarlo#standardNormal}). */
  public static final String LIFESPAN_DRAW = "lifespan";

  /**
   * Kilograms at lifespan variable {@code z}, from those at z = 0 ({@code median}), -1
   * ({@code shorter}) and 1 ({@code longer}): a straight line through the median and the node on
   * z's side, median + |z| (node - median), never below 0. Exactly {@code median} at z = 0 or where
   * the nodes equal it. A line, not an exponential: the country model evaluates it for every
   * country, year, category and draw (a hundred million times a night), and over the few per cent
   * a lifespan moves the e-waste the two differ by far less than the figures' own precision.
   */
  static double atLifespans(double median, double shorter, double longer, double z) {
    double node = z < 0 ? shorter : longer;
    if (z == 0 || node == median) {
      return median;
    }
    return Math.max(0, median + Math.abs(z) * (node - median));
  }

  /** An array column of a row as doubles; null where it is null. */
  private static double[] doubles(Row r, int at) {
    if (r.isNullAt(at)) {
      return null;
    }
    List<Double> values = r.getList(at);
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Geometric mean of the positive own factors, added in country order (a factor of 0 has no logarithm). */
  private static double pooledFactor(double[] own) {
    double logSum = 0;
    int count = 0;
    for (double f : own) {
      if (f > 0) {
        logSum += Math.log(f);
        count++;
      }
    }
    return count == 0 ? 0 : Math.exp(logSum / count);
  }

  /** Sample standard deviation (n - 1); 0 for fewer than two values. */
  public static double spread(double[] x) {
    if (x.length < 2) {
      return 0;
    }
    double mean = Arrays.stream(x).sum() / x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (x.length - 1));
  }

  /** The spread of a country's yearly log(recorded / model), all fixed; NaN with fewer than two positive years. */
  private static double yearSpread(Country country, Shared fixed) {
    List<Double> logs = new ArrayList<>();
    for (int i = 0; i < country.observedKg.length; i++) {
      double model = referenceModel(country, fixed, i, 1, country.ownRate);
      if (!Double.isNaN(country.observedKg[i]) && country.observedKg[i] > 0 && model > 0) {
        logs.add(Math.log(country.observedKg[i] / model));
      }
    }
    return logs.size() < 2 ? Double.NaN : spread(logs.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
