package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.reference.ReferenceText;

/**
 * The published model's manual corrections (docs/waste-over-time.md 3.3): values its authors
 * replaced by hand, each with its reason ({@code manual_corrections.csv}, 167 rows at method
 * version 1.1, 475 at 1.2, bundled unchanged under {@code reference/waste-over-time/}). They are
 * totals in kg and pieces for one key, country and year; they also fill years without data, and
 * no outlier or smoothing rule removes them afterwards ({@link PutOnMarket#MANUAL}). Six rows
 * change nothing and only protect a reported value, as in the model.
 */
final class ManualCorrections {
  static final StructType FILE_SCHEMA = new StructType()
      .add("UNU_Key", DataTypes.StringType).add("Year", DataTypes.IntegerType).add("Country", DataTypes.StringType)
      .add("POM_kg_new", DataTypes.DoubleType).add("POM_pieces_new", DataTypes.DoubleType)
      .add("POM_kg_original", DataTypes.StringType).add("POM_Pieces_original", DataTypes.StringType)
      .add("Reason", DataTypes.StringType);

  private ManualCorrections() {}

  /** The corrections of method {@code version} as {@code unu_key, year, country_code, corrected_kg, corrected_pieces}. */
  static Dataset<Row> read(SparkSession spark, String version) {
    return ReferenceText.csv(spark, MethodVersion.resource(version, "manual_corrections.csv"), FILE_SCHEMA)
        .select(col("UNU_Key").as(PutOnMarket.UNU_KEY), col("Year").as(PutOnMarket.YEAR),
            col("Country").as(PutOnMarket.COUNTRY_CODE), col("POM_kg_new").as("corrected_kg"),
            col("POM_pieces_new").as("corrected_pieces"));
  }

  /** {@code rows} ({@link PomSeries#SCHEMA}) with the corrections of {@link #read} in place. */
  static Dataset<Row> apply(Dataset<Row> rows, Dataset<Row> corrections) {
    Column corrected = col("corrected_kg").isNotNull();
    Column population = col(PutOnMarket.POPULATION);
    return rows.join(corrections, new String[] {PutOnMarket.UNU_KEY, PutOnMarket.YEAR, PutOnMarket.COUNTRY_CODE}, "left")
        .withColumn(PutOnMarket.KPI, when(corrected, col("corrected_kg").divide(population)).otherwise(col(PutOnMarket.KPI)))
        .withColumn(PutOnMarket.PPI,
            when(corrected, col("corrected_pieces").divide(population)).otherwise(col(PutOnMarket.PPI)))
        .withColumn(PutOnMarket.FLAG, when(corrected, lit(PutOnMarket.MANUAL)).otherwise(col(PutOnMarket.FLAG)))
        .select(PomSeries.columns());
  }
}
