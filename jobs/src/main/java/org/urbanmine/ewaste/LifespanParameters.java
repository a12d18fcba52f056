package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.urbanmine.tables.LifespanParametersTable.COUNTRY_CODE;
import static org.urbanmine.tables.LifespanParametersTable.SOURCE;
import static org.urbanmine.tables.LifespanParametersTable.UNU_KEY;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.config.Settings;
import org.urbanmine.uncertainty.Lifespan;

/**
 * {@code lifespan_parameters}: the lifespan distribution used for each country and UNU key, and
 * where it came from, so that every figure of {@code ewaste_generated} can be recomputed outside
 * the pipeline. A country's own setting ({@code urbanmine.ewaste.country-lifespans}) wins over
 * the key's ({@code urbanmine.ewaste.lifespans}), which wins over the bundled defaults: the
 * country's where the source publishes one (reference/unu-key-country-lifespans.csv: Italy),
 * else the key's (reference/unu-keys.csv).
 */
public final class LifespanParameters {

  private LifespanParameters() {}

  /**
   * @param series {@code country_code, unu_key}: the series to model
   * @param defaults {@code unu_key}, {@link Lifespan#SCHEMA}'s columns and {@code source}
   * @param countryDefaults {@code country_code} and the columns of {@code defaults}: bundled
   *     defaults for some countries, which win over {@code defaults} there
   */
  public static Dataset<Row> of(SparkSession spark, Dataset<Row> series, Dataset<Row> defaults,
      Dataset<Row> countryDefaults, Settings.Ewaste ewaste) {
    List<Row> overrides = new ArrayList<>();
    add(overrides, null, ewaste.lifespans(), "urbanmine.ewaste.lifespans", 2);
    ewaste.countryLifespans().forEach((country, byKey) ->
        add(overrides, country, byKey, "urbanmine.ewaste.country-lifespans." + country, 1));
    StructType schema = new StructType().add(COUNTRY_CODE, DataTypes.StringType).add(UNU_KEY, DataTypes.StringType);
    for (StructField f : Lifespan.SCHEMA.fields()) {
      schema = schema.add(f);
    }
    schema = schema.add(SOURCE, DataTypes.StringType).add("priority", DataTypes.IntegerType);
    Dataset<Row> configured = spark.createDataFrame(overrides, schema);
    String[] parameters = {Lifespan.DISTRIBUTION, Lifespan.SHAPE, Lifespan.SCALE_YEARS, Lifespan.MEAN_YEARS,
        Lifespan.SD_YEARS, SOURCE};
    Dataset<Row> byDefault = series.join(defaults, UNU_KEY).withColumn("priority", lit(4));
    Dataset<Row> byCountryDefault = series.join(countryDefaults, new String[] {COUNTRY_CODE, UNU_KEY})
        .withColumn("priority", lit(3));
    Dataset<Row> byKey = series.join(configured.filter(col(COUNTRY_CODE).isNull()).drop(COUNTRY_CODE), UNU_KEY);
    Dataset<Row> byCountry = series.join(configured.filter(col(COUNTRY_CODE).isNotNull()),
        new String[] {COUNTRY_CODE, UNU_KEY});
    List<String> columns = new ArrayList<>(List.of(COUNTRY_CODE, UNU_KEY));
    columns.addAll(List.of(parameters));
    columns.add("priority");
    org.apache.spark.sql.Column[] select = columns.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new);
    return byDefault.select(select).unionByName(byCountryDefault.select(select)).unionByName(byKey.select(select))
        .unionByName(byCountry.select(select))
        .withColumn("rank", row_number().over(Window.partitionBy(COUNTRY_CODE, UNU_KEY).orderBy("priority")))
        .filter(col("rank").equalTo(1))
        .drop("rank", "priority");
  }

  private static void add(List<Row> rows, String country, Map<String, Lifespan> byKey, String key, int priority) {
    byKey.forEach((unuKey, lifespan) -> {
      Row p = lifespan.parameters();
      rows.add(RowFactory.create(country, unuKey, p.get(0), p.get(1), p.get(2), p.get(3), p.get(4),
          key + ".\"" + unuKey + "\"", priority));
    });
  }
}
