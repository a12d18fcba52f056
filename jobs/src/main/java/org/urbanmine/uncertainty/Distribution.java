package org.urbanmine.uncertainty;

/**
 * A numeric assumption: a fixed number, or a distribution over it for Monte Carlo runs. Every
 * kind is sampled by inversion, {@link #quantile}(u) for u uniform in (0, 1), and a plain
 * (non-Monte-Carlo) run uses {@link #median}.
 *
 * <p>The records check their parameters (finite numbers, min &lt;= max and so on) and throw
 * {@link IllegalArgumentException}; {@code config.Distributions.read} reports the same problems in
 * configuration terms first, naming the key.
 */
public sealed interface Distribution extends java.io.Serializable {

  /** The inverse CDF at {@code u}, 0 &lt; u &lt; 1, within the distribution's (truncated) range. */
  double quantile(double u);

  /** quantile(0.5): the value a plain, non-Monte-Carlo run uses. */
  default double median() {
    return quantile(0.5);
  }

  /** Whether every draw is the same number. */
  default boolean isFixed() {
    return false;
  }

  /** For logs and reports, for example {@code triangular(min 200, mode 340, max 500)}. */
  String describe();

  /** Always {@code value}. */
  record Fixed(double value) implements Distribution {
    public Fixed {
      requireFinite("value", value);
    }

    @Override
    public double quantile(double u) {
      return value;
    }

    @Override
    public boolean isFixed() {
      return true;
    }

    @Override
    public String describe() {
      return "fixed(" + fmt(value) + ")";
    }
  }

  /** Uniform on [min, max]; min = max is allowed and is always that number. */
  record Uniform(double min, double max) implements Distribution {
    public Uniform {
      requireFinite("min", min);
      requireFinite("max", max);
      requireOrdered(min, max);
    }

    @Override
    public double quantile(double u) {
      requireUnit(u);
      return clamp(min + u * (max - min), min, max);
    }

    @Override
    public String describe() {
      return "uniform(min " + fmt(min) + ", max " + fmt(max) + ")";
    }
  }

  /**
   * Triangular on [min, max] with its peak at mode. With c = (mode - min) / (max - min) = F(mode):
   * x = min + sqrt(u (max - min)(mode - min)) for u &lt; c, else max - sqrt((1 - u)(max - min)(max - mode)).
   */
  record Triangular(double min, double mode, double max) implements Distribution {
    public Triangular {
      requireFinite("min", min);
      requireFinite("mode", mode);
      requireFinite("max", max);
      if (!(min <= mode && mode <= max)) {
        throw new IllegalArgumentException("need min <= mode <= max, got min " + fmt(min)
            + ", mode " + fmt(mode) + ", max " + fmt(max));
      }
    }

    @Override
    public double quantile(double u) {
      requireUnit(u);
      double width = max - min;
      if (width == 0) {
        return min;
      }
      double x = u < (mode - min) / width
          ? min + Math.sqrt(u * width * (mode - min))
          : max - Math.sqrt((1 - u) * width * (max - mode));
      return clamp(x, min, max);
    }

    @Override
    public String describe() {
      return "triangular(min " + fmt(min) + ", mode " + fmt(mode) + ", max " + fmt(max) + ")";
    }
  }

  /**
   * Normal(mean, sd) conditioned on [min, max]; either bound may be infinite (no truncation on
   * that side). x = mean + sd * Phi^-1(Phi(a) + u (Phi(b) - Phi(a))), a and b the bounds in
   * standard units, computed on the mirrored side when the range lies mostly above the mean so
   * that neither tail loses precision.
   */
  record TruncatedNormal(double mean, double sd, double min, double max) implements Distribution {
    public TruncatedNormal {
      requireFinite("mean", mean);
      requirePositive("sd", sd);
      requireBound("min", min);
      requireBound("max", max);
      requireOrdered(min, max);
      requireMass(min == max || holdsProbability((min - mean) / sd, (max - mean) / sd),
          "mean " + fmt(mean) + ", sd " + fmt(sd), min, max);
    }

    @Override
    public double quantile(double u) {
      requireUnit(u);
      if (min == max) {
        return min;
      }
      return clamp(mean + sd * standardQuantile(u, (min - mean) / sd, (max - mean) / sd), min, max);
    }

    @Override
    public String describe() {
      return "normal(mean " + fmt(mean) + ", sd " + fmt(sd) + bounds(min, max, Double.NEGATIVE_INFINITY) + ")";
    }
  }

