package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.urbanmine.tables.MetalInEwasteTable.ASSUMED_CONTENT_SHARE;
import static org.urbanmine.tables.MetalInEwasteTable.CONTAINED_KG;
import static org.urbanmine.tables.MetalInEwasteTable.COUNTRY_CODE;
import static org.urbanmine.tables.MetalInEwasteTable.METAL;
import static org.urbanmine.tables.MetalInEwasteTable.RECOVERABLE_KG;
import static org.urbanmine.tables.MetalInEwasteTable.YEAR;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.urbanmine.model.CountryChain;
import org.urbanmine.tables.ForecastDriversTable;

/**
 * {@code metal_in_ewaste}: the metal contained in each country's e-waste generated per year
 * (e-waste of each UNU key x that key's metal content) and the share of it a recycling chain
 * recovers under the scenario's collection rate and yields ({@code urbanmine.drivers}).
 */
public final class MetalInEwaste {
  /** Content rows for every key without its own: {@code unu_key = *}. */
  public static final String ANY_KEY = "*";
  /** The basis of a content figure that is not an assumption. */
  public static final String PUBLISHED = "published";
  private static final String ASSUMED_KG = "assumed_kg";

  private MetalInEwaste() {}

  /** Grams of a metal per tonne of e-waste of a key, and its basis: either may be missing (null). */
  public record Grams(Double perTonne, String basis) implements Serializable {}

  /**
   * The content table ({@code reference/unu-key-metal-content.csv}): per metal, the figure of
   * every key without its own ({@code unu_key = *}), and the keys' own figures.
   *
   * @param anyKey per metal, in the order read: the metals the table has figures for
   * @param own per key and metal; a metal without a figure for every key is left out
   */
  public record Content(Map<String, Grams> anyKey, Map<String, Map<String, Grams>> own) implements Serializable {
    /**
     * From the table's rows ({@code unu_key, metal, g_per_t, basis, source}; an empty field is
     * missing). Two rows of one key and metal are an error.
     */
    public static Content of(List<String[]> rows, String location) {
      Map<String, Grams> anyKey = new LinkedHashMap<>();
      Map<String, Map<String, Grams>> own = new LinkedHashMap<>();
      for (String[] r : rows) {
        if (r.length < 4 || blank(r[0]) || blank(r[1])) {
          throw new IllegalArgumentException(location + ": a row of fewer than 4 fields, or without its key or metal: "
              + String.join(",", r));
        }
        String perTonne = field(r, 2);
        Grams grams;
        try {
          grams = new Grams(perTonne == null ? null : Double.parseDouble(perTonne), field(r, 3));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(location + ": g_per_t is not a number: " + String.join(",", r), e);
        }
        Map<String, Grams> byMetal =
            ANY_KEY.equals(r[0]) ? anyKey : own.computeIfAbsent(r[0], k -> new LinkedHashMap<>());
        if (byMetal.put(r[1], grams) != null) {
          throw new IllegalArgumentException(location + ": two rows for key " + r[0] + " and " + r[1]);
        }
      }
      return new Content(anyKey, own);
    }

    private static boolean blank(String s) {
      return s == null || s.isEmpty();
    }

    private static String field(String[] r, int i) {
      return i < r.length && !r[i].isEmpty() ? r[i] : null;
    }

    /** The key's figure for the metal, each part falling back to every key's where it has none. */
    Grams of(String key, String metal) {
      Grams fallback = anyKey.get(metal);
      Grams mine = own.getOrDefault(key, Map.of()).get(metal);
      if (mine == null) {
        return fallback;
      }
      return new Grams(mine.perTonne() != null ? mine.perTonne() : fallback.perTonne(),
          mine.basis() != null ? mine.basis() : fallback.basis());
    }
  }

  private static final StructType CONTAINED = new StructType()
      .add(COUNTRY_CODE, DataTypes.StringType).add(YEAR, DataTypes.IntegerType).add(METAL, DataTypes.StringType)
      .add(CONTAINED_KG, DataTypes.DoubleType).add(ASSUMED_KG, DataTypes.DoubleType);

  /**
   * @param generated {@code country_code, unu_key, year, ewaste_kg}
   * @param content the metal content per key ({@link Content#of})
   * @param factors {@link CountryChain#plainFactors}: the scenario's collection rate and yields per
   *     country, metal and year, as the country model takes them
   */
  public static Dataset<Row> of(Dataset<Row> generated, Content content, Dataset<Row> factors) {
    // Per country and year, each key's e-waste x its content, added over the keys in key order
    // (as model.OrderedSum adds them: the same bits on any cluster), for every metal of the table.
    Dataset<Row> contained = generated
        .select(COUNTRY_CODE, WasteOverTime.UNU_KEY, YEAR, WasteOverTime.EWASTE_KG)
        .groupBy(col(COUNTRY_CODE), col(YEAR))
        .as(Encoders.row(new StructType().add(COUNTRY_CODE, DataTypes.StringType).add(YEAR, DataTypes.IntegerType)),
            Encoders.row(new StructType().add(COUNTRY_CODE, DataTypes.StringType)
                .add(WasteOverTime.UNU_KEY, DataTypes.StringType).add(YEAR, DataTypes.IntegerType)
                .add(WasteOverTime.EWASTE_KG, DataTypes.DoubleType)))
        .flatMapGroups((FlatMapGroupsFunction<Row, Row, Row>) (key, it) -> {
          List<Row> rows = new ArrayList<>();
          it.forEachRemaining(rows::add);
          return contained(key, rows, content).iterator();
        }, Encoders.row(CONTAINED))
        .withColumn(ASSUMED_CONTENT_SHARE, when(col(CONTAINED_KG).gt(0), col(ASSUMED_KG).divide(col(CONTAINED_KG))));
    return contained.join(factors, new String[] {COUNTRY_CODE, METAL, YEAR}, "left")
        .withColumn(RECOVERABLE_KG, col(CONTAINED_KG).multiply(col(ForecastDriversTable.COLLECTION_RATE))
            .multiply(col(ForecastDriversTable.PREPROCESSING_YIELD)).multiply(col(ForecastDriversTable.SMELTER_YIELD)));
  }

  /**
   * One country's year: per metal, the kg contained and the kg of it from assumed content. A key
   * of null content or e-waste adds nothing to either; one of assumed content adds to both.
   */
  private static List<Row> contained(Row countryYear, List<Row> rows, Content content) {
    // Spark's order of strings (their UTF-8 bytes), as OrderedSum sorts them.
    Row[] byKey = rows.toArray(new Row[0]);
    Arrays.sort(byKey, Comparator.comparing((Row r) -> UTF8String.fromString(r.getString(1))));
    List<Row> out = new ArrayList<>(content.anyKey().size());
    for (String metal : content.anyKey().keySet()) {
      double contained = 0.0;
      double assumed = 0.0;
      for (Row r : byKey) {
        Grams grams = content.of(r.getString(1), metal);
        if (r.isNullAt(3) || grams.perTonne() == null) {
          continue;
        }
        // kg of e-waste x g per tonne: / 1,000 kg per tonne, / 1,000 g per kg.
        double kg = r.getDouble(3) * grams.perTonne() / 1e6;
        contained = contained + kg;
        if (grams.basis() != null && !grams.basis().equals(PUBLISHED)) {
          assumed = assumed + kg;
        }
      }
      out.add(RowFactory.create(countryYear.getString(0), countryYear.getInt(1), metal, contained, assumed));
    }
    return out;
  }
}
