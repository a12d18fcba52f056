package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.config.Settings;
import org.urbanmine.input.CsvInput;
import org.urbanmine.input.InputFingerprint;
import org.urbanmine.input.NationalStatistics;
import org.urbanmine.model.CountryChain;
import org.urbanmine.model.DriversModel;
import org.urbanmine.model.MetalContent;
import org.urbanmine.publish.AuditCheck;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.reference.CollectionRates;
import org.urbanmine.reference.CountryResolver;
import org.urbanmine.reference.ReferenceText;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.EwasteGeneratedTable;
import org.urbanmine.tables.LifespanParametersTable;
import org.urbanmine.tables.MassBalanceTable;
import org.urbanmine.tables.MetalInEwasteTable;
import org.urbanmine.tables.TableSpec;
import org.urbanmine.uncertainty.Lifespan;

/**
 * {@code ewaste}: put-on-market data and population to {@code ewaste_generated},
 * {@code metal_in_ewaste}, {@code lifespan_parameters} and {@code mass_balance} (the
 * sales-lifespan model: {@link PutOnMarket}, {@link WasteOverTime}).
 */
public final class EwasteJob implements Stage {
  /** The 54 UNU keys with their collection category and default lifespan. */
  public static final String KEYS = MetalContent.KEYS;
  /** Lifespans per country and UNU key where the source publishes a country's own (Italy). */
  public static final String COUNTRY_LIFESPANS =
      ReferenceText.CLASSPATH_PREFIX + "reference/unu-key-country-lifespans.csv";
  /** Metal content per UNU key; {@code *} for the keys without a published figure. */

  static final StructType KEYS_SCHEMA = withLifespan(new StructType()
      .add(WasteOverTime.UNU_KEY, DataTypes.StringType).add("description", DataTypes.StringType)
      .add(EwasteGeneratedTable.COLLECTION_CATEGORY, DataTypes.StringType));
  static final StructType COUNTRY_LIFESPANS_SCHEMA = withLifespan(new StructType()
      .add(WasteOverTime.COUNTRY_CODE, DataTypes.StringType).add(WasteOverTime.UNU_KEY, DataTypes.StringType));
  static final StructType POM_SCHEMA = new StructType()
      .add("UNU_Key", DataTypes.StringType).add("Year", DataTypes.IntegerType).add("Country", DataTypes.StringType)
      .add("POM_kg", DataTypes.DoubleType).add("POM_pieces", DataTypes.DoubleType);

  /** {@code head}'s columns, then a lifespan's parameters ({@link Lifespan#SCHEMA}) and its source. */
  private static StructType withLifespan(StructType head) {
    StructType schema = head;
    for (org.apache.spark.sql.types.StructField f : Lifespan.SCHEMA.fields()) {
      schema = schema.add(f);
    }
    return schema.add(LifespanParametersTable.SOURCE, DataTypes.StringType);
  }

  @Override
  public String name() {
    return "ewaste";
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(EwasteGeneratedTable.TABLE, MetalInEwasteTable.TABLE, LifespanParametersTable.TABLE, MassBalanceTable.TABLE);
  }

  @Override
  public List<Map<String, Object>> inputFiles(Configuration hadoop, RunContext context) {
    Settings.Ewaste ewaste = context.settings().ewaste();
    List<Map<String, Object>> files = new ArrayList<>();
    InputFingerprint.of(hadoop, ewaste.putOnMarket(), "urbanmine.ewaste.put-on-market")
        .forEach(f -> files.add(f.asMap()));
    InputFingerprint.of(hadoop, ewaste.population(), "urbanmine.ewaste.population").forEach(f -> files.add(f.asMap()));
    InputFingerprint.of(hadoop, ewaste.purchasingPower(), "urbanmine.ewaste.purchasing-power")
        .forEach(f -> files.add(f.asMap()));
    InputFingerprint.of(hadoop, ewaste.strata(), "urbanmine.ewaste.strata").forEach(f -> files.add(f.asMap()));
    return files;
  }

