package org.urbanmine.medals;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.config.Settings;
import org.urbanmine.model.CountryChain;
import org.urbanmine.model.MetalContent;
import org.urbanmine.tables.ChannelCalibrationTable;
import org.urbanmine.tables.CountryDrawsTable;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.uncertainty.MonteCarlo;

/**
 * A medal campaign's stream against the average collected tonne ({@code urbanmine.medals.campaign}:
 * its {@code stream} of collection categories and its {@code route}). Per metal and year:
 *
 * <pre>
 *   campaign_factor = (content of the stream's categories / content of all e-waste)
 *                     x (the route's pre-processing yield / the chain's)
 * </pre>
 *
 * the contents per tonne from the composition of the countries with put-on-market data
 * ({@link MetalContent#composition}, the nearest year outside its span), every assumption at its
 * median. The campaign takes {@code available-share} of each country's collected tonnes, and a
 * tonne of its stream holds and yields this factor times the metal of an average collected tonne:
 * available = recovered x campaign_factor x share. The factor is one number per metal and year for
 * every country, so every aggregate's available metal stays the sum of its countries', draw by
 * draw. The whole stream (all six categories) shredded as the chain shreds it is 1 exactly.
 *
 * <p>Where a collection channel's records calibrate the campaign's stream ({@code
 * channel_calibration}), the factor is also times the metal's channel factor: the campaign's metal
 * then rests on what such a channel recovered, not only on the whole stream's calibration. The
 * average collected tonne takes none: the channel's records describe a stream of its own.
 */
public final class CampaignStream {
  public static final String FACTOR = MedalOutlookTable.CAMPAIGN_FACTOR;
  public static final String RULE = MedalOutlookTable.CAMPAIGN_FACTOR_RULE;
  private static final String METAL = MetalForecastTable.METAL;
  private static final String YEAR = MetalForecastTable.YEAR;
  public static final StructType SCHEMA = new StructType().add(METAL, DataTypes.StringType)
      .add(YEAR, DataTypes.IntegerType).add(FACTOR, DataTypes.DoubleType).add(RULE, DataTypes.StringType);

  private CampaignStream() {}

  /** Whether the campaign is the average collected tonne: every category, shredded, nothing by hand. */
  static boolean isAverage(Settings.Campaign campaign, Settings.Drivers drivers) {
    Settings.RatePath byHand = drivers.manualDismantlingShare();
    return campaign.stream().containsAll(MetalContent.CATEGORIES)
        && Settings.Campaign.SHREDDING.equals(campaign.route())
        && byHand.target() == null && byHand.value().isFixed() && byHand.value().median() == 0;
  }

  /**
   * {@code metal, year, campaign_factor, campaign_factor_rule} for every metal the drivers follow
   * and every year from {@code fromYear} to the horizon.
   *
   * @param composition {@link MetalContent#composition}'s rows, collected (a row per year and metal)
   */
  public static List<Row> factors(List<Row> composition, Settings settings, MetalContent content, int fromYear) {
    return factors(composition, settings, content, fromYear, Map.of());
  }

  /**
   * A metal's channel factor ({@code channel_calibration.channel_factor}), its log-scale spread in
   * the Monte Carlo and what both rest on, in words.
   */
  public record Channel(double factor, double logSd, String rule) {}

  /** The name of a metal's channel draws ({@link MonteCarlo#standardNormal}): one for every country. */
  static String drawName(String metal) {
    return "channel_" + metal;
  }

