package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.coalesce;
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
 * CRT monitors (UNU key 0308) rebuilt from desktop PCs (0302) and flat-panel monitors (0309), as
 * the Waste over Time model's script 03g does it (docs/waste-over-time.md, 3.13): the reported CRT
 * monitor data are unreliable, and the United Nations University puts their sales at 116 % of the
 * desktops sold less the flat panels. Per country and year, in pieces (pieces per inhabitant
 * times inhabitants): {@code P_0308 = max(0, 1.16 P_0302 - P_0309)}, and kg = P_0308 times the
 * average weight of a CRT monitor that year ({@code htbl_Key_Weight.csv}). The rebuilt values
 * replace the series' only where they could be computed (both pieces, the population and the
 * weight known), as in the model. At method version 1.2 the model then sets 0308 to 0 from 2008
 * (stratum 1), 2009 (stratum 2) and 2010 (stratum 3): CRT monitors were no longer sold.
 *
 * <p>Departures from the model:
 *
 * <ul>
 *   <li>The model leaves the flag as it was; here every value this step sets is flagged
 *       {@link PutOnMarket#CRT_MONITORS}, so that the output says where the 0308 values come from.
 *       A later step that selects on the model's flags 0 or 60 (the version 1.2 KPI-PPP regression,
 *       3.16) would, in the model, still see a rebuilt 0308 value whose flag was 0 or 60.
 *   <li>At version 1.2 the model would take a country's own weight of the key where the file has
 *       one; the file has such weights for key 0303 only, so only the EU-wide weights are read
 *       ({@link #keyWeights}), which gives the same 0308 values.
 * </ul>
 */
final class CrtMonitors {
  static final String CRT_MONITORS = "0308";
  static final String DESKTOPS = "0302";
  static final String FLAT_PANEL_MONITORS = "0309";
  /** CRT monitors sold per desktop PC, before the flat panels are taken off (the UNU's estimate). */
  static final double CRT_PER_DESKTOP = 1.16;
  /** Average weight of one piece of a key in a year, kilograms. */
  public static final String KG_PER_PIECE = "kg_per_piece";
  /** At version 1.2, the first year without CRT monitor sales, by stratum 1, 2, 3. */
  private static final int[] NO_SALES_FROM = {2008, 2009, 2010};

  private static final String DESKTOP_PIECES = "desktop_pieces";
  private static final String FLAT_PANEL_PIECES = "flat_panel_pieces";
  private static final String CRT_KPI = "crt_kpi";
  private static final String CRT_PPI = "crt_ppi";

  private CrtMonitors() {}

  /**
   * The model's average weights per key and year, {@code unu_key, year, kg_per_piece}, from the
   * bundled {@code htbl_Key_Weight.csv} of method version {@code version} ("1.1" or "1.2"). The 1.2
   * file also has weights of single countries (key 0303 only); only its EU-wide rows (Country "")
   * are kept, one per key and year as in 1.1.
   */
  static Dataset<Row> keyWeights(SparkSession spark, String version) {
    String location = MethodVersion.resource(version, "htbl_Key_Weight.csv");
    StructType schema = new StructType().add("UNU_Key", DataTypes.StringType);
    boolean byCountry = !MethodVersion.isVersion11(version);
    if (byCountry) {
      schema = schema.add("Country", DataTypes.StringType);
    }
    schema = schema.add("AverageWeight", DataTypes.DoubleType).add("Year", DataTypes.IntegerType);
    Dataset<Row> weights = ReferenceText.csv(spark, location, schema);
    if (byCountry) {
      // Spark may read the quoted empty country as "" or as null.
      weights = weights.where(coalesce(col("Country"), lit("")).equalTo(""));
    }
    return weights.select(col("UNU_Key").as(PutOnMarket.UNU_KEY), col("Year").as(PutOnMarket.YEAR),
        col("AverageWeight").as(KG_PER_PIECE));
  }

  /**
   * @param rows {@link PomSeries#SCHEMA} rows
   * @param keyWeights {@code unu_key, year, kg_per_piece}, one row per key and year ({@link #keyWeights})
   * @param zeroFromStratumYears the version 1.2 rule: 0308 is 0 from 2008, 2009, 2010 in strata 1, 2, 3
   * @return {@link PomSeries#SCHEMA} rows, 0308 rebuilt, every other row as it was
   */
  static Dataset<Row> apply(Dataset<Row> rows, Dataset<Row> keyWeights, boolean zeroFromStratumYears) {
    Column pieces = col(PutOnMarket.PPI).multiply(col(PutOnMarket.POPULATION));
    Dataset<Row> desktops = rows.where(col(PutOnMarket.UNU_KEY).equalTo(DESKTOPS))
        .select(col(PutOnMarket.COUNTRY_CODE), col(PutOnMarket.YEAR), pieces.as(DESKTOP_PIECES));
    Dataset<Row> flatPanels = rows.where(col(PutOnMarket.UNU_KEY).equalTo(FLAT_PANEL_MONITORS))
        .select(col(PutOnMarket.COUNTRY_CODE), col(PutOnMarket.YEAR), pieces.as(FLAT_PANEL_PIECES));
    Dataset<Row> crtWeight = keyWeights.where(col(PutOnMarket.UNU_KEY).equalTo(CRT_MONITORS))
        .select(col(PutOnMarket.YEAR), col(KG_PER_PIECE));
    String[] countryYear = {PutOnMarket.COUNTRY_CODE, PutOnMarket.YEAR};

    Column isCrt = col(PutOnMarket.UNU_KEY).equalTo(CRT_MONITORS);
    Column raw = lit(CRT_PER_DESKTOP).multiply(col(DESKTOP_PIECES)).minus(col(FLAT_PANEL_PIECES));
    // Not greatest(0, raw): that would turn a missing desktop or flat-panel count into 0 monitors,
    // where the model keeps the series' own value.
    Column crtPieces = when(raw.lt(0), lit(0.0)).otherwise(raw);
    Dataset<Row> rebuilt = rows
        .join(desktops, countryYear, "left")
        .join(flatPanels, countryYear, "left")
        .join(crtWeight, new String[] {PutOnMarket.YEAR}, "left")
        .withColumn(CRT_PPI, when(isCrt, crtPieces.divide(col(PutOnMarket.POPULATION))))
        .withColumn(CRT_KPI, col(CRT_PPI).multiply(col(KG_PER_PIECE)));
    Column replaced = col(CRT_KPI).isNotNull();
    Column noneSold = lit(false);
    if (zeroFromStratumYears) {
      Column stratum = col(PutOnMarket.STRATUM);
      Column noneFrom = when(stratum.equalTo(1), lit(NO_SALES_FROM[0]))
          .when(stratum.equalTo(2), lit(NO_SALES_FROM[1]))
          .when(stratum.equalTo(3), lit(NO_SALES_FROM[2]));
      // A country without a stratum keeps its values (null is not true).
      noneSold = isCrt.and(col(PutOnMarket.YEAR).geq(noneFrom));
    }
    Dataset<Row> out = rebuilt
        .withColumn(PutOnMarket.KPI, when(noneSold, lit(0.0)).when(replaced, col(CRT_KPI))
            .otherwise(col(PutOnMarket.KPI)))
        .withColumn(PutOnMarket.PPI, when(noneSold, lit(0.0)).when(replaced, col(CRT_PPI))
            .otherwise(col(PutOnMarket.PPI)))
        .withColumn(PutOnMarket.FLAG, when(noneSold.or(replaced), lit(PutOnMarket.CRT_MONITORS))
            .otherwise(col(PutOnMarket.FLAG)));
    return out.select(PomSeries.columns());
  }
}
