package org.urbanmine.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.urbanmine.uncertainty.Distribution;

/**
 * The whole run configuration, read once from HOCON ({@link SettingsLoader}) and validated.
 * Code below the CLI sees only these records, never a raw {@code Config}.
 *
 * @param scenario the scenario name ("baseline" unless {@code --scenario} names one)
 * @param resolvedJson the resolved {@code urbanmine} configuration, as JSON, for provenance
 */
public record Settings(
    String scenario,
    Input input,
    String warehouse,
    Reference reference,
    Quality quality,
    List<Metal> metals,
    Aggregate aggregate,
    Forecast forecast,
    Drivers drivers,
    Ewaste ewaste,
    Uncertainty uncertainty,
    Medals medals,
    Publish publish,
    S3 s3,
    Map<String, String> sparkConf,
    int smallInputMb,
    String resolvedJson)
    implements Serializable {

  /**
   * @param recoveryRecords a file, or a directory whose {@code *.csv} and {@code *.jsonl} are read
   * @param minYear earliest year a record may carry
   * @param maxYear latest year a record may carry
   */
  /**
   * @param splitBytes the most bytes of a recovery-record file one task reads; 0 for Spark's
   *     {@code spark.sql.files.maxPartitionBytes} (the split size shrinks further so that every
   *     core gets a share, and is a whole number of 4 MiB fingerprint blocks where it is one or more)
   */
  public record Input(String recoveryRecords, int minYear, int maxYear, int splitBytes, Dialect dialect,
      Map<String, Dialect> fileDialects) implements Serializable {
    public Input(String recoveryRecords, int minYear, int maxYear) {
      this(recoveryRecords, minYear, maxYear, 0, Dialect.AUTO, Map.of());
    }

    /** What the configuration declares of a file's dialect: its own entry over the default. */
    public Dialect dialectOf(String fileName) {
      Dialect own = fileDialects.get(fileName);
      return own == null ? dialect : own.over(dialect);
    }
  }

  /**
   * How record files are written, as the configuration declares it ({@code urbanmine.input.dialect},
   * {@code file-dialects}): each part null where it is to be detected from the file ({@code auto}).
   *
   * @param encoding {@code utf-8}, {@code utf-16le}, {@code utf-16be} or {@code windows-1252}
   * @param delimiter {@code ,}, {@code ;} or {@code tab}
   * @param decimalMark {@code .} or {@code ,}
   */
  public record Dialect(String encoding, String delimiter, String decimalMark) implements Serializable {
    public static final Dialect AUTO = new Dialect(null, null, null);

    /** This declaration where it says something, else {@code fallback}'s. */
    public Dialect over(Dialect fallback) {
      return new Dialect(encoding != null ? encoding : fallback.encoding,
          delimiter != null ? delimiter : fallback.delimiter, decimalMark != null ? decimalMark : fallback.decimalMark);
    }

    /** Whether every part is declared (nothing to detect). */
    public boolean complete() {
      return encoding != null && delimiter != null && decimalMark != null;
    }
  }

  /** Locations of reference tables: a path or URI, or {@code classpath:NAME} for bundled ones. */
  public record Reference(String countries, String countryAliases) implements Serializable {}

  /**
   * Where s3a:// paths go. Empty endpoint or region: the AWS defaults. Credentials are never
   * configuration: they come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the provider chain.
   */
  public record S3(String endpoint, String region, boolean pathStyleAccess) implements Serializable {}

  public record Quality(double maxRejectedShare) implements Serializable {}

  /**
   * @param keepVersions published versions kept per table (the current one included), for rollback
   * @param lockWaitSeconds how long a run waits for another run on the same warehouse to finish
   */
  public record Publish(int keepVersions, int lockWaitSeconds) implements Serializable {}

  /** A metal the pipeline knows: canonical lower-case name, chemical symbol, other accepted names. */
  public record Metal(String name, String symbol, List<String> aliases) implements Serializable {}

  /**
   * @param sourcePriority sources in falling priority; unlisted sources rank after, by name
   * @param sources what each source's records describe ({@code urbanmine.sources})
   */
  public record Aggregate(List<String> sourcePriority, Map<String, Source> sources) implements Serializable {
    public Aggregate(List<String> sourcePriority) {
      this(sourcePriority, Map.of());
    }
  }

  /**
   * What a source's records describe.
   *
   * @param scope {@value #WHOLE_STREAM} (a country's whole e-waste), {@value #CHANNEL} (one
   *     collection channel) or {@value #PRODUCT} (one product type)
   * @param basis {@value #RECORDED} (published figures) or {@value #ESTIMATE} (computed by a rule):
   *     only recorded whole-stream records calibrate the country model and show as observed
   * @param describes in words, for the tables' readers
   * @param collectedT a channel's tonnes collected per year of its records: with them, its records
   *     calibrate the medal campaign's stream ({@code channel_calibration}); empty otherwise
   */
  public record Source(String id, String scope, String basis, String describes, Map<Integer, Double> collectedT)
      implements Serializable {
    public Source(String id, String scope, String basis, String describes) {
      this(id, scope, basis, describes, Map.of());
    }

    public static final String WHOLE_STREAM = "whole-stream";
    public static final String CHANNEL = "channel";
    public static final String PRODUCT = "product";
    public static final String RECORDED = "recorded";
    public static final String ESTIMATE = "estimate";

    /** A source not in {@code urbanmine.sources}: a country's recorded whole stream, as before sources had scopes. */
    public static Source unlisted(String id) {
      return new Source(id, WHOLE_STREAM, RECORDED, "not listed in urbanmine.sources: taken as recorded, whole stream");
    }
  }

  /**
   * @param horizon last forecast year
   * @param intervalLevel two-sided prediction interval level, for example 0.9
   * @param minPointsForTrend observed years a series needs before a trend is fitted
   * @param method {@code linear}, {@code log-linear}, {@code damped-trend} or {@code auto} (see MetalForecast, DampedTrend, ForecastEvaluation)
   * @param holdoutYears last observed years each method is backtested on
   * @param selectionMetric {@code mase} or {@code smape}: what {@code auto} minimises
   * @param firstYear first year of the country model and the hierarchy of scopes ({@code metal_forecast})
   */
  public record Forecast(int horizon, double intervalLevel, int minPointsForTrend, String method,
      int holdoutYears, String selectionMetric, int firstYear) implements Serializable {}

  /**
   * A rate (collection, a yield) over time: {@code value} up to {@code fromYear}, then a straight
   * line to {@code target} by {@code byYear}, and {@code target} after, or, with an
   * {@code untilYear} (0: none), back to {@code value} after that year (a campaign); no target:
   * {@code value} throughout. Either may be a distribution.
   */
  public record RatePath(Distribution value, Distribution target, int fromYear, int byYear, int untilYear)
      implements Serializable {
    public static RatePath constant(Distribution value) {
      return new RatePath(value, null, 0, 0, 0);
    }
  }

  /**
   * The {@code drivers} method: recoverable metal = e-waste generated x collection rate x metal
   * content x pre-processing yield x smelter yield, calibrated to the records.
   *
   * @param ewasteGenerated CSV of {@code country_code, year, ewaste_t, basis, source}
   * @param ewasteGrowthPerYear rate at which e-waste grows from (and before) a country's last published year
   * @param contentGramsPerTonne per metal given one, a content for every tonne of e-waste whatever
   *     its products (the meaning before issue 23); the other metals take {@code metalContent}'s
   * @param preprocessingYield per metal, the share of content that reaches the smelter
   * @param smelterYield per metal, the share of what reaches the smelter that is recovered
   * @param collectionRate one rate for every country, replacing {@code collectionRates}; null (the
   *     default): each country's own rate
   * @param collectionRates the reference table of published and default rates per country
   * @param collectionChange how a scenario changes each country's own rate
   * @param collectionSpread log-scale standard deviation of a country's own rate, by its basis
   * @param metalContent the table of published content figures per UNU key ({@code model.MetalContent})
   * @param contentPriorSigma the least log-scale spread of a category's content
   * @param manualDismantlingYield per metal, the pre-processing yield of devices dismantled by hand
   * @param manualDismantlingShare the share of the collected stream dismantled by hand; the rest is
   *     shredded whole ({@code preprocessingYield})
   */
  public record Drivers(String ewasteGenerated, double ewasteGrowthPerYear, RatePath collectionRate,
      Map<String, Distribution> contentGramsPerTonne, Map<String, RatePath> preprocessingYield,
      Map<String, RatePath> smelterYield, String collectionRates, CollectionChange collectionChange,
      Map<String, Double> collectionSpread, double calibrationPriorSigma, String metalContent,
      double contentPriorSigma, Map<String, RatePath> manualDismantlingYield, RatePath manualDismantlingShare)
      implements Serializable {
    /** Fewer calibrated countries than this, and the spread of their factors is the prior's, not theirs. */
    public static final int MIN_CALIBRATED_FOR_SPREAD = 3;

    /** The metals the model follows: those with yields, in the order configured. */
    public java.util.Set<String> metals() {
      return preprocessingYield.keySet();
    }
  }

  /**
   * A scenario's change to every country's own collection rate r, in this order: r x
   * {@code multiplier}, plus {@code add}, then, where {@code toward} is given, a straight line from
   * there to its target over its years (never lowering a rate already above it), and at most
   * {@code cap}. Each is a {@link RatePath} over the years, so a change can start, ramp and end
   * (a campaign); {@code toward}'s {@code value} is unused: the line starts from the country's rate.
   */
  public record CollectionChange(RatePath multiplier, RatePath add, RatePath toward, double cap)
      implements Serializable {
    /** No change: every country keeps its own rate. */
    public static CollectionChange none() {
      return new CollectionChange(RatePath.constant(new Distribution.Fixed(1)),
          RatePath.constant(new Distribution.Fixed(0)), null, 1);
    }
  }

  /** Monte Carlo: {@code draws} evaluations of every distribution-valued assumption, from {@code seed}. */
  public record Uncertainty(int draws, long seed) implements Serializable {}

  /**
   * The sales-lifespan model of e-waste generated ({@code org.urbanmine.ewaste}).
   *
   * @param putOnMarket CSV file or directory of them: UNU_Key, Year, Country, POM_kg[, POM_pieces]
   * @param population CSV: Country, Year, Value (inhabitants)[, Destination]
   * @param strata CSV: Country, Stratum (countries of similar purchasing power, judged together for outliers)
   * @param extension trend or per-person: how POM is extended to the forecast horizon
   * @param lifespans per UNU key, over the bundled defaults
   * @param countryLifespans per country (alpha-3), then UNU key, over both
   * @param lifespanLogSd the log standard deviation of one multiplier on every lifespan, drawn once
   *     per Monte Carlo draw (0: lifespans fixed)
   */
  public record Ewaste(String putOnMarket, String population, String purchasingPower, String strata,
      String methodVersion, double madThreshold, int minValues, String extension, int extensionYears, Map<String, org.urbanmine.uncertainty.Lifespan> lifespans,
      Map<String, Map<String, org.urbanmine.uncertainty.Lifespan>> countryLifespans, double maxRelativeResidual,
      double lifespanLogSd)
      implements Serializable {
    /** The Waste over Time model as at commit cc45775 of Statistics-Netherlands/ewaste. */
    public static final String METHOD_1_1 = "1.1";
    /** ... and as at commit ec30251. */
    public static final String METHOD_1_2 = "1.2";
    /** {@code extension.method}: series extended as the published model does at {@link #methodVersion}. */
    public static final String EXTENSION_AS_PUBLISHED = "waste-over-time";
  }

  /**
   * @param availableShare fraction of recovered metal a medal campaign captures (may be a distribution)
   * @param availableShareRule where the share comes from, for the tables: the campaign's derivation or the setting
   * @param production metal a host obtains per metal in its medals
   * @param composition per medal type (gold, silver, bronze): plating grams and alloy shares
   * @param games the Games whose medal demand is compared, keyed by id such as {@code london-2012}
   */
  public record Medals(
      Distribution availableShare, String availableShareRule, Production production,
      Map<String, MedalComposition> composition, List<Games> games, Campaign campaign)
      implements Serializable {
    /** What one medal of {@code type} is made of at {@code games}: its own composition, else the default. */
    public MedalComposition compositionOf(Games games, String type) {
      MedalComposition own = games.composition().get(type);
      return own != null ? own : composition.get(type);
    }
  }

  /**
   * A medal campaign's scale ({@code urbanmine.medals.campaign}): it collected {@code collectedT}
   * over {@code years}, out of a national stream of {@code nationalCollectedT} formally collected
   * a year; {@link #share} is what {@code available-share = campaign} takes.
   */
  public record Campaign(double collectedT, double years, double nationalCollectedT, List<String> stream,
      String route) implements Serializable {
    /** The value of {@code available-share} that takes the share from the campaign. */
    public static final String DERIVED = "campaign";
    /** {@code route}: devices shredded whole ({@code preprocessing-yield}), or dismantled by hand. */
    public static final String SHREDDING = "shredding";
    public static final String MANUAL_DISMANTLING = "manual-dismantling";
    public static final List<String> ROUTES = List.of(SHREDDING, MANUAL_DISMANTLING);
    /** The collection categories a stream may name (the EU WEEE Directive's six, as model.MetalContent orders them). */
    public static final List<String> CATEGORIES = List.of("Temperature exchange equipment", "Screens and monitors",
        "Lamps", "Large equipment", "Small equipment", "Small IT and telecommunication equipment");

    public double share() {
      return collectedT / years / nationalCollectedT;
    }

    public String rule() {
      return "campaign: " + ConfigReader.fmt(collectedT) + " t over " + ConfigReader.fmt(years) + " years ("
          + ConfigReader.fmt(collectedT / years) + " t a year) / " + ConfigReader.fmt(nationalCollectedT)
          + " t collected a year nationally = " + String.format(java.util.Locale.ROOT, "%.4f", share());
    }
  }

  /**
   * Metal a host must obtain per kilogram in its medals ({@code urbanmine.medals.production}):
   * a metal's {@code factor} where set, else what {@code reference} obtained ({@code obtainedKg})
   * over the metal in its medals, else 1.
   */
  public record Production(Games reference, Map<String, Double> obtainedKg, Map<String, Double> factor)
      implements Serializable {}

  /**
   * What one medal of a type is made of.
   *
   * @param platingGrams grams of a metal plated on each medal, whatever its mass (gold: 6 g)
   * @param alloyShares mass shares of the rest of the medal
   */
  public record MedalComposition(Map<String, Double> platingGrams, Map<String, Double> alloyShares)
      implements Serializable {}

  /**
   * One Olympic and Paralympic Games.
   *
   * @param medalCounts medals made per type (gold, silver, bronze), Olympic plus Paralympic
   * @param medalMassGrams mass of one medal per type; needed where no published total exists
   * @param publishedKg published metal totals per metal; when present they are used as they are
   * @param isEstimate whether counts or masses are estimates (the note says by which rule); always
   *     true for a Games derived from another
   * @param composition per medal type, what this Games' medals are made of where it differs from
   *     {@link Medals#composition()} (empty: the default for every type); see {@link Medals#compositionOf}
   * @param derivedFrom id of the Games whose counts, masses, composition and published totals this
   *     one copies where it gives none of its own; empty if its figures are its own
   */
  public record Games(
      String id,
      String name,
      int year,
      String hostCountry,
      String season,
      Map<String, Integer> medalCounts,
      Map<String, Double> medalMassGrams,
      Map<String, Double> publishedKg,
      boolean isEstimate,
      String note,
      Map<String, MedalComposition> composition,
      String derivedFrom)
      implements Serializable {}

  /** First 12 hex digits of SHA-256 over {@link #resolvedJson}: names the exact assumptions of a run. */
  public String configHash() {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(resolvedJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