  /**
   * Each metal's {@link Channel} from {@code channel_calibration}'s rows (collected: a row per
   * channel record), the records listed in key order. Its spread, as the country model's pooled
   * calibration: the spread of the channel countries' log factors where there are at least
   * {@value Settings.Drivers#MIN_CALIBRATED_FOR_SPREAD}, else the stated prior
   * ({@code urbanmine.drivers.calibration-prior-sigma}).
   */
  public static Map<String, Channel> channels(List<Row> calibration, double priorSigma) {
    Map<String, List<Row>> byMetal = new TreeMap<>();
    for (Row r : calibration) {
      byMetal.computeIfAbsent(r.getAs(ChannelCalibrationTable.METAL), m -> new ArrayList<>()).add(r);
    }
    Map<String, Channel> out = new TreeMap<>();
    byMetal.forEach((metal, rows) -> {
      rows.sort(Comparator.comparing((Row r) -> r.<String>getAs(ChannelCalibrationTable.SOURCE))
          .thenComparing(r -> r.<String>getAs(ChannelCalibrationTable.COUNTRY_CODE))
          .thenComparing(r -> r.<Integer>getAs(ChannelCalibrationTable.YEAR)));
      double factor = rows.get(0).<Double>getAs(ChannelCalibrationTable.CHANNEL_FACTOR);
      Map<String, double[]> byCountry = new TreeMap<>();
      for (Row r : rows) {
        double[] sums = byCountry.computeIfAbsent(r.getAs(ChannelCalibrationTable.COUNTRY_CODE), c -> new double[2]);
        sums[0] += r.<Double>getAs(ChannelCalibrationTable.RECORDED_KG);
        sums[1] += r.<Double>getAs(ChannelCalibrationTable.MODEL_KG);
      }
      boolean own = byCountry.size() >= Settings.Drivers.MIN_CALIBRATED_FOR_SPREAD;
      double logSd = own ? CountryChain.spread(byCountry.values().stream().mapToDouble(v -> Math.log(v[0] / v[1]))
          .toArray()) : priorSigma;
      String spread = own ? String.format(Locale.ROOT, "the spread of the %d channel countries' log factors, %.4f",
          byCountry.size(), logSd) : String.format(Locale.ROOT, "the stated prior %.4f"
          + " (urbanmine.drivers.calibration-prior-sigma): %d channel %s, fewer than %d", logSd, byCountry.size(),
          byCountry.size() == 1 ? "country" : "countries", Settings.Drivers.MIN_CALIBRATED_FOR_SPREAD);
      List<String> records = rows.stream().map(r -> String.format(Locale.ROOT, "%s %d, %s: %.1f kg recorded against"
          + " %.1f kg modelled from %.0f t", r.<String>getAs(ChannelCalibrationTable.COUNTRY_CODE),
          r.<Integer>getAs(ChannelCalibrationTable.YEAR), r.<String>getAs(ChannelCalibrationTable.SOURCE),
          r.<Double>getAs(ChannelCalibrationTable.RECORDED_KG), r.<Double>getAs(ChannelCalibrationTable.MODEL_KG),
          r.<Double>getAs(ChannelCalibrationTable.COLLECTED_T))).toList();
      out.put(metal, new Channel(factor, logSd, String.format(Locale.ROOT, " x the channel's calibration %.3f"
          + " (channel_calibration: %s), drawn log-normal with %s", factor, String.join("; ", records), spread)));
    });
    return out;
  }

  /** {@link #factors(List, Settings, MetalContent, int)}, each metal's times its channel factor where it has one. */
  public static List<Row> factors(List<Row> composition, Settings settings, MetalContent content, int fromYear,
      Map<String, Channel> channels) {
    Settings.Campaign campaign = settings.medals().campaign();
    Settings.Drivers drivers = settings.drivers();
    int first = settings.forecast().firstYear();
    int horizon = settings.forecast().horizon();
    List<Row> out = new ArrayList<>();
    if (isAverage(campaign, drivers)) {
      for (String metal : drivers.metals()) {
        for (int year = fromYear; year <= horizon; year++) {
          out.add(RowFactory.create(metal, year, 1.0, "the whole stream (every category), shredded as the chain"
              + " pre-processes it: the average collected tonne"));
        }
      }
      return out;
    }
    CountryChain chain = new CountryChain(drivers, content, settings.uncertainty().seed(), new int[] {0}, first,
        horizon, settings.forecast().intervalLevel(), 0);
    for (String metal : drivers.metals()) {
      double[] chainYields = chain.fixedPreprocessing(metal)[0];
      double[] routeYields = chain.routeYields(metal, campaign.route());
      for (int year = fromYear; year <= horizon; year++) {
        Row mix = nearest(composition, metal, year);
        if (mix == null) {
          throw new IllegalStateException("no composition of " + metal + " to take the campaign's stream from: no"
              + " country has put-on-market data (urbanmine.ewaste.put-on-market)");
        }
        List<Double> kgPerT = mix.getList(mix.fieldIndex(MetalContent.KG_PER_T_BY_CATEGORY));
        List<Double> share = mix.getList(mix.fieldIndex(MetalContent.SHARE_BY_CATEGORY));
        double streamKg = 0;
        double streamShare = 0;
        double allKg = 0;
        for (int c = 0; c < MetalContent.CATEGORIES.size(); c++) {
          allKg += kgPerT.get(c);
          if (campaign.stream().contains(MetalContent.CATEGORIES.get(c))) {
            streamKg += kgPerT.get(c);
            streamShare += share.get(c);
          }
        }
        int i = Math.max(0, Math.min(horizon, year) - first);
        double route = routeYields[i];
        double chainYield = chainYields[i];
        double contentRatio = streamKg / streamShare / allKg;
        Channel channel = channels.getOrDefault(metal, new Channel(1, 0, ""));
        double factor = contentRatio * route / chainYield * channel.factor();
        out.add(RowFactory.create(metal, year, factor, String.format(Locale.ROOT,
            "%s (%.1f %% of the tonnes): %.1f g/t against %.1f g/t of all e-waste (composition of %d countries, %d)"
                + " x the %s yield %.3f / the chain's %.3f", String.join(" and ", campaign.stream()),
            streamShare * 100, streamKg / streamShare * 1000, allKg * 1000,
            mix.<Integer>getAs(MetalContent.COUNTRIES), mix.<Integer>getAs(MetalContent.YEAR), campaign.route(),
            route, chainYield) + channel.rule()));
      }
    }
    return out;
  }

