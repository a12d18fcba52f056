package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code forecast_validation}: its columns, key and partitions. Written
 * by {@code forecast.ForecastValidation}, tested in {@code ForecastValidationTest}; other stages
 * read the table through this class only.
 */
public final class ForecastValidationTable {
  public static final String OUTCOME = "outcome";
  public static final String MEASURE = "measure";
  public static final String SCOPE_LEVEL = MetalForecastTable.SCOPE_LEVEL;
  public static final String SCOPE = MetalForecastTable.SCOPE;
  public static final String METAL = MetalForecastTable.METAL;
  public static final String YEAR_FROM = "year_from";
  public static final String YEAR_TO = "year_to";
  public static final String MODEL_VALUE = "model_value";
  public static final String PUBLISHED_VALUE = "published_value";
  public static final String UNIT = "unit";
  public static final String RATIO = "ratio";
  public static final String KIND = "kind";
  public static final String AGREEMENT = "agreement";
  public static final String COUNTS = "counts";
  public static final String NOTE = "note";
  public static final String SOURCE = "source";
  public static final String SCENARIO = TableSpec.SCENARIO;

  /** A published figure the model should come close to. */
  public static final String ESTIMATE = "estimate";
  /** A published figure the model should reach at least: what a stream was known to give, not all it held. */
  public static final String LOWER_BOUND = "lower_bound";

  public static final TableSpec TABLE = TableSpec.builder("forecast_validation",
          "The model against published outcomes it was not fitted to (reference/validation-outcomes.csv).")
      .column(OUTCOME, DataTypes.StringType, "id of the published outcome")
      .column(MEASURE, DataTypes.StringType, "ewaste_t (e-waste generated), contained_kg (metal in it), campaign_kg"
          + " (metal recovered from a collection campaign's tonnes) or left_out_kg (a country's recorded year left"
          + " out of its calibration)")
      .column(SCOPE_LEVEL, DataTypes.StringType, "country or world")
      .column(SCOPE, DataTypes.StringType, "alpha-3 code for a country; World")
      .column(METAL, DataTypes.StringType, "canonical metal name; null for e-waste")
      .column(YEAR_FROM, DataTypes.IntegerType, "first year the outcome covers")
      .column(YEAR_TO, DataTypes.IntegerType, "last year the outcome covers")
      .column(MODEL_VALUE, DataTypes.DoubleType, "the model's figure, every assumption at its median, in unit")
      .column(PUBLISHED_VALUE, DataTypes.DoubleType, "the published figure, in unit")
      .column(UNIT, DataTypes.StringType, "t or kg")
      .column(RATIO, DataTypes.DoubleType, "model_value / published_value")
      .column(KIND, DataTypes.StringType, "estimate (the model should come close) or lower_bound (it should reach"
          + " at least the published figure)")
      .column(AGREEMENT, DataTypes.StringType, "within 1.5x (a left-out year: 2x), or off by how much and which way;"
          + " meets or is below a lower bound")
      .column(COUNTS, DataTypes.BooleanType, "false where the model rests on the figure itself (a published"
          + " e-waste total it takes as input, or an outcome a content figure was derived from): no test of the model")
      .column(NOTE, DataTypes.StringType, "what the model's figure is made of")
      .column(SOURCE, DataTypes.StringType, "citation of the published figure")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .unit(RATIO, "ratio")
      .key(OUTCOME)
      .partitionedBy(SCENARIO)
      .build();

  private ForecastValidationTable() {}
}