  /** Put-on-market CSV files ({@link CsvInput}) as {@code country_code, unu_key, year, pom_kg}. */
  public static Dataset<Row> readPutOnMarket(SparkSession spark, String path) {
    return CsvInput.read(spark, path, "urbanmine.ewaste.put-on-market", POM_SCHEMA)
        .select(col("Country").as(WasteOverTime.COUNTRY_CODE), col("UNU_Key").as(WasteOverTime.UNU_KEY),
            col("Year").as(WasteOverTime.YEAR), col("POM_kg").as(WasteOverTime.POM_KG),
            col("POM_pieces").as(PutOnMarket.POM_PIECES))
        .filter(col(WasteOverTime.POM_KG).isNotNull());
  }

  /** The strata CSV ({@code Country, Stratum}) as {@code country_code, stratum}. */
  public static Dataset<Row> readStrata(SparkSession spark, String path) {
    return CsvInput.read(spark, path, "urbanmine.ewaste.strata",
        new StructType().add("Country", DataTypes.StringType).add("Stratum", DataTypes.IntegerType))
        .select(col("Country").as(WasteOverTime.COUNTRY_CODE), col("Stratum").as(PutOnMarket.STRATUM));
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Settings settings = context.settings();
    Settings.Ewaste ewaste = settings.ewaste();
    Warehouse warehouse = context.warehouse();
    int horizon = settings.forecast().horizon();
    // Read first: a content table that cannot give every metal a content fails before any work.
    MetalContent content = MetalContent.load(spark.sparkContext().hadoopConfiguration(), settings.drivers());
    Dataset<Row> raw = readPutOnMarket(spark, ewaste.putOnMarket()).cache();
    String version = ewaste.methodVersion();
    Dataset<Row> readPopulation = NationalStatistics.readPopulation(spark, ewaste.population());
    // Method 1.2 takes populations missing before 1992-1995 (Croatia, Czechia, the Baltic states,
    // Slovakia, Slovenia) back with the world's growth; 1.1 leaves them missing.
    Dataset<Row> population = (MethodVersion.isVersion11(version) ? readPopulation
        : PopulationBackcast.apply(readPopulation, PopulationBackcast.worldGrowth(spark), PutOnMarket.FIRST_MODEL_YEAR))
        .cache();
    try {
      // The rows and the years of the data in one job: the years are the cleaning's bounds. A
      // country without population fails here, before the model's work.
      PutOnMarket.Extent extent = PutOnMarket.extent(raw, population);
      PutOnMarket.requirePopulation(extent, ewaste.putOnMarket(), ewaste.population());
      long rawRows = extent.rows();
      Dataset<Row> keys = ReferenceText.csv(spark, KEYS, KEYS_SCHEMA);
      PutOnMarket.Inputs inputs = new PutOnMarket.Inputs(raw, population,
          NationalStatistics.readPurchasingPower(spark, ewaste.purchasingPower()),
          readStrata(spark, ewaste.strata()));
      PomSeries.DataSpan span = extent.span();
      Dataset<Row> pom = (switch (ewaste.extension()) {
        case Settings.Ewaste.EXTENSION_AS_PUBLISHED -> PutOnMarket.toPom(PutOnMarket.extendAsPublished(spark, inputs,
            span, version, ewaste.madThreshold(), ewaste.minValues(), horizon));
        default -> PutOnMarket.extendForwards(PutOnMarket.clean(spark, inputs, span, version, ewaste.madThreshold(),
                ewaste.minValues()), span, population,
            ewaste.extension().equals("trend") ? PutOnMarket.Extension.TREND : PutOnMarket.Extension.PER_PERSON,
            ewaste.extensionYears(), horizon);
      }).cache();
      // Each of these is computed once and read from memory by what follows it: no table is read
      // back from the staging area right after it is written.
      Dataset<Row> lifespans = null;
      Dataset<Row> generated = null;
      try {
        Dataset<Row> series = pom.select(WasteOverTime.COUNTRY_CODE, WasteOverTime.UNU_KEY).distinct();
        lifespans = LifespanParameters.of(spark, series,
            keys.drop("description", EwasteGeneratedTable.COLLECTION_CATEGORY),
            ReferenceText.csv(spark, COUNTRY_LIFESPANS, COUNTRY_LIFESPANS_SCHEMA), ewaste).persist();
        long lifespanRows = warehouse.stage(LifespanParametersTable.TABLE, lifespans);
        generated = EwasteGenerated.of(pom, lifespans, keys, horizon, ewaste.lifespanLogSd()).persist();
        long generatedRows = warehouse.stage(EwasteGeneratedTable.TABLE, generated);
        long balanceRows = warehouse.stage(MassBalanceTable.TABLE, WasteOverTime.massBalance(generated));
        // Joined by shuffle ("merge"), not broadcast: each broadcast of these few rows would be a
        // Spark job of its own.
        Dataset<Row> ownRates = CollectionRates.perCountry(CountryResolver.load(spark, settings.reference()).countries(),
                CollectionRates.read(spark, settings.drivers().collectionRates()),
                DriversModel.putOnMarket(generated).hint("merge"))
            .select(col(CollectionRates.COUNTRY_CODE).as(CountryChain.COUNTRY_CODE),
                col(CollectionRates.COLLECTION_RATE).as(CountryChain.OWN_COLLECTION_RATE))
            .join(generated.select(WasteOverTime.COUNTRY_CODE).distinct().hint("merge"), CountryChain.COUNTRY_CODE);
        Dataset<Row> factors = new CountryChain(settings.drivers(), content, settings.uncertainty().seed(), new int[] {0},
            Math.min(PutOnMarket.FIRST_MODEL_YEAR, span.first()), horizon, settings.forecast().intervalLevel(), 0)
            .plainFactors(ownRates);
        long metalRows = warehouse.stage(MetalInEwasteTable.TABLE, MetalInEwaste.of(generated, content, factors));
        return new StageReport()
            .read("put-on-market rows (" + ewaste.putOnMarket() + ")", rawRows)
            .read("population rows (" + ewaste.population() + ")", extent.populationRows())
            .wrote(LifespanParametersTable.TABLE.name(), lifespanRows)
            .wrote(EwasteGeneratedTable.TABLE.name(), generatedRows)
            .wrote(MassBalanceTable.TABLE.name(), balanceRows)
            .wrote(MetalInEwasteTable.TABLE.name(), metalRows);
      } finally {
        pom.unpersist();
        if (lifespans != null) {
          lifespans.unpersist();
        }
        if (generated != null) {
          generated.unpersist();
        }
      }
    } finally {
      raw.unpersist();
      population.unpersist();
    }
  }

