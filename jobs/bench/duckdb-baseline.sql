-- DuckDB baseline for jobs/bench/benchmark: the ingest and aggregate stages' parsing, checks,
-- normalisation and sums over the same input files, as one script. ${input} is the directory of
-- *.csv and *.jsonl recovery records, ${reference} the folder of the bundled reference CSVs.
-- Differences from the Spark stages, none of which matter for generated data: JSON keys are
-- matched in lower case only; the reason texts are not built (the codes are); the source with
-- the lowest name is taken where several report a country, year and metal (Spark: the
-- configured source priority, empty by default, then the name).

-- Every non-blank line, numbered from 1 per file, the byte-order mark dropped.
CREATE TEMP TABLE lines AS
WITH files AS (
  SELECT parse_filename(filename) AS source_file,
         CASE WHEN lower(filename) LIKE '%.jsonl' THEN 'jsonl' ELSE 'csv' END AS format,
         string_split(CASE WHEN starts_with(content, chr(65279)) THEN substr(content, 2) ELSE content END,
                      chr(10)) AS parts
  FROM read_text(['${input}/*.csv', '${input}/*.jsonl'])
), numbered AS (
  SELECT source_file, format, unnest(parts) AS line, generate_subscripts(parts, 1) AS line_number FROM files
)
SELECT source_file, format, line_number,
       CASE WHEN ends_with(line, chr(13)) THEN substr(line, 1, len(line) - 1) ELSE line END AS line
FROM numbered
WHERE trim(line) <> '';

-- CSV: a field is a quoted section ("" for a quote inside) or anything up to the next comma. A
-- comma is put before the line so that every match starts with one (an empty first field would
-- otherwise be an empty match, after which the search skips a character).
CREATE MACRO csv_fields(l) AS regexp_extract_all(',' || l, ',("(?:[^"]|"")*"|[^,]*)', 1);
CREATE MACRO csv_value(f) AS nullif(trim(CASE WHEN starts_with(f, '"') AND len(f) >= 2
    THEN replace(substr(f, 2, len(f) - 2), '""', '"') ELSE f END), '');

CREATE TEMP TABLE headers AS
SELECT source_file, min(line_number) AS header_line,
       list_transform(csv_fields(arg_min(line, line_number)), f -> lower(csv_value(f))) AS names
FROM lines WHERE format = 'csv' GROUP BY source_file;

CREATE TEMP TABLE parsed AS
SELECT l.source_file, l.line_number,
       CASE WHEN len(h.names) > 64 THEN 'malformed_row'
            WHEN len(list_distinct(h.names)) <> len(h.names) THEN 'malformed_row'
            WHEN contains(regexp_replace(l.line, '"([^"]|"")*"', '', 'g'), '"') THEN 'malformed_row'
            WHEN len(v.vals) <> len(h.names) THEN 'malformed_row' END AS malformed,
       csv_value(v.vals[list_position(h.names, 'record_id')]) AS record_id,
       csv_value(v.vals[list_position(h.names, 'country')]) AS country,
       csv_value(v.vals[list_position(h.names, 'year')]) AS year,
       csv_value(v.vals[list_position(h.names, 'metal')]) AS metal,
       csv_value(v.vals[list_position(h.names, 'amount')]) AS amount,
       csv_value(v.vals[list_position(h.names, 'unit')]) AS unit,
       csv_value(v.vals[list_position(h.names, 'source')]) AS source,
       csv_value(v.vals[list_position(h.names, 'category')]) AS category,
       csv_value(v.vals[list_position(h.names, 'note')]) AS note
FROM lines l JOIN headers h USING (source_file), LATERAL (SELECT csv_fields(l.line) AS vals) v
WHERE l.format = 'csv' AND l.line_number > h.header_line
UNION ALL
SELECT source_file, line_number,
       CASE WHEN j IS NULL THEN 'malformed_row'
            WHEN len(list_distinct(list_transform(json_keys(j), k -> lower(trim(k))))) <> len(json_keys(j))
              THEN 'malformed_row' END,
       nullif(trim(j ->> '$.record_id'), ''), nullif(trim(j ->> '$.country'), ''),
       nullif(trim(j ->> '$.year'), ''), nullif(trim(j ->> '$.metal'), ''),
       nullif(trim(j ->> '$.amount'), ''), nullif(trim(j ->> '$.unit'), ''),
       nullif(trim(j ->> '$.source'), ''), nullif(trim(j ->> '$.category'), ''),
       nullif(trim(j ->> '$.note'), '')
