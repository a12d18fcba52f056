package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code rejected_records}: its columns, key and partitions. Written by
 * {@code ingest.RejectedRecords}, tested in {@code IncrementalIngestTest}, {@code IngestJobTest};
 * other stages read the table through this class only.
 */
public final class RejectedRecordsTable {
  public static final String SOURCE_FILE = "source_file";
  public static final String LINE_NUMBER = "line_number";
  public static final String RAW = "raw";
  public static final String RAW_BASE64 = "raw_base64";
  public static final String REASON_CODE = "reason_code";
  public static final String REASON = "reason";
  public static final String RUN_ID = "run_id";

  public static final TableSpec TABLE = TableSpec.builder("rejected_records",
          "One row per input row that was rejected, with the reason.")
      .column(SOURCE_FILE, DataTypes.StringType, "input file name")
      .column(LINE_NUMBER, DataTypes.IntegerType, "1-based line in that file")
      .column(RAW, DataTypes.StringType, "the line as read (a record's lines, where a quoted field spans them);"
          + " null where its bytes are not text in the file's encoding")
      .column(RAW_BASE64, DataTypes.StringType, "the line's bytes in base64 where they are not text in the file's"
          + " encoding (bad_encoding); else null")
      .column(REASON_CODE, DataTypes.StringType,
          "bad_encoding, malformed_row, missing_field, bad_year, year_out_of_range, unknown_country, "
              + "unknown_metal, unknown_unit, bad_amount, duplicate or conflicting_record_id")
      .column(REASON, DataTypes.StringType, "what exactly was wrong, in words")
      .column(RUN_ID, DataTypes.StringType, RecoveryRecordsTable.PIECE_RUN_ID)
      .key(SOURCE_FILE, LINE_NUMBER)
      // Few rows, but picked out of every input row: in parallel, that search is not one task.
      .writtenInParallel()
      .build();

  private RejectedRecordsTable() {}
}
