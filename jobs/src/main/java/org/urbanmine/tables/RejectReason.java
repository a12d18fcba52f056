package org.urbanmine.tables;

import java.util.Locale;

/** Why an input row went to {@code rejected_records}; {@link #code()} is the stored reason_code. */
public enum RejectReason {
  /** The line's bytes are not text in the file's encoding: kept as bytes (raw_base64). */
  BAD_ENCODING,
  /** Not parseable as a record: bad JSON, wrong number of CSV fields, unbalanced quotes. */
  MALFORMED_ROW,
  /** One of country, year, metal, amount, unit is absent or blank. */
  MISSING_FIELD,
  /** The year is not a whole number. */
  BAD_YEAR,
  /** The year is outside urbanmine.input.min-year .. max-year. */
  YEAR_OUT_OF_RANGE,
  /** No ISO 3166-1 country matches the name or code. */
  UNKNOWN_COUNTRY,
  /** No configured metal matches the name or symbol. */
  UNKNOWN_METAL,
  /** The unit is not a mass unit known here, or is ambiguous (ton, oz). */
  UNKNOWN_UNIT,
  /** The amount is negative, zero or not a number. */
  BAD_AMOUNT,
  /** The same record (same values after normalisation) was already accepted; one is kept. */
  DUPLICATE,
  /** Another record of the same source already uses this record_id with different values. */
  CONFLICTING_RECORD_ID;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
