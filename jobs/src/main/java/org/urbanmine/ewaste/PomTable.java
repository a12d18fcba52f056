package org.urbanmine.ewaste;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Every put-on-market series of the table at once, with each country's inhabitants and purchasing
 * power per year, for the model's steps that compare series: the countries of a stratum (the
 * stratum outlier rule, the stratum estimate) or the keys of a country (CRT monitors). As Spark
 * joins and windows those steps are a dozen shuffles, each a stage of its own; here they are plain
 * Java over arrays, run with the per-series steps ({@link PomSeries.Step}) in one pass of one task
 * ({@link #apply}). The whole table is small: 24,780 rows of data for the EU-28, under a million
 * for every country of the world.
 *
 * <p>Series are held, and come back as rows, in the order of country, then key, then year: the
 * order in which the steps that sum over countries (the stratum means) add them up.
 */
final class PomTable {
  /** A step of the model that reads and changes every series at once. */
  @FunctionalInterface
  interface Step extends Serializable {
    /** Changes {@code table} in place. */
    void apply(PomTable table);
  }

  /** Reads a table from the rows of one task. */
  @FunctionalInterface
  interface Reader extends Serializable {
    PomTable read(Iterator<Row> rows);
  }

  private final TreeMap<String, PomSeries> series = new TreeMap<>();
  private final Map<String, TreeMap<Integer, Double>> population = new HashMap<>();
  private final Map<String, Map<Integer, Double>> purchasingPower = new HashMap<>();

  /** Every series, by country, then key. */
  Collection<PomSeries> series() {
    return series.values();
  }

  /** The series of {@code key} in {@code country}; null where the table has none. */
  PomSeries series(String country, String key) {
    return series.get(id(country, key));
  }

  /** Adds {@code s}, or puts it in place of the series of its country and key. */
  void put(PomSeries s) {
    series.put(id(s.country, s.key), s);
  }

  private static String id(String country, String key) {
    return country + "\u0000" + key;
  }

  /** Records the inhabitants of {@code country} in {@code year}. */
  void putPopulation(String country, int year, double inhabitants) {
    population.computeIfAbsent(country, c -> new TreeMap<>()).put(year, inhabitants);
  }

  /** Records the purchasing power per head of {@code country} in {@code year}. */
  void putPurchasingPower(String country, int year, double perHead) {
    purchasingPower.computeIfAbsent(country, c -> new HashMap<>()).put(year, perHead);
  }

  /** Inhabitants of {@code country} in {@code year}; NaN where unknown. */
  double population(String country, int year) {
    TreeMap<Integer, Double> years = population.get(country);
    Double v = years == null ? null : years.get(year);
    return v == null ? Double.NaN : v;
  }

  /** Inhabitants of {@code country} in its last year with a known population; NaN where none is. */
  double lastPopulation(String country) {
    TreeMap<Integer, Double> years = population.get(country);
    return years == null || years.isEmpty() ? Double.NaN : years.lastEntry().getValue();
  }

  /** Purchasing power per head of {@code country} in {@code year}; NaN where unknown. */
  double purchasingPower(String country, int year) {
    Double v = purchasingPower.getOrDefault(country, Map.of()).get(year);
    return v == null ? Double.NaN : v;
  }

  /** {@code steps}, in order, on each series alone. */
  static Step each(PomSeries.Step... steps) {
    List<PomSeries.Step> all = List.of(steps);
    return table -> {
      for (PomSeries s : table.series()) {
        for (PomSeries.Step step : all) {
          step.apply(s);
        }
      }
    };
  }

  /**
   * Runs {@code steps}, in order, on the table of {@code rows} ({@link PomSeries#SCHEMA}'s columns;
   * other columns are dropped), in one task. A year missing between a series' first and last
   * comes back as a row of nulls, as from {@link PomSeries#apply}.
   */
  static Dataset<Row> apply(Dataset<Row> rows, Step... steps) {
    return apply(rows.select(PomSeries.columns()), PomTable::fromRows, steps);
  }

  /**
   * Runs {@code steps}, in order, on the table {@code reader} makes of all of {@code in}, in one
   * task (no shuffle: the task reads every partition of {@code in}).
   *
   * @return {@link PomSeries#SCHEMA} rows, by country, key and year
   */
  static Dataset<Row> apply(Dataset<Row> in, Reader reader, Step... steps) {
    List<Step> all = List.of(steps);
    return in.coalesce(1).mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
      PomTable table = reader.read(rows);
      for (Step step : all) {
        step.apply(table);
      }
      return table.rows();
    }, Encoders.row(PomSeries.SCHEMA));
  }

  /** The table of {@link PomSeries#SCHEMA} rows, in any order. */
  static PomTable fromRows(Iterator<Row> rows) {
    Map<String, List<Row>> bySeries = new HashMap<>();
    rows.forEachRemaining(r -> bySeries.computeIfAbsent(id(r.getString(0), r.getString(1)), k -> new ArrayList<>())
        .add(r));
    PomTable table = new PomTable();
    bySeries.values().forEach(list -> table.put(PomSeries.fromRows(list)));
    return table;
  }

  /** The rows of every series, by country, key and year, a series at a time. */
  private Iterator<Row> rows() {
    return series().stream().flatMap(s -> s.toRows().stream()).iterator();
  }
}
