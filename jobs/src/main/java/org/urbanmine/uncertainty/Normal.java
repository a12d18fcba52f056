package org.urbanmine.uncertainty;

/**
 * The standard normal distribution: {@link #cdf} and its inverse {@link #quantile}, both to about
 * full double precision.
 *
 * <p>{@code cdf} is W. J. Cody's rational Chebyshev approximation (SPECFUN routine ANORM, after
 * Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23, 1969; the
 * same coefficients as R's {@code pnorm}): three ranges, |x| &lt;= 0.67448975, up to sqrt(32),
 * and beyond, with exp(-x^2/2) split as exp(-xs^2/2) exp(-(x - xs)(x + xs)/2), xs = x rounded
 * down to 1/16, so that squaring x loses nothing. The lower tail is computed directly (never as
 * 1 - something), so cdf(-30) keeps its relative precision. Relative error about 1e-15.
 *
 * <p>{@code quantile} is Peter J. Acklam's algorithm (relative error 1.15e-9) refined by one
 * Halley step on {@code cdf}, which brings it to full double accuracy. For p &gt; 0.5 it returns
 * -quantile(1 - p), 1 - p being exact there, so both tails are solved in the accurate lower tail.
 */
public final class Normal {
  private Normal() {}

  private static final double SQRT_32 = 5.656854249492380195206754896838;
  private static final double ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
  private static final double SQRT_2PI = 2.506628274631000502415765284811;

  private static final double[] A = {2.2352520354606839287, 161.02823106855587881,
      1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113};
  private static final double[] B = {47.20258190468824187, 976.09855173777669322,
      10260.932208618978205, 45507.789335026729956};
  private static final double[] C = {0.39894151208813466764, 8.8831497943883759412,
      93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
      6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
      1.0765576773720192317e-8};
  private static final double[] D = {22.266688044328115691, 235.38790178262499861,
      1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
      34900.952721145977266, 38912.003286093271411, 19685.429676859990727};
  private static final double[] P = {0.21589853405795699, 0.1274011611602473639,
      0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5,
      0.02307344176494017303};
  private static final double[] Q = {1.28426009614491121, 0.468238212480865118,
      0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5};

  /** P(Z &lt;= x) for a standard normal Z; 0 at -infinity, 1 at +infinity, NaN for NaN. */
  public static double cdf(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    double y = Math.abs(x);
    if (y <= 0.67448975) {
      double xsq = x * x;
      double xnum = A[4] * xsq;
      double xden = xsq;
      for (int i = 0; i < 3; i++) {
        xnum = (xnum + A[i]) * xsq;
        xden = (xden + B[i]) * xsq;
      }
      return 0.5 + x * (xnum + A[3]) / (xden + B[3]);
    }
    if (y > 40) {
      // Below 1e-349: the lower tail underflows to 0 and the upper one rounds to 1.
      return x > 0 ? 1 : 0;
    }
    double r;
    if (y <= SQRT_32) {
      double xnum = C[8] * y;
      double xden = y;
      for (int i = 0; i < 7; i++) {
        xnum = (xnum + C[i]) * y;
        xden = (xden + D[i]) * y;
      }
      r = (xnum + C[7]) / (xden + D[7]);
    } else {
      double xsq = 1 / (x * x);
      double xnum = P[5] * xsq;
      double xden = xsq;
      for (int i = 0; i < 4; i++) {
        xnum = (xnum + P[i]) * xsq;
        xden = (xden + Q[i]) * xsq;
      }
      r = xsq * (xnum + P[4]) / (xden + Q[4]);
      r = (ONE_OVER_SQRT_2PI - r) / y;
    }
    double ys = Math.floor(y * 16) / 16;
    double del = (y - ys) * (y + ys);
    double tail = Math.exp(-ys * ys * 0.5) * Math.exp(-del * 0.5) * r;
    return x > 0 ? 1 - tail : tail;
  }

  private static final double[] AA = {-3.969683028665376e+01, 2.209460984245205e+02,
      -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
      2.506628277459239e+00};
  private static final double[] BB = {-5.447609879822406e+01, 1.615858368580409e+02,
      -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
  private static final double[] CC = {-7.784894002430293e-03, -3.223964580411365e-01,
      -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
      2.938163982698783e+00};
  private static final double[] DD = {7.784695709041462e-03, 3.224671290700398e-01,
      2.445134137142996e+00, 3.754408661907416e+00};
  private static final double P_LOW = 0.02425;

  /**
   * The x with cdf(x) = p: -infinity at 0, +infinity at 1.
   *
   * @throws IllegalArgumentException for p outside [0, 1] or NaN
   */
  public static double quantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("need 0 <= p <= 1, got " + p);
    }
    if (p > 0.5) {
      return -lowerQuantile(1 - p);
    }
    return lowerQuantile(p);
  }

  /** The quantile for 0 &lt;= p &lt;= 0.5. */
  private static double lowerQuantile(double p) {
    if (p == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double x;
    if (p < P_LOW) {
      double q = Math.sqrt(-2 * Math.log(p));
      x = (((((CC[0] * q + CC[1]) * q + CC[2]) * q + CC[3]) * q + CC[4]) * q + CC[5])
          / ((((DD[0] * q + DD[1]) * q + DD[2]) * q + DD[3]) * q + 1);
    } else {
      double q = p - 0.5;
      double r = q * q;
      x = (((((AA[0] * r + AA[1]) * r + AA[2]) * r + AA[3]) * r + AA[4]) * r + AA[5]) * q
          / (((((BB[0] * r + BB[1]) * r + BB[2]) * r + BB[3]) * r + BB[4]) * r + 1);
    }
    // One Halley step on f(x) = cdf(x) - p: f' = pdf, f''/f' = -x.
    double e = cdf(x) - p;
    double u = e * SQRT_2PI * Math.exp(x * x / 2);
    if (Double.isFinite(u)) {
      x = x - u / (1 + x * u / 2);
    }
    return x;
  }
}
