-- DuckDB baseline, reader as a DuckDB user writes it (`DuckDbBaseline.java`, the default): the
-- *.csv files with DuckDB's own read_csv (its sniffer, every column as text, the files' columns
-- matched by name, rows it cannot read kept in reject_errors by store_rejects instead of failing
-- the read), the *.jsonl files with read_json, into the table `parsed` that duckdb-rules.sql
-- checks and sums. Placeholder: ${input} (input directory). Statements end with ';' at the end of
-- a line (the runner splits there).
--
-- What DuckDB's readers do not give, and how this script stands in for it:
-- - a row's line number: its position among the file's rows, in the order the reader returns them
--   (preserve_insertion_order), decides which of two repeated records comes first, as the line does;
-- - rejects of read_json: DuckDB 1.1.3 stores none (ignore_errors drops the line), so a malformed
--   JSON line is lost, and the totals count it nowhere;
-- - values are not trimmed by the readers: the rules trim them (as Spark's trim, spaces only).

-- 1. CSV rows, a read_csv per file, in name order (DuckDbBaseline.java runs a statement holding
--    ${each_csv_file} once per file), as a DuckDB user does where the files order their columns
--    differently: DuckDB 1.4 refuses store_rejects with union_by_name. A row store_rejects sets
--    aside is a malformed row (step 3); the rejects of all scans accumulate in reject_errors.
--    The delimiter and quote are RFC 4180's, declared: left to the sniffer, one generated file in
--    ten is read with ' as its quote (its country names have apostrophes) and a tenth of its rows
--    misread, and one of fifty as a single column. Strict mode is off: on with that dialect, the
--    sniffer gives up on one generated file in fifty (a malformed row among its first lines).
CREATE TEMP TABLE csv_rows (source_file VARCHAR, row_order BIGINT, record_id VARCHAR, country VARCHAR,
    year VARCHAR, metal VARCHAR, amount VARCHAR, unit VARCHAR, source VARCHAR, category VARCHAR, note VARCHAR);
INSERT INTO csv_rows BY NAME
SELECT * EXCLUDE (filename), parse_filename(filename) AS source_file, row_number() OVER () AS row_order
FROM read_csv('${each_csv_file}', header = true, all_varchar = true, filename = true, store_rejects = true,
              delim = ',', quote = '"', escape = '"', strict_mode = false);

-- 2. JSON Lines rows, a read_json per file: each key as text (a number as written).
CREATE TEMP TABLE json_rows (source_file VARCHAR, row_order BIGINT, record_id VARCHAR, country VARCHAR,
    year VARCHAR, metal VARCHAR, amount VARCHAR, unit VARCHAR, source VARCHAR, category VARCHAR, note VARCHAR);
INSERT INTO json_rows BY NAME
SELECT * EXCLUDE (filename), parse_filename(filename) AS source_file, row_number() OVER () AS row_order
FROM read_json('${each_jsonl_file}', format = 'newline_delimited', filename = true, ignore_errors = true,
               columns = {record_id: 'VARCHAR', country: 'VARCHAR', year: 'VARCHAR', metal: 'VARCHAR',
                          amount: 'VARCHAR', unit: 'VARCHAR', source: 'VARCHAR', category: 'VARCHAR',
                          note: 'VARCHAR'});

-- 3. One table of records: values trimmed and blanks null, files in name order, rows in the
--    order read; the rejected CSV rows as malformed, one per line.
CREATE TEMP TABLE parsed AS
WITH rows AS (
  SELECT source_file, row_order, record_id, country, year, metal, amount, unit, source, category, note
  FROM csv_rows
  UNION ALL
  SELECT source_file, row_order, record_id, country, year, metal, amount, unit, source, category, note
  FROM json_rows
), rejected AS (
  SELECT DISTINCT parse_filename(s.file_path) AS source_file, e.line
  FROM reject_errors e JOIN reject_scans s USING (scan_id)
), files AS (
  SELECT source_file, row_number() OVER (ORDER BY source_file) AS file_order
  FROM (SELECT source_file FROM rows UNION SELECT source_file FROM rejected)
)
SELECT r.source_file, f.file_order, r.row_order AS line_number, false AS malformed,
       nullif(trim(r.record_id), '') AS record_id, nullif(trim(r.country), '') AS country,
       nullif(trim(r.year), '') AS year, nullif(trim(r.metal), '') AS metal,
       nullif(trim(r.amount), '') AS amount, nullif(trim(r.unit), '') AS unit,
       nullif(trim(r.source), '') AS source, nullif(trim(r.category), '') AS category,
       nullif(trim(r.note), '') AS note
FROM rows r JOIN files f USING (source_file)
UNION ALL
SELECT j.source_file, f.file_order, j.line, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM rejected j JOIN files f USING (source_file);
