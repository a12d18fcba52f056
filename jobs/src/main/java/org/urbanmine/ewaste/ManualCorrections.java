package org.urbanmine.ewaste;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.urbanmine.reference.ReferenceText;

/**
 * The published model's manual corrections (docs/waste-over-time.md 3.3): values its authors
 * replaced by hand, each with its reason ({@code manual_corrections.csv}, 167 rows at method
 * version 1.1, 475 at 1.2, bundled unchanged under {@code reference/waste-over-time/}). They are
 * totals in kg and pieces for one key, country and year; they also fill years without data, and
 * no outlier or smoothing rule removes them afterwards ({@link PutOnMarket#MANUAL}). Six rows
 * change nothing and only protect a reported value, as in the model.
 */
final class ManualCorrections implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The file's columns: UNU_Key, Year, Country, POM_kg_new, POM_pieces_new, the originals, the reason. */
  private static final int KEY = 0;
  private static final int YEAR = 1;
  private static final int COUNTRY = 2;
  private static final int KG = 3;
  private static final int PIECES = 4;

  /** Country, key and year to the corrected kg and pieces (NaN where the file has none). */
  private final Map<String, double[]> corrected;

  private ManualCorrections(Map<String, double[]> corrected) {
    this.corrected = corrected;
  }

  /** The corrections of method {@code version}, read on the driver (a few hundred lines). */
  static ManualCorrections read(Configuration hadoop, String version) {
    Map<String, double[]> corrected = new HashMap<>();
    for (String[] f : ReferenceText.rows(hadoop, MethodVersion.resource(version, "manual_corrections.csv"))) {
      double kg = number(f[KG]);
      if (!PomSeries.na(kg)) {
        corrected.put(id(f[COUNTRY], f[KEY], Integer.parseInt(f[YEAR].trim())), new double[] {kg, number(f[PIECES])});
      }
    }
    return new ManualCorrections(corrected);
  }

  /** A number of the file; NaN where the field is empty. */
  private static double number(String field) {
    return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
  }

  private static String id(String country, String key, int year) {
    return country + " " + key + " " + year;
  }

  /** The corrections in place, as a step over each series: per person, flagged {@link PutOnMarket#MANUAL}. */
  PomSeries.Step step() {
    return s -> {
      for (int i = 0; i < s.length(); i++) {
        double[] totals = corrected.get(id(s.country, s.key, s.year(i)));
        if (totals != null) {
          s.set(s.year(i), totals[0] / s.population[i], totals[1] / s.population[i], PutOnMarket.MANUAL);
        }
      }
    };
  }
}
