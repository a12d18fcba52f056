package org.urbanmine.config;

import static org.urbanmine.config.ConfigReader.fmt;

import java.util.Set;
import org.urbanmine.uncertainty.Distribution;

/**
 * Reads a numeric assumption that may be uncertain. In HOCON, either a number or an object:
 *
 * <pre>
 * collection-rate = 0.4
 * collection-rate { distribution = uniform, min = 0.3, max = 0.5 }
 * gold-g-per-t    { distribution = triangular, min = 200, mode = 340, max = 500 }
 * smelter-yield   { distribution = normal, mean = 0.95, sd = 0.02, min = 0.9, max = 0.99 }
 * gold-g-per-t    { distribution = log-normal, median = 340, sigma = 0.3 }
 * </pre>
 *
 * Every value of the quantity (a number, min, max, mode, mean, median) must lie in the key's
 * allowed range; sd and sigma (the standard deviation of ln X) must be above 0. {@code normal}
 * and {@code log-normal} are truncated at their optional min and max, which default to the key's
 * allowed range (for log-normal, its part at or above 0). Keys of the object other than those of
 * its distribution are not read, so the settings report them as unknown.
 *
 * <p>Note that HOCON merges an object with the object of an earlier layer: a scenario that
 * replaces a {@code normal} default by a {@code uniform} keeps the default's {@code mean} and
 * {@code sd}, which are then reported as unknown. Such a scenario writes {@code key = null}
 * before its object, which starts the object afresh.
 */
public final class Distributions {
  public static final String UNIFORM = "uniform";
  public static final String TRIANGULAR = "triangular";
  public static final String NORMAL = "normal";
  public static final String LOG_NORMAL = "log-normal";
  public static final Set<String> KINDS = Set.of(UNIFORM, TRIANGULAR, NORMAL, LOG_NORMAL);

  private Distributions() {}

  /**
   * The assumption at {@code path}, whose values must lie in [min, max] (bounds may be infinite).
   *
   * @throws ConfigurationException naming the key, for any value out of range or out of order
   */
  public static Distribution read(ConfigReader r, String path, double min, double max) {
    if (!(min <= max)) {
      throw new IllegalArgumentException("need min <= max, got " + min + ", " + max);
    }
    if (!r.isObject(path)) {
      return new Distribution.Fixed(r.doubleBetween(path, min, max));
    }
    String kind = r.oneOf(path + ".distribution", KINDS);
    switch (kind) {
      case UNIFORM -> {
        double lo = r.doubleBetween(path + ".min", min, max);
        double hi = r.doubleBetween(path + ".max", min, max);
        requireOrdered(path, lo, hi);
        return new Distribution.Uniform(lo, hi);
      }
      case TRIANGULAR -> {
        double lo = r.doubleBetween(path + ".min", min, max);
        double mode = r.doubleBetween(path + ".mode", min, max);
        double hi = r.doubleBetween(path + ".max", min, max);
        requireOrdered(path, lo, hi);
        if (!(lo <= mode && mode <= hi)) {
          throw ConfigReader.invalid(path, "a distribution with min <= mode <= max",
              "min " + fmt(lo) + ", mode " + fmt(mode) + ", max " + fmt(hi));
        }
        return new Distribution.Triangular(lo, mode, hi);
      }
      case NORMAL -> {
        double mean = r.doubleBetween(path + ".mean", min, max);
        double sd = r.doubleAbove(path + ".sd", 0);
        return truncated(r, path, min, max, "mean " + fmt(mean) + ", sd " + fmt(sd),
            (lo, hi) -> new Distribution.TruncatedNormal(mean, sd, lo, hi));
      }
      case LOG_NORMAL -> {
        double floor = Math.max(0, min);
        if (!(floor <= max)) {
          throw ConfigReader.invalid(path, "a number (its values lie between " + fmt(min) + " and "
              + fmt(max) + ", where a log-normal cannot)", "a log-normal distribution");
        }
        double median = r.doubleBetween(path + ".median", floor, max);
        if (!(median > 0)) {
          throw ConfigReader.invalid(path + ".median", "above 0 for a log-normal", fmt(median));
        }
        double sigma = r.doubleAbove(path + ".sigma", 0);
        return truncated(r, path, floor, max, "median " + fmt(median) + ", sigma " + fmt(sigma),
            (lo, hi) -> new Distribution.LogNormal(median, sigma, lo, hi));
      }
      default -> throw new IllegalStateException(kind);
    }
  }

  /** A normal or log-normal, before its optional min and max are known. */
  private interface Bell {
    Distribution cutAt(double lo, double hi);
  }

  /** {@code bell} cut at the optional min and max, which default to [min, max]. */
  private static Distribution truncated(ConfigReader r, String path, double min, double max,
      String parameters, Bell bell) {
    double lo = r.optionalDoubleBetween(path + ".min", min, max, min);
    double hi = r.optionalDoubleBetween(path + ".max", min, max, max);
    requireOrdered(path, lo, hi);
    try {
      return bell.cutAt(lo, hi);
    } catch (IllegalArgumentException e) {
      // Both bounds so far out in one tail that not even 1e-300 of the probability lies between them.
      throw new ConfigurationException(path + " must be a distribution with some probability"
          + " between min and max, got " + parameters + ", min " + fmt(lo) + ", max " + fmt(hi), e);
    }
  }

  private static void requireOrdered(String path, double lo, double hi) {
    if (!(lo <= hi)) {
      throw ConfigReader.invalid(path, "a distribution with min <= max",
          "min " + fmt(lo) + ", max " + fmt(hi));
    }
  }
}
