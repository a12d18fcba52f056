package org.urbanmine.medals;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.tables.CountryDrawsTable;
import org.urbanmine.tables.MetalForecastTable;

/**
 * One row of Monte Carlo draws ({@code country_draws}, {@code aggregate_draws}: {@code scope_level,
 * scope, metal, year, draws_kg}) as the outlook's loops read it. A JavaBean because Spark's bean
 * encoder hands an {@code array<double>} to Java as a {@code double[]} copied in one piece, where a
 * {@link Row} boxes each of a row's thousand draws into a list (about a fifth of the outlook's
 * time on the sample night, read twice).
 */
public final class ScopeDraws implements Serializable {
  private static final long serialVersionUID = 1L;
  /** A row's key: the columns every table the outlook makes of the draws is keyed by. */
  static final String[] KEY = {MetalForecastTable.SCOPE_LEVEL, MetalForecastTable.SCOPE, MetalForecastTable.METAL,
      MetalForecastTable.YEAR};
  /** {@link #KEY}'s columns and types, the start of every row the outlook reduces the draws to. */
  static final StructType KEY_SCHEMA = new StructType().add(KEY[0], DataTypes.StringType)
      .add(KEY[1], DataTypes.StringType).add(KEY[2], DataTypes.StringType).add(KEY[3], DataTypes.IntegerType);
  /** The table's columns, in the order of {@link #PROPERTIES}. */
  static final String[] COLUMNS = {KEY[0], KEY[1], KEY[2], KEY[3], CountryDrawsTable.DRAWS_KG};
  private static final String[] PROPERTIES = {"scopeLevel", "scope", "metal", "year", "drawsKg"};
  static final Encoder<ScopeDraws> ENCODER = Encoders.bean(ScopeDraws.class);

  private String scopeLevel;
  private String scope;
  private String metal;
  private int year;
  private double[] drawsKg;

  /** For Spark's bean encoder. */
  public ScopeDraws() {}

  /** {@code rows}' columns {@link #COLUMNS} (others dropped), typed. */
  static Dataset<ScopeDraws> of(Dataset<Row> rows) {
    return rows.select(renamed(COLUMNS, PROPERTIES)).as(ENCODER);
  }

  /** Back to the table's column names, in {@link #COLUMNS} order. */
  static Dataset<Row> toRows(Dataset<ScopeDraws> draws) {
    return draws.select(renamed(PROPERTIES, COLUMNS));
  }

  private static Column[] renamed(String[] from, String[] to) {
    Column[] out = new Column[from.length];
    Arrays.setAll(out, i -> col(from[i]).as(to[i]));
    return out;
  }

  public String getScopeLevel() {
    return scopeLevel;
  }

  public void setScopeLevel(String scopeLevel) {
    this.scopeLevel = scopeLevel;
  }

  public String getScope() {
    return scope;
  }

  public void setScope(String scope) {
    this.scope = scope;
  }

  public String getMetal() {
    return metal;
  }

  public void setMetal(String metal) {
    this.metal = metal;
  }

  public int getYear() {
    return year;
  }

  public void setYear(int year) {
    this.year = year;
  }

  /** Null where the row has no draws. */
  public double[] getDrawsKg() {
    return drawsKg;
  }

  public void setDrawsKg(double[] drawsKg) {
    this.drawsKg = drawsKg;
  }
}
