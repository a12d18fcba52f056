package org.urbanmine.ewaste;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
  /** {@link #keyWeights} as a table: {@code unu_key, year, kg_per_piece}. */
  static final StructType WEIGHTS = new StructType().add(PutOnMarket.UNU_KEY, DataTypes.StringType)
      .add(PutOnMarket.YEAR, DataTypes.IntegerType).add(KG_PER_PIECE, DataTypes.DoubleType);
  /** At version 1.2, the first year without CRT monitor sales, by stratum 1, 2, 3. */
  private static final int[] NO_SALES_FROM = {2008, 2009, 2010};

  private CrtMonitors() {}

  /**
   * The model's average weights per key and year, key to year to kg per piece, from the bundled
   * {@code htbl_Key_Weight.csv} of method version {@code version} ("1.1" or "1.2"), read on the
   * driver (under 2,000 lines). The 1.2 file also has weights of single countries (key 0303
   * only); only its EU-wide rows (Country "") are kept, one per key and year as in 1.1.
   */
  static Map<String, Map<Integer, Double>> keyWeights(Configuration hadoop, String version) {
    boolean byCountry = !MethodVersion.isVersion11(version);
    Map<String, Map<Integer, Double>> weights = new HashMap<>();
    for (String[] f : ReferenceText.rows(hadoop, MethodVersion.resource(version, "htbl_Key_Weight.csv"))) {
      // UNU_Key[, Country], AverageWeight, Year
      if (byCountry && !f[1].isEmpty()) {
        continue;
      }
      int weight = byCountry ? 2 : 1;
      int year = Integer.parseInt(f[weight + 1].trim());
      Double previous = weights.computeIfAbsent(f[0], k -> new HashMap<>()).put(year,
          Double.parseDouble(f[weight]));
      if (previous != null) {
        throw new IllegalStateException("two weights of key " + f[0] + " in " + year + " at method " + version);
      }
    }
    return weights;
  }

  /** {@link #keyWeights} as {@link #WEIGHTS} rows. */
  static Dataset<Row> keyWeights(SparkSession spark, String version) {
    List<Row> rows = new ArrayList<>();
    keyWeights(spark.sparkContext().hadoopConfiguration(), version)
        .forEach((key, years) -> years.forEach((year, kg) -> rows.add(RowFactory.create(key, year, kg))));
    return spark.createDataFrame(rows, WEIGHTS);
  }

  /**
   * The rebuild as a step over the table: 0308 rebuilt in every country, every other series as it was.
   *
   * @param keyWeights key to year to kg per piece ({@link #keyWeights})
   * @param zeroFromStratumYears the version 1.2 rule: 0308 is 0 from 2008, 2009, 2010 in strata 1, 2, 3
   */
  static PomTable.Step step(Map<String, Map<Integer, Double>> keyWeights, boolean zeroFromStratumYears) {
    Map<Integer, Double> crtWeights = new HashMap<>(keyWeights.getOrDefault(CRT_MONITORS, Map.of()));
    return table -> {
      for (PomSeries s : table.series()) {
        if (s.key.equals(CRT_MONITORS)) {
          rebuild(s, table.series(s.country, DESKTOPS), table.series(s.country, FLAT_PANEL_MONITORS), crtWeights,
              zeroFromStratumYears);
        }
      }
    };
  }

  private static void rebuild(PomSeries crt, PomSeries desktops, PomSeries flatPanels, Map<Integer, Double> weights,
      boolean zeroFromStratumYears) {
    Integer noneFrom = zeroFromStratumYears && crt.stratum != null && crt.stratum >= 1 && crt.stratum <= 3
        ? NO_SALES_FROM[crt.stratum - 1] : null;
    for (int i = 0; i < crt.length(); i++) {
      int year = crt.year(i);
      if (noneFrom != null && year >= noneFrom) {
        crt.set(year, 0.0, 0.0, PutOnMarket.CRT_MONITORS);
        continue;
      }
      double raw = CRT_PER_DESKTOP * pieces(desktops, year) - pieces(flatPanels, year);
      // Not max(0, raw): that would turn a missing desktop or flat-panel count into 0 monitors,
      // where the model keeps the series' own value.
      double ppi = (raw < 0 ? 0.0 : raw) / crt.population[i];
      double kpi = ppi * weights.getOrDefault(year, Double.NaN);
      if (!PomSeries.na(kpi)) {
        crt.set(year, kpi, ppi, PutOnMarket.CRT_MONITORS);
      }
    }
  }

  /** Pieces put on the market in {@code year}: per inhabitant times inhabitants; NaN where unknown. */
  private static double pieces(PomSeries s, int year) {
    return s == null || year < s.firstYear || year > s.lastYear() ? Double.NaN
        : s.ppi[s.index(year)] * s.population[s.index(year)];
  }
}
