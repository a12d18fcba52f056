-- DuckDB baseline, reader by lines (`DuckDbBaseline.java --reader lines`): the *.csv / *.jsonl
-- input files split into numbered lines and parsed in SQL, as the pipeline reads them, into the
-- table `parsed` that duckdb-rules.sql checks and sums. Placeholder (substituted textually by
-- DuckDbBaseline.java): ${input} (input directory). Statements end with ';' at the end of a line
-- (the runner splits there).
--
-- Known differences from the Spark stages (none occurs in generated data): the reject reason
-- texts are not built, only the codes; a generated record_id hashes DuckDB's text of the values;
-- only *.csv and *.jsonl in lower case are read (Spark takes the extensions in any case); DuckDB's
-- JSON is not Jackson's (DuckDB accepts a trailing comma, Spark's from_json single quotes); a
-- quote inside an unquoted CSV field ('5"x') may be read otherwise than univocity reads it; a file
-- that is not UTF-8 fails the read. Nothing is written: the tables are in-memory temp tables.
--
-- Why the files are read as text and not with read_csv/read_json: the pipeline reads each file
-- whole, numbers its lines and judges each line on its own (RawRecordReader, RecordParser).
-- read_csv lets a stray quote open a quoted field that swallows the following good lines (DuckDB
-- 1.1.3 does that with ignore_errors), and neither reader says which line a row came from, which
-- decides which of two conflicting rows is kept.

-- 1. Every non-blank line of every input file, numbered from 1 as an editor shows it.
--    source_file is the bare file name (Spark's _metadata.file_name); a UTF-8 byte-order mark is
--    dropped from the start of a file; lines end at \n or \r\n.
CREATE TEMP TABLE lines AS
WITH files AS (
  SELECT parse_filename(filename) AS source_file,
         -- Files in name order, as Spark orders source_file: an integer sorts faster than the name.
         row_number() OVER (ORDER BY parse_filename(filename)) AS file_order,
         lower(filename) LIKE '%.jsonl' AS is_json,
         string_split(CASE WHEN starts_with(content, chr(65279)) THEN substr(content, 2) ELSE content END,
                      chr(10)) AS parts
  FROM read_text(['${input}/*.csv', '${input}/*.jsonl'])
), numbered AS (
  -- unnest and generate_subscripts in one SELECT run in lockstep: line i gets number i.
  SELECT source_file, file_order, is_json, unnest(parts) AS raw, generate_subscripts(parts, 1) AS line_number
  FROM files
), stripped AS (
  SELECT source_file, file_order, is_json, line_number,
         CASE WHEN ends_with(raw, chr(13)) THEN substr(raw, 1, len(raw) - 1) ELSE raw END AS line
  FROM numbered
)
-- Blank: nothing but spaces (Spark's trim, like DuckDB's, strips spaces only, so a line holding a
-- tab is a malformed record). trim is only paid for lines that start with a space.
SELECT * FROM stripped WHERE line <> '' AND (NOT starts_with(line, ' ') OR trim(line) <> '');

-- 2. CSV helpers. A field is any run of quoted sections ("" inside for a quote) and characters
--    other than comma and quote. A comma is put in front of the line so that every match starts
--    with one (an empty first field would otherwise be an empty match). Lines without a quote
--    (most) take the cheap string_split. A stray quote is skipped by the matches, so the fields
--    joined again differ from the line exactly where RecordParser's test (a quote left once the
--    quoted sections are taken out) finds an unbalanced quote.
CREATE MACRO csv_split(l) AS CASE WHEN contains(l, '"')
    THEN regexp_extract_all(',' || l, ',((?:"(?:[^"]|"")*"|[^,"])*)', 1)
    ELSE string_split(l, ',') END;
-- A field's value: a quoted field's outer quotes dropped and "" read as " (Spark's from_csv with
-- escape '"').
CREATE MACRO csv_unquote(f) AS CASE WHEN starts_with(f, '"') AND ends_with(f, '"') AND len(f) >= 2
    THEN replace(substr(f, 2, len(f) - 2), '""', '"') ELSE f END;

-- 3. Each CSV file's header: its first non-blank line. Names are unquoted, trimmed as Java's
--    String.trim does (every character up to U+0020) and lower-cased. A header with more than 64
--    columns or a name twice makes every row of the file malformed (RecordParser.Layout).
CREATE TEMP TABLE csv_headers AS
WITH h AS (
  SELECT source_file, min(line_number) AS header_line,
         list_transform(csv_split(arg_min(line, line_number)),
             f -> lower(regexp_replace(csv_unquote(f), '^[\x00-\x20]+|[\x00-\x20]+$', '', 'g'))) AS names
  FROM lines WHERE NOT is_json GROUP BY source_file
)
SELECT source_file, header_line, len(names) AS columns,
       len(names) > 64 OR len(list_distinct(names)) <> len(names) AS bad_header,
       list_position(names, 'record_id') AS p_record_id, list_position(names, 'country') AS p_country,
       list_position(names, 'year') AS p_year, list_position(names, 'metal') AS p_metal,
       list_position(names, 'amount') AS p_amount, list_position(names, 'unit') AS p_unit,
       list_position(names, 'source') AS p_source, list_position(names, 'category') AS p_category,
       list_position(names, 'note') AS p_note
