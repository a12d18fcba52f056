package org.urbanmine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StudentTTest {

  /** Values from any printed t table (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2). */
  @Test
  void matchesPublishedTableValues() {
    assertThat(StudentT.quantile(0.95, 1)).isCloseTo(6.314, within(5e-4));
    assertThat(StudentT.quantile(0.95, 2)).isCloseTo(2.920, within(5e-4));
    assertThat(StudentT.quantile(0.95, 10)).isCloseTo(1.812, within(5e-4));
    assertThat(StudentT.quantile(0.975, 5)).isCloseTo(2.571, within(5e-4));
    assertThat(StudentT.quantile(0.975, 30)).isCloseTo(2.042, within(5e-4));
    assertThat(StudentT.quantile(0.995, 3)).isCloseTo(5.841, within(5e-4));
    // Large df tends to the normal quantile 1.645.
    assertThat(StudentT.quantile(0.95, 300)).isCloseTo(1.650, within(5e-4));
  }

  @Test
  void df1HasAClosedForm() {
    // Cauchy: quantile(p) = tan(pi (p - 1/2)); at p = 0.95: tan(0.45 pi) = 6.313751514675...
    assertThat(StudentT.quantile(0.95, 1)).isCloseTo(Math.tan(0.45 * Math.PI), within(1e-9));
  }
}
