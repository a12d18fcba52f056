package org.urbanmine.reference;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Amounts as published ("1,112", "143", "2.5e3") and their units, to kilograms, with Spark
 * column expressions only (no UDF), so conversion runs at the speed of the rest of the plan.
 */
public final class UnitConverter {
  public static final double TROY_OUNCE_KG = 0.0311034768;
  public static final double POUND_KG = 0.45359237;
  public static final double SHORT_TON_KG = 907.18474;
  public static final double LONG_TON_KG = 1016.0469088;

  /** Kilograms per unit, keyed by {@link #unitKey} spelling. */
  public static final Map<String, Double> KG_PER_UNIT = kgPerUnit();

  /** Spellings that name two different units; records using them are rejected, not guessed. */
  public static final Map<String, String> AMBIGUOUS = Map.of(
      "ton", "'ton' is ambiguous: write t (metric), short ton or long ton",
      "tons", "'tons' is ambiguous: write t (metric), short ton or long ton",
      "oz", "'oz' is ambiguous: write troy oz for precious metals or lb",
      "ounce", "'ounce' is ambiguous: write troy oz",
      "ounces", "'ounces' is ambiguous: write troy oz",
      "mt", "'mt' is ambiguous (metric ton or megatonne): write t");

  // "1,112" or "1,234,567.5": commas only as thousands separators, in groups of three.
  private static final String THOUSANDS = "^[+-]?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?$";
  private static final String PLAIN_NUMBER = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$";

  private UnitConverter() {}

  private static Map<String, Double> kgPerUnit() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String s : List.of("mg", "milligram", "milligrams", "milligramme", "milligrammes")) {
      m.put(s, 1e-6);
    }
    for (String s : List.of("g", "gram", "grams", "gramme", "grammes")) {
      m.put(s, 1e-3);
    }
    for (String s : List.of("kg", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos")) {
      m.put(s, 1.0);
    }
    for (String s : List.of("t", "tonne", "tonnes", "metric ton", "metric tons", "metric tonne",
        "metric tonnes")) {
      m.put(s, 1000.0);
    }
    for (String s : List.of("troy oz", "troy ounce", "troy ounces", "ozt", "oz t")) {
      m.put(s, TROY_OUNCE_KG);
    }
    for (String s : List.of("lb", "lbs", "pound", "pounds")) {
      m.put(s, POUND_KG);
    }
    for (String s : List.of("short ton", "short tons", "us ton", "us tons")) {
      m.put(s, SHORT_TON_KG);
    }
    for (String s : List.of("long ton", "long tons", "imperial ton", "imperial tons")) {
      m.put(s, LONG_TON_KG);
    }
    return Map.copyOf(m);
  }

  /** Lower case, dots dropped ("lbs." = "lbs"), runs of spaces made one. */
  public static Column unitKey(Column raw) {
    return regexp_replace(replace(lower(trim(raw)), lit("."), lit("")), "\\s+", " ");
  }

  /** Kilograms per unit, or null for a unit not known (or ambiguous). */
  public static Column kgPerUnit(Column rawUnit) {
    return try_element_at(literalMap(KG_PER_UNIT), unitKey(rawUnit));
  }

  /** Why a unit is ambiguous, or null. */
  public static Column ambiguity(Column rawUnit) {
    return try_element_at(literalMap(AMBIGUOUS), unitKey(rawUnit));
  }

  /**
   * The amount as a double, or null when it is not a number as published: digits with an
   * optional decimal point and exponent, or with commas as thousands separators. "1,5" (a
   * decimal comma) is not accepted, since it cannot be told from a thousands separator.
   */
  public static Column parseAmount(Column raw) {
    Column s = trim(raw);
    Column thousands = s.rlike(THOUSANDS);
    Column plain = s.rlike(PLAIN_NUMBER);
    // Plain numbers first: most amounts are, and the thousands form needs a comma.
    return when(plain, s.try_cast(DataTypes.DoubleType))
        .when(s.contains(",").and(thousands), replace(s, lit(","), lit("")).try_cast(DataTypes.DoubleType));
  }

  private static Column literalMap(Map<String, ?> values) {
    List<Column> kv = new ArrayList<>();
    values.forEach((k, v) -> {
      kv.add(lit(k));
      kv.add(lit(v));
    });
    return functions.map(kv.toArray(new Column[0]));
  }

  static Column literalMapOf(Map<String, ?> values) {
    return literalMap(values);
  }
}
