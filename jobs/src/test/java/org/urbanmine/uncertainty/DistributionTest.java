package org.urbanmine.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.urbanmine.uncertainty.Distribution.Fixed;
import org.urbanmine.uncertainty.Distribution.LogNormal;
import org.urbanmine.uncertainty.Distribution.Triangular;
import org.urbanmine.uncertainty.Distribution.TruncatedNormal;
import org.urbanmine.uncertainty.Distribution.Uniform;

class DistributionTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void fixedIsItsValueEverywhere() {
    Distribution d = new Fixed(0.4);
    assertThat(d.quantile(1e-9)).isEqualTo(0.4);
    assertThat(d.quantile(0.999)).isEqualTo(0.4);
    assertThat(d.median()).isEqualTo(0.4);
    assertThat(d.isFixed()).isTrue();
    assertThat(d.describe()).isEqualTo("fixed(0.4)");
  }

  @Test
  void uniform() {
    Distribution d = new Uniform(2, 6);
    // 2 + 0.25 * (6 - 2) = 3.
    assertThat(d.quantile(0.25)).isEqualTo(3.0);
    assertThat(d.median()).isEqualTo(4.0);
    assertThat(d.isFixed()).isFalse();
    assertThat(d.describe()).isEqualTo("uniform(min 2, max 6)");
    // min = max is a point.
    assertThat(new Uniform(5, 5).quantile(0.3)).isEqualTo(5.0);
  }

  @Test
  void triangularBothSidesOfTheMode() {
    Distribution d = new Triangular(0, 1, 4);
    // F(mode) = (1 - 0) / (4 - 0) = 0.25. u = 0.125 < 0.25: x = 0 + sqrt(0.125 * 4 * 1)
    // = sqrt(0.5) = 0.70710678...; check: F(x) = x^2 / (4 * 1) = 0.5 / 4 = 0.125.
    assertThat(d.quantile(0.125)).isCloseTo(Math.sqrt(0.5), within(1e-15));
    // u = 0.625 >= 0.25: x = 4 - sqrt((1 - 0.625) * 4 * 3) = 4 - sqrt(4.5) = 1.87867965...;
    // check: 1 - F(x) = (4 - x)^2 / (4 * 3) = 4.5 / 12 = 0.375.
    assertThat(d.quantile(0.625)).isCloseTo(4 - Math.sqrt(4.5), within(1e-15));
    // At u = F(mode) = 0.25 both branches give the mode: 4 - sqrt(0.75 * 12) = 4 - 3 = 1.
    assertThat(d.quantile(0.25)).isCloseTo(1.0, within(1e-15));
    // Median: u = 0.5 > 0.25, 4 - sqrt(0.5 * 12) = 4 - sqrt(6) = 1.5505102...
    assertThat(d.median()).isCloseTo(4 - Math.sqrt(6), within(1e-15));
    assertThat(d.describe()).isEqualTo("triangular(min 0, mode 1, max 4)");
    // Mode at an end: triangular(0, 0, 1) at u = 0.75 is 1 - sqrt(0.25 * 1 * 1) = 0.5.
    assertThat(new Triangular(0, 0, 1).quantile(0.75)).isCloseTo(0.5, within(1e-15));
  }

  @Test
  void truncatedNormal() {
    Distribution d = new TruncatedNormal(0, 1, -1, 1);
    assertThat(d.median()).isEqualTo(0.0);
    // Phi(-1) = 0.15865525393145705, Phi(1) = 0.8413447460685429 (mpmath, 30 digits), so
    // p = Phi(-1) + 0.75 * (Phi(1) - Phi(-1)) = 0.15865525393145705 + 0.75 * 0.68268949213708590
    // = 0.67067237303427147 and Phi^-1(p) = 0.44177054668658129 (mpmath).
    assertThat(d.quantile(0.75)).isCloseTo(0.44177054668658129, within(1e-14));
    // Symmetric range, so quantile(0.25) = -quantile(0.75).
    assertThat(d.quantile(0.25)).isCloseTo(-0.44177054668658129, within(1e-14));
    // Shifted and scaled: mean 10, sd 2 on [8, 12] is 10 + 2 z.
    assertThat(new TruncatedNormal(10, 2, 8, 12).quantile(0.75))
        .isCloseTo(10 + 2 * 0.44177054668658129, within(1e-13));
    // Untruncated: the plain normal, mean + sd * Phi^-1(0.975) = 0.95 + 0.02 * 1.959963984540054.
    assertThat(new TruncatedNormal(0.95, 0.02, -INF, INF).quantile(0.975))
        .isCloseTo(0.95 + 0.02 * 1.959963984540054, within(1e-15));
    assertThat(d.describe()).isEqualTo("normal(mean 0, sd 1, min -1, max 1)");
    assertThat(new TruncatedNormal(0.95, 0.02, -INF, INF).describe()).isEqualTo("normal(mean 0.95, sd 0.02)");
  }

  @Test
  void truncatedNormalFarInTheUpperTail() {
    // Truncated to [10, inf): the median solves 1 - Phi(x) = (1 - Phi(10)) / 2, i.e.
    // Phi(-x) = 7.619853024160526e-24 / 2, whose root is x = 10.068411836081429 (mpmath). The naive
    // Phi(10) + 0.5 (1 - Phi(10)) rounds to 1 and gives infinity; the mirrored computation does not.
    assertThat(new TruncatedNormal(0, 1, 10, INF).median()).isCloseTo(10.068411836081429, within(1e-12));
  }

  @Test
  void logNormal() {
    Distribution d = new LogNormal(340, 0.3, 0, INF);
    // ln X is normal with mean ln 340, so its median is 340 exactly (quantile(0.5) = exp(ln 340)).
    assertThat(d.median()).isCloseTo(340.0, within(1e-12));
    // quantile(0.9) = 340 exp(0.3 * Phi^-1(0.9)) = 340 exp(0.3 * 1.2815515655446004) = 499.40185249173...
    assertThat(d.quantile(0.9)).isCloseTo(499.4018524917363, within(1e-10));
    assertThat(d.describe()).isEqualTo("log-normal(median 340, sigma 0.3)");
    // Truncated at the median from below: the median of what is left is the 0.75 quantile of the
    // untruncated one, 340 exp(0.3 * 0.6744897501960817) = 415.37...
    Distribution upper = new LogNormal(340, 0.3, 340, INF);
    assertThat(upper.median()).isCloseTo(340 * Math.exp(0.3 * 0.6744897501960817), within(1e-9));
    assertThat(upper.describe()).isEqualTo("log-normal(median 340, sigma 0.3, min 340)");
  }

  @Test
  void drawsStayInTheTruncatedRange() {
    Distribution n = new TruncatedNormal(0.95, 0.02, 0.9, 0.99);
    Distribution ln = new LogNormal(340, 0.3, 200, 500);
    for (double u : new double[] {0x1.0p-53, 1e-9, 0.5, 1 - 1e-9, 1 - 0x1.0p-53}) {
      assertThat(n.quantile(u)).isBetween(0.9, 0.99);
      assertThat(ln.quantile(u)).isBetween(200.0, 500.0);
    }
  }

  @Test
  void recordsRejectBadParameters() {
    assertThatThrownBy(() -> new Uniform(3, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Triangular(0, 5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TruncatedNormal(0, 0, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogNormal(0, 0.3, 0, INF)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogNormal(1, 0.3, -1, INF)).isInstanceOf(IllegalArgumentException.class);
    // 40 to 50 sd above the mean: no probability a double can hold.
    assertThatThrownBy(() -> new TruncatedNormal(0, 1, 40, 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fixed(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Uniform(2, 6).quantile(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Uniform(2, 6).quantile(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