-- Only an object is a record; CASE keeps the JSON functions off the lines that are not JSON.
FROM (SELECT source_file, line_number,
             CASE WHEN json_valid(line) THEN CASE WHEN json_type(line) = 'OBJECT' THEN line END END AS j
      FROM lines WHERE format = 'jsonl');

-- Countries: CountryResolver's key, names and priorities; a key two countries claim equally is no one's.
CREATE MACRO country_key(s) AS regexp_replace(replace(replace(replace(replace(
    translate(lower(trim(s)), 'àáâãäåāăąçćčďèéêëēėęěğìíîïīįıłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž',
                              'aaaaaaaaacccdeeeeeeeegiiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz'),
    'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'), '&', ' and '), '^the\s+|[^a-z0-9]', '', 'g');
CREATE TEMP TABLE iso AS SELECT * FROM read_csv('${reference}/iso3166-countries-m49.csv', header = true, all_varchar = true);
CREATE TEMP TABLE country_lookup AS
WITH names AS (
  SELECT "alpha-3" AS code, "alpha-3" AS name, 1 AS priority FROM iso
  UNION ALL SELECT "alpha-3", "alpha-2", 2 FROM iso
  UNION ALL SELECT "alpha-3", name, 3 FROM iso
  UNION ALL SELECT "alpha-3", alias, 4 FROM read_csv('${reference}/country-aliases.csv', header = true, all_varchar = true)
  UNION ALL SELECT "alpha-3", regexp_extract(name, '^([^(,]+)', 1), 5 FROM iso
), keyed AS (
  SELECT code, country_key(name) AS k, priority FROM names WHERE country_key(name) <> ''
), best AS (
  SELECT k, code FROM keyed
  QUALIFY priority = min(priority) OVER (PARTITION BY k)
)
SELECT k, min(code) AS country_code FROM best GROUP BY k HAVING count(DISTINCT code) = 1;

CREATE TEMP TABLE metals AS SELECT * FROM (VALUES
  ('gold', 'gold'), ('au', 'gold'), ('silver', 'silver'), ('ag', 'silver'),
  ('copper', 'copper'), ('cu', 'copper'), ('palladium', 'palladium'), ('pd', 'palladium')) m(k, metal);

-- UnitConverter.KG_PER_UNIT; the ambiguous spellings are simply absent.
CREATE TEMP TABLE units AS SELECT * FROM (VALUES
  ('mg', 1e-6), ('milligram', 1e-6), ('milligrams', 1e-6), ('milligramme', 1e-6), ('milligrammes', 1e-6),
  ('g', 1e-3), ('gram', 1e-3), ('grams', 1e-3), ('gramme', 1e-3), ('grammes', 1e-3),
  ('kg', 1.0), ('kilogram', 1.0), ('kilograms', 1.0), ('kilogramme', 1.0), ('kilogrammes', 1.0), ('kilo', 1.0), ('kilos', 1.0),
  ('t', 1000.0), ('tonne', 1000.0), ('tonnes', 1000.0), ('metric ton', 1000.0), ('metric tons', 1000.0),
  ('metric tonne', 1000.0), ('metric tonnes', 1000.0),
  ('troy oz', 0.0311034768), ('troy ounce', 0.0311034768), ('troy ounces', 0.0311034768), ('ozt', 0.0311034768), ('oz t', 0.0311034768),
  ('lb', 0.45359237), ('lbs', 0.45359237), ('pound', 0.45359237), ('pounds', 0.45359237),
  ('short ton', 907.18474), ('short tons', 907.18474), ('us ton', 907.18474), ('us tons', 907.18474),
  ('long ton', 1016.0469088), ('long tons', 1016.0469088), ('imperial ton', 1016.0469088), ('imperial tons', 1016.0469088)
) u(k, kg_per_unit);

CREATE TEMP TABLE checked AS
WITH resolved AS (
  SELECT p.*, c.country_code, TRY_CAST(p.year AS INTEGER) AS year_int, m.metal AS metal_name, u.kg_per_unit,
         CASE WHEN regexp_full_match(trim(p.amount), '[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?')
                THEN TRY_CAST(trim(p.amount) AS DOUBLE)
              WHEN regexp_full_match(trim(p.amount), '[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?')
                THEN TRY_CAST(replace(trim(p.amount), ',', '') AS DOUBLE) END AS amount_value,
         coalesce(p.source, regexp_extract(p.source_file, '^(.*?)(\.[^.]*)?$', 1)) AS source_name
  FROM parsed p
  LEFT JOIN country_lookup c ON c.k = country_key(p.country)
  LEFT JOIN metals m ON m.k = lower(trim(p.metal))
  LEFT JOIN units u ON u.k = regexp_replace(replace(lower(trim(p.unit)), '.', ''), '\s+', ' ', 'g')
), coded AS (
  SELECT *, amount_value * kg_per_unit AS mass_kg,
         CASE WHEN malformed IS NOT NULL THEN 'malformed_row'
              WHEN country IS NULL OR year IS NULL OR metal IS NULL OR amount IS NULL OR unit IS NULL THEN 'missing_field'
              WHEN year_int IS NULL THEN 'bad_year'
              WHEN year_int < ${min_year} OR year_int > ${max_year} THEN 'year_out_of_range'
              WHEN country_code IS NULL THEN 'unknown_country'
              WHEN metal_name IS NULL THEN 'unknown_metal'
              WHEN kg_per_unit IS NULL THEN 'unknown_unit'
              WHEN amount_value IS NULL OR amount_value <= 0 THEN 'bad_amount' END AS reason_code
  FROM resolved
), keyed AS (
  SELECT *, coalesce(record_id, 'gen-' || substr(sha256(concat_ws(chr(1), '', source_name, country_code,
             year_int::VARCHAR, metal_name, mass_kg::VARCHAR, coalesce(category, ''), coalesce(note, ''))), 1, 16)) AS id,
         concat_ws(chr(1), coalesce(record_id, ''), source_name, country_code, year_int::VARCHAR, metal_name,
             mass_kg::VARCHAR, coalesce(category, ''), coalesce(note, '')) AS content
  FROM coded
)
-- RecoveryRecords.markRepeats: the first clean row of a source's record_id (by file, then line) stays.
SELECT source_file, line_number, id AS record_id, source_name AS source, country_code, year_int AS year,
       metal_name AS metal, mass_kg,
       CASE WHEN reason_code IS NOT NULL THEN reason_code
            WHEN row_number() OVER w > 1 AND content = first(content) OVER w THEN 'duplicate'
            WHEN row_number() OVER w > 1 THEN 'conflicting_record_id' END AS reason_code
FROM keyed
WINDOW w AS (PARTITION BY reason_code IS NULL, source_name, id ORDER BY source_file, line_number
             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);

-- recovery_by_country_year: per source, then the one source taken per country, year and metal.
CREATE TEMP TABLE by_country_year AS
SELECT country_code, year, metal, arg_min(mass_kg, source) AS mass_kg, arg_min(records, source) AS record_count,
       min(source) AS source, count(*) AS source_count
FROM (SELECT country_code, year, metal, source, sum(mass_kg) AS mass_kg, count(*) AS records
      FROM checked WHERE reason_code IS NULL GROUP BY ALL)
GROUP BY country_code, year, metal;

-- The totals the benchmark compares with Spark's.
SELECT 'clean_rows' AS k, count(*)::DOUBLE AS v FROM checked WHERE reason_code IS NULL
UNION ALL SELECT 'rejected_rows', count(*)::DOUBLE FROM checked WHERE reason_code IS NOT NULL
UNION ALL SELECT 'groups', count(*)::DOUBLE FROM by_country_year
UNION ALL SELECT 'mass_kg.' || metal, sum(mass_kg) FROM by_country_year GROUP BY metal;