  /** The composition row of the metal in the year, else in the nearest year it has. */
  private static Row nearest(List<Row> composition, String metal, int year) {
    Row best = null;
    for (Row r : composition) {
      if (!metal.equals(r.getAs(MetalContent.METAL))) {
        continue;
      }
      if (best == null || Math.abs(r.<Integer>getAs(MetalContent.YEAR) - year)
          < Math.abs(best.<Integer>getAs(MetalContent.YEAR) - year)) {
        best = r;
      }
    }
    return best;
  }

  /** The factors as a Dataset, to join. */
  public static Dataset<Row> asDataset(SparkSession spark, List<Row> factors) {
    return spark.createDataFrame(factors, SCHEMA);
  }

  /**
   * {@code metal_forecast} rows as the campaign's stream holds them: the mass, the interval and the
   * percentiles times the factor of their metal and year, with the factor and its rule.
   */
  public static Dataset<Row> forecast(Dataset<Row> forecast, Dataset<Row> factors) {
    Dataset<Row> joined = forecast.join(factors, new String[] {METAL, YEAR});
    for (String c : new String[] {MetalForecastTable.MASS_KG, MetalForecastTable.LOWER_KG, MetalForecastTable.UPPER_KG,
        MetalForecastTable.P5_KG, MetalForecastTable.P50_KG, MetalForecastTable.P95_KG}) {
      joined = joined.withColumn(c, col(c).multiply(col(FACTOR)));
    }
    return joined;
  }

  /**
   * Per metal with a drawn channel factor, its multiplier in draws 0 to n - 1: exp(logSd x z), z
   * the standard normal of (seed, draw, {@code channel_<metal>}), one for every country. None where
   * the campaign is the average tonne or no channel calibrates it.
   */
  public static Map<String, double[]> channelDraws(Map<String, Channel> channels, long seed, int n) {
    Map<String, double[]> out = new TreeMap<>();
    channels.forEach((metal, c) -> {
      if (c.logSd() > 0) {
        double[] multipliers = new double[n];
        Arrays.setAll(multipliers, d -> Math.exp(c.logSd() * MonteCarlo.standardNormal(seed, d, drawName(metal))));
        out.put(metal, multipliers);
      }
    });
    return out;
  }

  /**
   * Draws ({@code scope_level, scope, metal, year, draws_kg}) times the factor of their metal and
   * year ({@link #factors}; a row of a metal and year without one is dropped, as a join would), and
   * each draw times its metal's channel multiplier in that draw ({@link #channelDraws}) where it has
   * one: a loop over each row's array, not a lambda Spark would interpret element by element, and
   * the few factors looked up where the draws are read rather than joined to them (a join would
   * shuffle every row's draws).
   */
  public static Dataset<Row> draws(Dataset<Row> draws, List<Row> factors, Map<String, double[]> channelDraws) {
    Map<String, Double> factorOf = new HashMap<>();
    for (Row f : factors) {
      factorOf.put(key(f.getString(SCHEMA.fieldIndex(METAL)), f.getInt(SCHEMA.fieldIndex(YEAR))),
          f.getDouble(SCHEMA.fieldIndex(FACTOR)));
    }
    Dataset<ScopeDraws> keyed = ScopeDraws.of(draws.filter(col(METAL).isNotNull().and(col(YEAR).isNotNull())));
    return ScopeDraws.toRows(keyed.flatMap((FlatMapFunction<ScopeDraws, ScopeDraws>) r -> {
      Double factor = factorOf.get(key(r.getMetal(), r.getYear()));
      if (factor == null) {
        return Collections.emptyIterator();
      }
      double[] values = r.getDrawsKg();
      if (values != null) {
        double[] m = channelDraws.get(r.getMetal());
        double[] scaled = new double[values.length];
        for (int d = 0; d < scaled.length; d++) {
          scaled[d] = values[d] * factor * (m == null ? 1.0 : m[d]);
        }
        r.setDrawsKg(scaled);
      }
      return List.of(r).iterator();
    }, ScopeDraws.ENCODER));
  }

  private static String key(String metal, int year) {
    return metal + '\u0000' + year;
  }
}
