package org.urbanmine.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values in {@code [min, max]} to pixels in {@code [from, to]}, linearly or by their
 * logarithm. {@code to} may be below {@code from}: an SVG y axis grows downwards.
 */
public record Scale(double min, double max, boolean log, double from, double to) {
  public Scale {
    if (!(max > min) || (log && !(min > 0))) {
      throw new IllegalArgumentException("not a usable scale domain: [" + min + ", " + max + "]"
          + (log ? " (log)" : ""));
    }
  }

  /** Exactly {@code [min, max]}, widened by one on each side if they are equal (years on an x axis). */
  public static Scale exact(double min, double max, double from, double to) {
    return min == max ? new Scale(min - 1, max + 1, false, from, to) : new Scale(min, max, false, from, to);
  }

  /**
   * From 0 (or the lowest value, if negative) to the highest value rounded up to the tick step:
   * values 0..87 give 0..100 with steps of 20.
   */
  public static Scale linear(double lowest, double highest, double from, double to) {
    double low = Math.min(0, lowest);
    double high = Math.max(highest, low + 1e-9);
    double step = step(high - low, 5);
    return new Scale(Math.floor(low / step) * step, Math.ceil(high / step) * step, false, from, to);
  }

  /** From the power of ten at or below the lowest positive value to the one at or above the highest. */
  public static Scale log(double lowestPositive, double highest, double from, double to) {
    double low = Math.floor(Math.log10(lowestPositive));
    double high = Math.ceil(Math.log10(Math.max(highest, lowestPositive)));
    if (high <= low) {
      high = low + 1;
    }
    return new Scale(Math.pow(10, low), Math.pow(10, high), true, from, to);
  }

  public double pixel(double value) {
    double share = log
        ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
        : (value - min) / (max - min);
    return from + share * (to - from);
  }

  /** Whether the value has a place on this scale (a log scale has none for 0 or less). */
  public boolean shows(double value) {
    return !Double.isNaN(value) && (!log || value > 0);
  }

  /** The value clipped into the domain, so an interval reaching 0 is drawn to the log axis' floor. */
  public double clamp(double value) {
    return Math.max(min, Math.min(max, value));
  }

  /** Tick values: powers of ten on a log scale (every other one beyond six decades), else 1-2-5 steps. */
  public List<Double> ticks() {
    return ticks(false);
  }

  /** As {@link #ticks}, with steps of at least one: years read badly as 2012.5. */
  public List<Double> wholeTicks() {
    return ticks(true);
  }

  private List<Double> ticks(boolean whole) {
    List<Double> ticks = new ArrayList<>();
    if (log) {
      int low = (int) Math.round(Math.log10(min));
      int high = (int) Math.round(Math.log10(max));
      int every = high - low > 6 ? 2 : 1;
      for (int e = low; e <= high; e += every) {
        ticks.add(Math.pow(10, e));
      }
      return ticks;
    }
    double step = step(max - min, 5);
    if (whole) {
      step = Math.max(1, step);
    }
    double first = Math.ceil(min / step - 1e-9) * step;
    for (int i = 0; first + i * step <= max + step * 1e-9; i++) {
      double t = first + i * step;
      ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return ticks;
  }

  /** A step of 1, 2 or 5 times a power of ten giving about {@code count} steps over {@code range}. */
  static double step(double range, int count) {
    double raw = range / count;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double unit = raw / power;
    double nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
    return nice * power;
  }
}
