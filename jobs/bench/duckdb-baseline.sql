-- DuckDB baseline: the ingest stage's parsing, checks, normalisation and repeat marking, and the
-- aggregate stage's recovery_by_country_year, over the same *.csv / *.jsonl input files, in one
-- script. Placeholders (substituted textually by DuckDbBaseline.java): ${input} (input
-- directory), ${reference} (folder of the bundled reference CSVs), ${min_year}, ${max_year}.
-- Statements end with ';' at the end of a line (the runner splits there); the last one returns
-- the totals as (k, v) rows.
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

-- 5. Reference data.
-- CountryResolver.lookupKey: lower(trim), accents folded, æ/œ/ß spelled out, '&' as ' and ', a
-- leading 'the' dropped, then only [a-z0-9] kept. [ \t\n\x0B\f\r] is Java's \s (RE2's lacks \x0B).
CREATE MACRO country_key(s) AS regexp_replace(replace(replace(replace(replace(
    translate(lower(trim(s)), 'àáâãäåāăąçćčďèéêëēėęěğìíîïīįıłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž',
                              'aaaaaaaaacccdeeeeeeeegiiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz'),
    'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'), '&', ' and '), '^the[ \t\n\x0B\f\r]+|[^a-z0-9]', '', 'g');

CREATE TEMP TABLE iso AS
SELECT * FROM read_csv('${reference}/iso3166-countries-m49.csv', header = true, all_varchar = true, auto_detect = true);

-- Every name a country goes by, with its priority (lower wins): alpha-3 1, alpha-2 2, ISO name 3,
-- alias 4, short name (ISO name before '(' or ',') 5. Per key only the best priority counts, and
-- a key claimed at that priority by two countries resolves to none (e.g. "korea").
CREATE TEMP TABLE country_lookup AS
WITH names AS (
  SELECT "alpha-3" AS code, "alpha-3" AS name, 1 AS priority FROM iso
  UNION ALL SELECT "alpha-3", "alpha-2", 2 FROM iso
  UNION ALL SELECT "alpha-3", name, 3 FROM iso
  UNION ALL SELECT "alpha-3", alias, 4
            FROM read_csv('${reference}/country-aliases.csv', header = true, all_varchar = true, auto_detect = true)
  UNION ALL SELECT "alpha-3", regexp_extract(name, '^([^(,]+)', 1), 5 FROM iso
), keyed AS (
  SELECT code, country_key(name) AS k, priority FROM names WHERE country_key(name) <> ''
), best AS (
  SELECT k, code FROM keyed QUALIFY priority = min(priority) OVER (PARTITION BY k)
), unique_keys AS (
  SELECT k, min(code) AS country_code FROM best GROUP BY k HAVING count(DISTINCT code) = 1
)
-- Inner join, as CountryResolver joins its lookup with the ISO table.
SELECT u.k, u.country_code, i.name AS country_name,
       nullif(trim(i.region), '') AS region, nullif(trim(i."sub-region"), '') AS sub_region
FROM unique_keys u JOIN iso i ON i."alpha-3" = u.country_code;

-- Metals from conf/application.conf (urbanmine.metals): name and symbol, lower(trim) keys.
CREATE TEMP TABLE metals AS SELECT * FROM (VALUES
  ('gold', 'gold'), ('au', 'gold'), ('silver', 'silver'), ('ag', 'silver'),
  ('copper', 'copper'), ('cu', 'copper'), ('palladium', 'palladium'), ('pd', 'palladium')) m(k, metal);

-- UnitConverter.KG_PER_UNIT, keyed by unitKey spelling. The ambiguous spellings (ton, tons, oz,
-- ounce, ounces, mt) are simply absent, so they are unknown units. Factors are parsed from text
-- to the same doubles as the Java literals.
CREATE TEMP TABLE units AS SELECT k, f::DOUBLE AS kg_per_unit FROM (VALUES
  ('mg', '1e-6'), ('milligram', '1e-6'), ('milligrams', '1e-6'), ('milligramme', '1e-6'), ('milligrammes', '1e-6'),
  ('g', '1e-3'), ('gram', '1e-3'), ('grams', '1e-3'), ('gramme', '1e-3'), ('grammes', '1e-3'),
  ('kg', '1'), ('kilogram', '1'), ('kilograms', '1'), ('kilogramme', '1'), ('kilogrammes', '1'), ('kilo', '1'), ('kilos', '1'),
  ('t', '1000'), ('tonne', '1000'), ('tonnes', '1000'), ('metric ton', '1000'), ('metric tons', '1000'),
  ('metric tonne', '1000'), ('metric tonnes', '1000'),
  ('troy oz', '0.0311034768'), ('troy ounce', '0.0311034768'), ('troy ounces', '0.0311034768'),
  ('ozt', '0.0311034768'), ('oz t', '0.0311034768'),
  ('lb', '0.45359237'), ('lbs', '0.45359237'), ('pound', '0.45359237'), ('pounds', '0.45359237'),
  ('short ton', '907.18474'), ('short tons', '907.18474'), ('us ton', '907.18474'), ('us tons', '907.18474'),
  ('long ton', '1016.0469088'), ('long tons', '1016.0469088'), ('imperial ton', '1016.0469088'), ('imperial tons', '1016.0469088')
) u(k, f);

-- urbanmine.aggregate.source-priority from conf/application.conf; unlisted sources rank after.
CREATE TEMP TABLE source_priority AS SELECT * FROM (VALUES
  ('jp-small-home-appliance-recycling-act', 1), ('nikkei', 2), ('estimate-eu-mobile-phones', 3)) s(source, rank);

-- 6. Normalise and check (RecordNormalizer), then mark repeats (RecoveryRecords.markRepeats).
CREATE TEMP TABLE checked AS
WITH country_spellings AS (
  -- lookupKey costs a regular expression per value: it is worked out once per distinct spelling
  -- (about 2,000 in a million rows) and joined back, which gives the same code per row.
  SELECT d.country, c.country_code, c.country_name, c.region, c.sub_region
  FROM (SELECT DISTINCT country FROM parsed WHERE country IS NOT NULL) d
  LEFT JOIN country_lookup c ON c.k = country_key(d.country)
), unit_spellings AS (
  -- UnitConverter.unitKey: lower(trim), dots dropped, runs of whitespace made one space.
  SELECT d.unit, u.kg_per_unit
  FROM (SELECT DISTINCT unit FROM parsed WHERE unit IS NOT NULL) d
  LEFT JOIN units u ON u.k = regexp_replace(replace(lower(trim(d.unit)), '.', ''), '[ \t\n\x0B\f\r]+', ' ', 'g')
), resolved AS (
  SELECT p.*,
         c.country_code, c.country_name, c.region, c.sub_region,
         -- Spark's try_cast to int: optional sign and digits only ('2016.0' is not a year; DuckDB
         -- would round it), with whitespace and control characters around allowed.
         TRY_CAST(regexp_extract(p.year, '^[\x01-\x20\x7f]*([+-]?[0-9]+)[\x01-\x20\x7f]*$', 1) AS INTEGER) AS year_int,
         m.metal AS metal_name, u.kg_per_unit,
         -- UnitConverter.parseAmount: a plain number (sign, digits, point, exponent), or digits in
         -- groups of three with commas as thousands separators; "1,5" is not a number.
         CASE WHEN regexp_full_match(p.amount, '[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?')
                THEN TRY_CAST(p.amount AS DOUBLE)
              WHEN contains(p.amount, ',') AND regexp_full_match(p.amount, '[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?')
                THEN TRY_CAST(replace(p.amount, ',', '') AS DOUBLE) END AS amount_value,
         -- A record without a source is attributed to its file: "japan-2014.csv" gives "japan-2014".
         coalesce(p.source, regexp_extract(p.source_file, '^(.*?)(\.[^.]*)?$', 1)) AS source_name
  FROM parsed p
  LEFT JOIN country_spellings c ON c.country = p.country
  LEFT JOIN metals m ON m.k = lower(trim(p.metal))
  LEFT JOIN unit_spellings u ON u.unit = p.unit
), coded AS (
  -- The first reason that applies, in RejectReason's order.
  SELECT *, amount_value * kg_per_unit AS mass_kg,
         CASE WHEN malformed THEN 'malformed_row'
              WHEN country IS NULL OR year IS NULL OR metal IS NULL OR amount IS NULL OR unit IS NULL THEN 'missing_field'
              WHEN year_int IS NULL THEN 'bad_year'
              WHEN year_int < ${min_year} OR year_int > ${max_year} THEN 'year_out_of_range'
              WHEN country_code IS NULL THEN 'unknown_country'
              WHEN metal_name IS NULL THEN 'unknown_metal'
              WHEN kg_per_unit IS NULL THEN 'unknown_unit'
              WHEN amount_value IS NULL OR amount_value <= 0 THEN 'bad_amount' END AS check_reason
  FROM resolved
), content AS (
  -- markRepeats' content: the record's values after normalisation. A clean row without a
  -- record_id gets 'gen-' + 16 hex digits of its SHA-256 (as in Spark, though the text of a double
  -- differs, so the ids do too); repeats are found by the content itself, which groups the same
  -- rows as the id does.
  SELECT *, concat_ws(chr(1), coalesce(record_id, ''), source_name, country_code, year_int::VARCHAR, metal_name,
                      mass_kg::VARCHAR, coalesce(category, ''), coalesce(note, '')) AS content
  FROM coded
)
SELECT source_file, line_number,
       CASE WHEN check_reason IS NULL AND record_id IS NULL THEN 'gen-' || substr(sha256(content), 1, 16)
            ELSE record_id END AS record_id,
       source_name AS source, country_code, country_name, region, sub_region,
       year_int AS year, metal_name AS metal, mass_kg, category, note,
       -- Among clean rows with one (source, record_id), the first by (file name, line) stays;
       -- a later one is a duplicate if its content is the same, otherwise a conflict.
       CASE WHEN check_reason IS NOT NULL THEN check_reason
            WHEN row_number() OVER w = 1 THEN NULL
            WHEN content = first_value(content) OVER w THEN 'duplicate'
            ELSE 'conflicting_record_id' END AS reason_code
FROM content
WINDOW w AS (PARTITION BY check_reason IS NULL, source_name, record_id,
                          CASE WHEN record_id IS NULL THEN content END
             ORDER BY file_order, line_number ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);

-- 7. recovery_by_country_year (RecoveryByCountryYear): clean records summed per country, year,
--    metal and source; per country, year and metal the source first in source-priority (then by
--    name) is taken, never added to the others; source_count says how many reported.
CREATE TEMP TABLE recovery_by_country_year AS
WITH per_source AS (
  SELECT country_code, year, metal, source, sum(mass_kg) AS mass_kg, count(*) AS record_count
  FROM checked WHERE reason_code IS NULL
  GROUP BY country_code, year, metal, source
)
SELECT p.country_code, p.year, p.metal, p.mass_kg, p.record_count, p.source,
       count(*) OVER (PARTITION BY p.country_code, p.year, p.metal) AS source_count
FROM per_source p LEFT JOIN source_priority s USING (source)
QUALIFY row_number() OVER (PARTITION BY p.country_code, p.year, p.metal
                           ORDER BY coalesce(s.rank, 4), p.source) = 1;

-- 8. Totals for checking against Spark's tables and the generator's manifest.
SELECT 'clean_rows' AS k, count(*)::VARCHAR AS v FROM checked WHERE reason_code IS NULL
UNION ALL SELECT 'rejected_rows', count(*)::VARCHAR FROM checked WHERE reason_code IS NOT NULL
UNION ALL SELECT * FROM (SELECT 'rejected.' || reason_code, count(*)::VARCHAR FROM checked
                         WHERE reason_code IS NOT NULL GROUP BY reason_code ORDER BY reason_code)
UNION ALL SELECT 'groups', count(*)::VARCHAR FROM recovery_by_country_year
UNION ALL SELECT * FROM (SELECT 'mass_kg.' || metal, sum(mass_kg)::VARCHAR FROM recovery_by_country_year
                         GROUP BY metal ORDER BY metal);
