package org.urbanmine.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class NormalTest {

  /** |actual - expected| <= rel * |expected|. */
  private static void assertRelative(double actual, double expected, double rel) {
    assertThat(Math.abs(actual - expected)).as("%s vs %s", actual, expected)
        .isLessThanOrEqualTo(rel * Math.abs(expected));
  }

  /**
   * Published values (e.g. the 1.6448536269514722 and 1.959963984540054 that R's qnorm and
   * SciPy's norm.ppf print, and pnorm(1), pnorm(-3)); the tails were checked against mpmath at 40
   * digits: ncdf(-10) = 7.619853024160526e-24, ncdf(-37) = 5.725571222524577e-300.
   */
  @Test
  void cdfMatchesPublishedValues() {
    assertRelative(Normal.cdf(1), 0.8413447460685429, 1e-15);
    assertRelative(Normal.cdf(-3), 0.0013498980316300946, 1e-15);
    assertRelative(Normal.cdf(0.5), 0.6914624612740131, 1e-15);
    assertRelative(Normal.cdf(-2), 0.022750131948179207, 1e-15);
    // The lower tail keeps its relative precision: no 1 - (1 - p) on the way.
    assertRelative(Normal.cdf(-10), 7.619853024160526e-24, 1e-14);
    assertRelative(Normal.cdf(-37), 5.725571222524577e-300, 1e-14);
    assertThat(Normal.cdf(0)).isEqualTo(0.5);
    assertThat(Normal.cdf(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
    assertThat(Normal.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(Normal.cdf(-50)).isEqualTo(0.0);
    assertThat(Normal.cdf(Double.NaN)).isNaN();
  }

  @Test
  void cdfIsSymmetric() {
    // Phi(-x) = 1 - Phi(x): checked where 1 - Phi(x) is not itself tiny.
    for (double x = 0.05; x < 6; x += 0.137) {
      assertThat(Normal.cdf(-x)).isCloseTo(1 - Normal.cdf(x), within(2e-16));
    }
  }

  /** The same published values, and mpmath's for the tails (findroot on ncdf at 40 digits). */
  @Test
  void quantileMatchesPublishedValues() {
    assertRelative(Normal.quantile(0.95), 1.6448536269514722, 1e-15);
    assertRelative(Normal.quantile(0.975), 1.959963984540054, 1e-15);
    assertRelative(Normal.quantile(0.05), -1.6448536269514722, 1e-15);
    assertRelative(Normal.quantile(0.001), -3.090232306167813, 1e-15);
    assertRelative(Normal.quantile(0.999), 3.090232306167813, 1e-15);
    assertRelative(Normal.quantile(0.3), -0.5244005127080407, 1e-15);
    // 0.02425 is where Acklam's central and tail approximations meet.
    assertRelative(Normal.quantile(0.02425), -1.9729610513118848, 1e-15);
    assertRelative(Normal.quantile(1e-10), -6.361340902404056, 1e-15);
    assertRelative(Normal.quantile(1e-300), -37.04709629936120, 1e-14);
    assertThat(Normal.quantile(0.5)).isEqualTo(0.0);
    assertThat(Normal.quantile(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Normal.quantile(1)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void quantileAndCdfRoundTrip() {
    // p -> x -> p: the Halley step leaves only the cdf's own rounding, a few 1e-16 relative.
    for (double p = 1e-12; p < 1; p = p < 0.01 ? p * 3.7 : p + 0.0123) {
      double back = Normal.cdf(Normal.quantile(p));
      assertThat(back).as("p = %s", p).isCloseTo(p, withinPercentage(1e-12));
    }
    // x -> p -> x, away from the upper tail where p's spacing near 1 limits x.
    for (double x = -30; x < 3; x += 0.377) {
      assertThat(Normal.quantile(Normal.cdf(x))).as("x = %s", x).isCloseTo(x, within(1e-14 * Math.max(1, Math.abs(x))));
    }
  }

  @Test
  void quantileRejectsProbabilitiesOutsideZeroToOne() {
    assertThatThrownBy(() -> Normal.quantile(-0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Normal.quantile(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Normal.quantile(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
