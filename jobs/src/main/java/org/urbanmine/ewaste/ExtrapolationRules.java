package org.urbanmine.ewaste;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.urbanmine.reference.ReferenceText;

/**
 * How the Waste over Time model 1.2 extends each put-on-market series, read from its two tables
 * (docs/waste-over-time.md 3.16 A and C): which approach carries a key's series of a country past
 * its connection year, over how many years its trend is fitted, and from which year the key's
 * products were sold at all.
 *
 * <p>As the model resolves them: a row with a country replaces the key's general row (blank
 * country) as a whole, so a connection year or years for trend left NA in the country row are the
 * defaults, not the general row's; a series without any row, or with a blank approach, gets the
 * defaults: KPI_PPP, the last data year as connection year, and 9 years for trend (the model's
 * README says 10; its code uses 9, as here). Where a key and country appear twice the first row
 * wins, as the model's {@code slice(1)} does. An approach the model does not know fails the load
 * here, where the model would silently not extend the series.
 */
public final class ExtrapolationRules implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String EXCEPTIONS =
      MethodVersion.resource("1.2", "tbl_Extrapolation_exceptions.csv");
  public static final String INTRODUCTION_YEARS =
      MethodVersion.resource("1.2", "htbl_Key_IntroductionYear.csv");
  public static final int DEFAULT_YEARS_FOR_TREND = 9;

  /** How a series goes on after its connection year (3.16 B). */
  public enum Approach {
    /** The key's fit over all countries on purchasing power, scaled to the country at the connection. */
    KPI_PPP("KPI_PPP"),
    /** A linear trend of kg per person over the years. */
    KPI("KPI"),
    /** The country's own fit on purchasing power, taken one year after the connection and held. */
    CONNECTION_CONSTANT("ConnectionConstant"),
    /** The value of the connection year, held. */
    LAST_RELIABLE_CONSTANT("LastReliableConstant");

    private final String modelName;

    Approach(String modelName) {
      this.modelName = modelName;
    }

    /** The approach as the model's table writes it; null for a blank or NA cell. */
    static Approach parse(String text) {
      if (missing(text)) {
        return null;
      }
      for (Approach a : values()) {
        if (a.modelName.equals(text.trim())) {
          return a;
        }
      }
      throw new IllegalArgumentException("unknown extrapolation approach '" + text + "'");
    }
  }

  /** The resolved rule of one series. */
  public record Rule(Approach approach, int connectionYear, int yearsForTrend) implements Serializable {}

  /** One row of the exceptions table; null where the model has NA. */
  private record ExceptionRow(Approach approach, Integer connectionYear, Integer yearsForTrend)
      implements Serializable {}

  private final Map<String, ExceptionRow> byKey;
  private final Map<String, ExceptionRow> byKeyAndCountry;
  private final Map<String, Integer> introductionYears;

  private ExtrapolationRules(Map<String, ExceptionRow> byKey, Map<String, ExceptionRow> byKeyAndCountry,
      Map<String, Integer> introductionYears) {
    this.byKey = byKey;
    this.byKeyAndCountry = byKeyAndCountry;
    this.introductionYears = introductionYears;
  }

  /**
   * @param exceptions rows of {@code tbl_Extrapolation_exceptions.csv} without header: UNU_Key,
   *     Country (blank for every country), ExtrapolationApproach, ConnectionYear, YearsForTrend
   * @param introductionYears rows of {@code htbl_Key_IntroductionYear.csv} without header:
   *     UNU_Key, IntroductionYear
   */
  public static ExtrapolationRules of(List<String[]> exceptions, List<String[]> introductionYears) {
    Map<String, ExceptionRow> byKey = new HashMap<>();
    Map<String, ExceptionRow> byKeyAndCountry = new HashMap<>();
    for (String[] row : exceptions) {
      if (row.length < 5) {
        throw new IllegalArgumentException("an extrapolation exception needs 5 fields: " + String.join(",", row));
      }
      ExceptionRow e = new ExceptionRow(Approach.parse(row[2]), year(row[3]), year(row[4]));
      String key = row[0].trim();
      String country = row[1].trim();
      if (country.isEmpty()) {
        byKey.putIfAbsent(key, e);
      } else {
        byKeyAndCountry.putIfAbsent(seriesId(key, country), e);
      }
    }
    Map<String, Integer> intro = new HashMap<>();
    for (String[] row : introductionYears) {
      if (row.length < 2 || missing(row[1])) {
        throw new IllegalArgumentException("an introduction year needs a key and a year: " + String.join(",", row));
      }
      intro.putIfAbsent(row[0].trim(), year(row[1]));
    }
    return new ExtrapolationRules(byKey, byKeyAndCountry, intro);
  }

  /** The model's 1.2 tables as bundled in the jar. */
  public static ExtrapolationRules bundled(Configuration hadoop) {
    return of(ReferenceText.rows(hadoop, EXCEPTIONS), ReferenceText.rows(hadoop, INTRODUCTION_YEARS));
  }

  /** The rule of {@code key}'s series of {@code country}, whose data end in {@code lastDataYear} (YL). */
  public Rule forSeries(String key, String country, int lastDataYear) {
    ExceptionRow e = byKeyAndCountry.get(seriesId(key, country));
    if (e == null) {
      e = byKey.get(key);
    }
    if (e == null) {
      return new Rule(Approach.KPI_PPP, lastDataYear, DEFAULT_YEARS_FOR_TREND);
    }
    return new Rule(e.approach() == null ? Approach.KPI_PPP : e.approach(),
        e.connectionYear() == null ? lastDataYear : e.connectionYear(),
        e.yearsForTrend() == null ? DEFAULT_YEARS_FOR_TREND : e.yearsForTrend());
  }

  public boolean hasIntroductionYear(String key) {
    return introductionYears.containsKey(key);
  }

  /** The first year {@code key}'s products were sold; before it the model has none. */
  public int introductionYear(String key) {
    Integer year = introductionYears.get(key);
    if (year == null) {
      throw new IllegalArgumentException("no introduction year for UNU key " + key);
    }
    return year;
  }

  private static String seriesId(String key, String country) {
    return key + "\u0000" + country;
  }

  private static boolean missing(String text) {
    return text == null || text.isBlank() || text.trim().equals("NA");
  }

  /** A year as the model's numeric columns hold it ("2014" or "2014.0"); null for NA. */
  private static Integer year(String text) {
    if (missing(text)) {
      return null;
    }
    double v = Double.parseDouble(text.trim());
    if (v != Math.rint(v)) {
      throw new IllegalArgumentException("not a whole number of years: " + text);
    }
    return (int) v;
  }
}