  @Override
  public List<AuditCheck> audit(RunContext context) {
    Dataset<Row> balance = context.warehouse().read(MassBalanceTable.TABLE);
    Dataset<Row> generated = context.warehouse().read(EwasteGeneratedTable.TABLE);
    double tolerance = context.settings().ewaste().maxRelativeResidual();
    // Counted with the run's other checks (a part each: off balance, low stock, outside the
    // per-person range); only a check that finds something lists its findings, in queries of its own.
    Dataset<Row> findings = balance.agg(count_if(MassBalance.offBalance(tolerance)).as(OFF_BALANCE),
            count_if(Plausibility.lowStock()).as(LOW_STOCK))
        .selectExpr("stack(2, 0, " + OFF_BALANCE + ", 1, " + LOW_STOCK + ") as (" + AuditCheck.PART + ", "
            + AuditCheck.FOUND + ")")
        .union(Plausibility.outsidePerPerson(generated).agg(lit(2).as(AuditCheck.PART),
            count(lit(1)).as(AuditCheck.FOUND)))
        .withColumn(AuditCheck.EXAMPLES, AuditCheck.noExamples());
    return List.of(new AuditCheck(findings, found -> {
      List<String> problems = new ArrayList<>();
      if (found.stream().anyMatch(f -> f.part() == 0)) {
        problems.addAll(MassBalance.problems(balance, tolerance));
      }
      if (found.stream().anyMatch(f -> f.part() > 0)) {
        problems.addAll(Plausibility.problems(generated, balance));
      }
      return problems;
    }, null));
  }

  private static final String OFF_BALANCE = "off_balance";
  private static final String LOW_STOCK = "low_stock";
}