FROM h;

-- 4. Lines to records: source_file, line_number, malformed, and the nine fields as strings
--    (trimmed, null where absent or blank).
CREATE TEMP TABLE parsed AS
WITH csv_split AS (
  SELECT l.source_file, l.file_order, l.line_number, l.line, csv_split(l.line) AS raw, h.columns, h.bad_header,
         h.p_record_id, h.p_country, h.p_year, h.p_metal, h.p_amount, h.p_unit, h.p_source, h.p_category, h.p_note
  FROM lines l JOIN csv_headers h USING (source_file)
  WHERE NOT l.is_json AND l.line_number > h.header_line
), csv AS (
  -- The values, each trimmed (Spark's trim: spaces only); null where the row is malformed: a bad
  -- header, another number of fields than the header, or an unbalanced quote. A line without a
  -- quote has a field to trim only where a space starts or ends the line or touches a comma.
  SELECT *,
         CASE WHEN bad_header OR len(raw) <> columns THEN NULL
              WHEN NOT contains(line, '"')
                THEN CASE WHEN starts_with(line, ' ') OR ends_with(line, ' ') OR contains(line, ' ,') OR contains(line, ', ')
                          THEN list_transform(raw, f -> trim(f)) ELSE raw END
              WHEN array_to_string(raw, ',') <> line THEN NULL
              ELSE list_transform(raw, f -> trim(csv_unquote(f)))
         END AS vals
  FROM csv_split
), json AS (
  -- Only a JSON object is a record (Spark's from_json to a map gives null for anything else).
  SELECT source_file, file_order, line_number,
         CASE WHEN json_valid(line) THEN CASE WHEN json_type(line) = 'OBJECT' THEN line END END AS obj
  FROM lines WHERE is_json
), json_keyed AS (
  SELECT source_file, file_order, line_number, obj, json_keys(obj) AS raw_keys,
         list_transform(json_keys(obj), k -> lower(trim(k))) AS keys
  FROM json
), json_mapped AS (
  SELECT *, CASE WHEN keys <> raw_keys AND len(list_distinct(keys)) = len(keys)
                 THEN json_transform(obj, '"MAP(VARCHAR, VARCHAR)"') END AS m
  FROM json_keyed
)
SELECT source_file, file_order, line_number,
       vals IS NULL AS malformed,
       nullif(vals[p_record_id], '') AS record_id, nullif(vals[p_country], '') AS country,
       nullif(vals[p_year], '') AS year, nullif(vals[p_metal], '') AS metal,
       nullif(vals[p_amount], '') AS amount, nullif(vals[p_unit], '') AS unit,
       nullif(vals[p_source], '') AS source, nullif(vals[p_category], '') AS category,
       nullif(vals[p_note], '') AS note
FROM csv
UNION ALL
SELECT source_file, file_order, line_number,
       -- Keys are matched by lower(trim(key)); two keys that meet that way make the line malformed.
       obj IS NULL OR len(list_distinct(keys)) <> len(keys),
       nullif(trim(v[1]), ''), nullif(trim(v[2]), ''), nullif(trim(v[3]), ''), nullif(trim(v[4]), ''),
       nullif(trim(v[5]), ''), nullif(trim(v[6]), ''), nullif(trim(v[7]), ''), nullif(trim(v[8]), ''),
       nullif(trim(v[9]), '')
FROM (
  SELECT *,
         -- Values as text (a number as written, an object or array as its JSON text): one lookup of
         -- all nine by path when the keys are lower-case already (the usual case), else the object
         -- as a map, each value found by its lower-cased key.
         CASE WHEN obj IS NULL OR len(list_distinct(keys)) <> len(keys) THEN NULL
              WHEN keys = raw_keys
                THEN json_extract_string(obj, ['$.record_id', '$.country', '$.year', '$.metal', '$.amount',
                                               '$.unit', '$.source', '$.category', '$.note'])
              ELSE list_transform(['record_id', 'country', 'year', 'metal', 'amount', 'unit', 'source', 'category', 'note'],
                       n -> map_values(m)[list_position(list_transform(map_keys(m), k -> lower(trim(k))), n)])
         END AS v
  FROM json_mapped
);

