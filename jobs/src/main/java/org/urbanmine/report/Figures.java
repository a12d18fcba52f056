package org.urbanmine.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How the page writes numbers, the same in every table: 100 or more as a whole number with
 * thousands separators ({@code 143}, {@code 12,345}); below 100, three significant digits with
 * trailing zeros dropped ({@code 14.9}, {@code 9.6}, {@code 0.0123}). Masses are kilograms, so
 * a tonne or more reads exactly to the kilogram and small amounts keep their precision.
 */
public final class Figures {
  /** What a missing value (a null interval bound, say) reads as. */
  public static final String NONE = "\u2014";

  private Figures() {}

  public static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return NONE;
    }
    if (Math.abs(value) >= 100) {
      return grouped().format(Math.round(value));
    }
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  public static String format(Double value) {
    return value == null ? NONE : format(value.doubleValue());
  }

  /** An axis label: short, {@code 1.5k}, {@code 20M}, {@code 3G}, for a tick value. */
  public static String compact(double value) {
    double magnitude = Math.abs(value);
    if (magnitude >= 1e9) {
      return format(value / 1e9) + "G";
    }
    if (magnitude >= 1e6) {
      return format(value / 1e6) + "M";
    }
    if (magnitude >= 1e4) {
      return format(value / 1e3) + "k";
    }
    return format(value);
  }

  private static DecimalFormat grouped() {
    // DecimalFormat is not thread-safe; one per call is cheap next to building a page.
    return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
  }
}
