package org.urbanmine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ranks {@link OrderStatistics#select} puts in place hold what a full sort puts there, bit for bit. */
class OrderStatisticsTest {

  @Test
  void selectedRanksHoldTheSortedValues() {
    Random random = new Random(7);
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + random.nextInt(trial < 1000 ? 12 : 1200);
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        // Ties, signed zeros and NaN among ordinary draws.
        values[i] = switch (random.nextInt(12)) {
          case 0 -> 0.0;
          case 1 -> -0.0;
          case 2 -> Double.NaN;
          case 3 -> 1.5;
          default -> random.nextGaussian() * 100;
        };
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int[] ranks = CountryChain.ranks(new double[] {0.05, 0.5, 0.95, random.nextDouble(), random.nextDouble()}, n);
      double[] selected = values.clone();
      OrderStatistics.select(selected, ranks);
      for (int r : ranks) {
        assertThat(Double.doubleToRawLongBits(selected[r])).as("rank %d of %d", r, n)
            .isEqualTo(Double.doubleToRawLongBits(sorted[r]));
      }
      double[] all = values.clone();
      Arrays.sort(all);
      double[] rest = selected.clone();
      Arrays.sort(rest);
      assertThat(rest).as("the same values, reordered").isEqualTo(all);
    }
  }
}