  /**
   * Log-normal: ln X is normal with mean ln(untruncatedMedian) and standard deviation sigma,
   * truncated to [min, max] (min 0 and max infinite mean no truncation). Sampled as exp of the
   * truncated normal on [ln min, ln max]. The first parameter (HOCON key {@code median}) is the
   * median before truncation; it is not called {@code median} because a record component of that
   * name would become {@link Distribution#median()}, which for a truncated one is
   * {@code quantile(0.5)} and differs.
   */
  record LogNormal(double untruncatedMedian, double sigma, double min, double max) implements Distribution {
    public LogNormal {
      requirePositive("median", untruncatedMedian);
      requirePositive("sigma", sigma);
      requireBound("min", min);
      requireBound("max", max);
      if (min < 0) {
        throw new IllegalArgumentException("need min >= 0, got " + fmt(min));
      }
      requireOrdered(min, max);
      double mu = Math.log(untruncatedMedian);
      requireMass(min == max || holdsProbability((Math.log(min) - mu) / sigma, (Math.log(max) - mu) / sigma),
          "median " + fmt(untruncatedMedian) + ", sigma " + fmt(sigma), min, max);
    }

    @Override
    public double quantile(double u) {
      requireUnit(u);
      if (min == max) {
        return min;
      }
      double mu = Math.log(untruncatedMedian);
      double z = standardQuantile(u, (Math.log(min) - mu) / sigma, (Math.log(max) - mu) / sigma);
      return clamp(Math.exp(mu + sigma * z), min, max);
    }

    @Override
    public String describe() {
      return "log-normal(median " + fmt(untruncatedMedian) + ", sigma " + fmt(sigma) + bounds(min, max, 0) + ")";
    }
  }

  /**
   * The u-quantile of a standard normal truncated to [a, b] (which must hold probability, see
   * {@link #holdsProbability}). When a + b &gt; 0 the range is mirrored, so that the tail
   * probabilities used are the small ones, which {@link Normal#cdf} gives to full relative precision.
   */
  private static double standardQuantile(double u, double a, double b) {
    boolean mirror = a + b > 0;
    double lo = mirror ? -b : a;
    double hi = mirror ? -a : b;
    double v = mirror ? 1 - u : u;
    double pLo = Normal.cdf(lo);
    double pHi = Normal.cdf(hi);
    double z = Normal.quantile(clamp(pLo + v * (pHi - pLo), pLo, pHi));
    z = clamp(z, lo, hi);
    return mirror ? -z : z;
  }

  /**
   * Whether a standard normal falls in [a, b] with a probability a double can show: false only
   * when both bounds lie some 38 standard deviations or more out on the same side.
   */
  private static boolean holdsProbability(double a, double b) {
    return a + b > 0 ? Normal.cdf(-a) > Normal.cdf(-b) : Normal.cdf(b) > Normal.cdf(a);
  }

  private static void requireMass(boolean ok, String parameters, double min, double max) {
    if (!ok) {
      throw new IllegalArgumentException("no probability between min " + fmt(min) + " and max "
          + fmt(max) + " for " + parameters);
    }
  }

  private static String bounds(double min, double max, double noMin) {
    return (min == noMin ? "" : ", min " + fmt(min))
        + (max == Double.POSITIVE_INFINITY ? "" : ", max " + fmt(max));
  }

  private static void requireUnit(double u) {
    if (!(u > 0 && u < 1)) {
      throw new IllegalArgumentException("need 0 < u < 1, got " + u);
    }
  }

  /** Finite and above 0 (NaN and infinity say they are not finite, as {@link #requireFinite} does). */
  private static void requirePositive(String name, double v) {
    requireFinite(name, v);
    if (!(v > 0)) {
      throw new IllegalArgumentException("need " + name + " > 0, got " + fmt(v));
    }
  }

  private static void requireFinite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("need a finite " + name + ", got " + v);
    }
  }

  private static void requireBound(String name, double v) {
    if (Double.isNaN(v)) {
      throw new IllegalArgumentException("need a number or an infinity for " + name + ", got NaN");
    }
  }

  private static void requireOrdered(double min, double max) {
    if (!(min <= max)) {
      throw new IllegalArgumentException("need min <= max, got min " + fmt(min) + ", max " + fmt(max));
    }
  }

  private static double clamp(double x, double min, double max) {
    return Math.max(min, Math.min(max, x));
  }

  /** 340 rather than 340.0; other numbers as Java prints them. */
  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }
}
