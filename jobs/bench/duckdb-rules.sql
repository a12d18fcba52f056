-- DuckDB baseline, second half: the ingest stage's checks, normalisation and repeat marking, and
-- the aggregate stage's recovery_by_country_year, over the table `parsed` that one of the readers
-- made (duckdb-read-csv.sql: DuckDB's own read_csv and read_json; duckdb-lines.sql: the files
-- split into lines as the pipeline numbers them). Placeholders: ${reference}, ${min_year},
-- ${max_year} (see DuckDbBaseline.java). The last statement returns the totals as (k, v) rows.

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
