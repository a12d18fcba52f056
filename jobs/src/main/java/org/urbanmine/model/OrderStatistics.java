package org.urbanmine.model;

/**
 * Order statistics without a full sort: {@link #select} moves the values of a few ranks to where
 * {@code Arrays.sort} would put them, in linear expected time. The percentiles of a thousand draws
 * need ten ranks at most; sorting every row's draws was most of the country model's own time.
 */
public final class OrderStatistics {
  private OrderStatistics() {}

  /**
   * Reorders {@code values} so that {@code values[r]} for every r in {@code ranks} is what it would
   * be after {@code Arrays.sort(values)}: the same total order ({@link Double#compare}: -0.0 before
   * 0.0, NaN last), so the same bits. Other positions hold the other values in no useful order.
   *
   * @param ranks ascending
   */
  public static void select(double[] values, int[] ranks) {
    select(values, 0, values.length - 1, ranks, 0, ranks.length - 1);
  }

  private static void select(double[] a, int lo, int hi, int[] ranks, int first, int last) {
    while (first <= last && lo < hi) {
      double pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
      // Three ways: below, equal to and above the pivot, so that runs of equal draws end the search.
      int below = lo;
      int above = hi;
      int i = lo;
      while (i <= above) {
        int c = Double.compare(a[i], pivot);
        if (c < 0) {
          swap(a, below++, i++);
        } else if (c > 0) {
          swap(a, i, above--);
        } else {
          i++;
        }
      }
      int left = first;
      while (left <= last && ranks[left] < below) {
        left++;
      }
      int right = left;
      while (right <= last && ranks[right] <= above) {
        right++;
      }
      // ranks[first..left-1] lie below, ranks[right..last] above; the ones between are in place.
      if (left - first < last - right + 1) {
        select(a, lo, below - 1, ranks, first, left - 1);
        lo = above + 1;
        first = right;
      } else {
        select(a, above + 1, hi, ranks, right, last);
        hi = below - 1;
        last = left - 1;
      }
    }
  }

  private static double medianOfThree(double x, double y, double z) {
    if (Double.compare(x, y) > 0) {
      double t = x;
      x = y;
      y = t;
    }
    if (Double.compare(y, z) > 0) {
      y = z;
    }
    return Double.compare(x, y) > 0 ? x : y;
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
