package org.urbanmine.medals;

import static org.urbanmine.tables.MedalDemandTable.TABLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.config.Settings;

/**
 * {@code medal_demand}: metal each Games' medals need. Where the configuration gives published
 * totals they are used as published ({@code basis = published}); otherwise the need is derived
 * from the medal specification ({@code basis = derived}), each type with the Games' own
 * composition where it has one, else the default ({@link Settings.Medals#compositionOf}):
 *
 * <pre>
 *   kg(metal) = sum over medal types of count x (plating_g(metal) + (mass_g - all plating_g) x alloy(metal)) / 1000
 * </pre>
 *
 * e.g. a 556 g Tokyo gold medal: 6 g gold plating, and 550 g of sterling: 508.75 g silver, 41.25 g copper.
 */
public final class MedalDemand {

  public static final String PUBLISHED = "published";
  public static final String DERIVED = "derived";

  private MedalDemand() {}

  /** One row per Games and metal needed, in the column order of TABLE's files (no scenario). */
  public static List<Row> rows(Settings.Medals medals) {
    List<Row> rows = new ArrayList<>();
    for (Settings.Games games : medals.games()) {
      boolean published = !games.publishedKg().isEmpty();
      TreeSet<String> metals = new TreeSet<>(published ? games.publishedKg().keySet() : metalsUsed(medals, games));
      for (String metal : metals) {
        double kg = inMedalsKg(medals, games, metal);
        if (kg <= 0) {
          continue;
        }
        Factor factor = productionFactor(medals, metal);
        rows.add(RowFactory.create(games.name(), games.year(), games.hostCountry(), games.season(),
            metal, medalsContaining(medals, games, metal), kg, published ? PUBLISHED : DERIVED, games.isEstimate(),
            games.note(), games.id(), factor.value(), kg * factor.value(), factor.rule()));
      }
    }
    return rows;
  }

  /** A production factor and where it comes from. */
  public record Factor(double value, String rule) {}

  /**
   * Metal a host must obtain per kilogram of {@code metal} in its medals: the factor set in the
   * configuration, else what the reference Games obtained over the metal in its own medals
   * (Tokyo 2020 gold: 32 kg / 9.792 kg = 3.268), else 1.
   */
  public static Factor productionFactor(Settings.Medals medals, String metal) {
    Settings.Production production = medals.production();
    Double set = production.factor().get(metal);
    if (set != null) {
      return new Factor(set, "set in urbanmine.medals.production.factor");
    }
    Double obtained = production.obtainedKg().get(metal);
    Settings.Games reference = production.reference();
    double inMedals = inMedalsKg(medals, reference, metal);
    if (obtained == null || inMedals <= 0) {
      return new Factor(1.0, "no production figure for " + metal + ": the metal in the medals");
    }
    return new Factor(obtained / inMedals, reference.name() + " obtained " + fmt(obtained) + " kg for medals holding "
        + fmt(inMedals) + " kg");
  }

  /** Kilograms of {@code metal} in a Games' medals: published where given, else derived. */
  static double inMedalsKg(Settings.Medals medals, Settings.Games games, String metal) {
    if (!games.publishedKg().isEmpty()) {
      return games.publishedKg().getOrDefault(metal, 0.0);
    }
    return derivedKg(medals, games, metal);
  }

  private static String fmt(double kg) {
    return new java.math.BigDecimal(kg).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }

  public static Dataset<Row> of(SparkSession spark, Settings.Medals medals) {
    return spark.createDataFrame(rows(medals), TABLE.fileSchema());
  }

  /** Kilograms of {@code metal} in all of a Games' medals, from the composition. */
  static double derivedKg(Settings.Medals medals, Settings.Games games, String metal) {
    double grams = 0;
    for (Map.Entry<String, Integer> count : games.medalCounts().entrySet()) {
      Settings.MedalComposition c = medals.compositionOf(games, count.getKey());
      double massG = games.medalMassGrams().getOrDefault(count.getKey(), 0.0);
      double plated = c.platingGrams().values().stream().mapToDouble(Double::doubleValue).sum();
      double perMedal = c.platingGrams().getOrDefault(metal, 0.0)
          + (massG - plated) * c.alloyShares().getOrDefault(metal, 0.0);
      grams += count.getValue() * perMedal;
    }
    return grams / 1000;
  }

  private static int medalsContaining(Settings.Medals medals, Settings.Games games, String metal) {
    int n = 0;
    for (Map.Entry<String, Integer> count : games.medalCounts().entrySet()) {
      Settings.MedalComposition c = medals.compositionOf(games, count.getKey());
      if (c.platingGrams().getOrDefault(metal, 0.0) > 0 || c.alloyShares().getOrDefault(metal, 0.0) > 0) {
        n += count.getValue();
      }
    }
    return n;
  }

  private static TreeSet<String> metalsUsed(Settings.Medals medals, Settings.Games games) {
    TreeSet<String> metals = new TreeSet<>();
    for (String type : medals.composition().keySet()) {
      Settings.MedalComposition c = medals.compositionOf(games, type);
      metals.addAll(c.platingGrams().keySet());
      metals.addAll(c.alloyShares().keySet());
    }
    return metals;
  }
}
