package org.urbanmine.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.JsonText;
import org.urbanmine.reference.UnitConverter;
import org.urbanmine.tables.RejectReason;

/**
 * {@code jobs/run generate}: synthetic recovery records for benchmarks and scale tests, written
 * the way real ones arrive. Deterministic for a seed: the same rows, files and bytes every time.
 *
 * <p>What the rows look like, and why:
 * <ul>
 *   <li>Files of {@link #ROWS_PER_FILE} rows; every fifth is JSON Lines, the rest CSV with the
 *       columns in a shuffled order per file, some with a byte-order mark.
 *   <li>Countries are drawn evenly from every ISO country, each written in any of its accepted
 *       forms ({@link CountrySpellings}); metals evenly from the configured ones, by name or symbol
 *       in any case; years evenly from 2011-2023, as in the sample records.
 *   <li>ASSUMPTION, for realistic magnitudes: a record's gold is log-uniform between 0.5 and 300 kg
 *       (the EU mobile-phone estimates are about 12 kg, Japan's 2014 total 143 kg); other metals
 *       scale by Japan's 2014 ratios to gold (silver 11x, copper 7,800x) and palladium by the
 *       mobile-phone content ratio (0.4x). Units and number formats are mixed per metal.
 *   <li>About {@link #BAD_SHARE} of rows are bad, spread evenly over every {@link RejectReason} but
 *       {@code bad_encoding} (the files are text: UTF-8); each bad row is a clean one with exactly
 *       one fault, so it is rejected for that reason.
 * </ul>
 *
 * <p>{@value #MANIFEST} beside the files (not read by ingest, which takes only *.csv and *.jsonl)
 * records the rows per verdict and the clean mass per metal, worked out here from the numbers as
 * written, so a run over the files can be checked against it.
 */
public final class SyntheticRecords {
  public static final int ROWS_PER_FILE = 100_000;
  public static final double BAD_SHARE = 0.01;
  public static final String MANIFEST = "generated.json";
  static final int FIRST_YEAR = 2011;
  static final int LAST_YEAR = 2023;

  private static final List<String> COLUMNS =
      List.of("record_id", "country", "year", "metal", "amount", "unit", "source", "category", "note");
  private static final List<String> CATEGORIES = Arrays.asList("mobile phones", "small home appliances",
      "IT and telecom equipment", "screens and monitors", "large household appliances", null);
  private static final Map<String, Double> GOLD_RATIO = Map.of("silver", 11.0, "copper", 7800.0, "palladium", 0.4);
  private static final Map<String, List<String>> UNITS = Map.of(
      "gold", List.of("kg", "g", "troy oz"),
      "silver", List.of("kg", "g", "troy oz", "lb"),
      "copper", List.of("t", "kg", "lb", "short ton", "long ton"),
      "palladium", List.of("kg", "g", "troy oz"));
  /** Spellings per unit; each is a key of UnitConverter.KG_PER_UNIT once dots and case are dropped. */
  private static final Map<String, List<String>> UNIT_SPELLINGS = Map.of(
      "kg", List.of("kg", "Kg", "KG", "kilograms", "kilos"),
      "g", List.of("g", "grams", "gramme"),
      "t", List.of("t", "tonnes", "metric tons", "T"),
      "troy oz", List.of("troy oz", "ozt", "troy ounces"),
      "lb", List.of("lb", "lbs.", "pounds"),
      "short ton", List.of("short tons", "US tons"),
      "long ton", List.of("long tons"));
  private static final List<String> NOT_COUNTRIES = List.of("Atlantis", "Freedonia", "Ruritania", "Wakanda");
  private static final List<String> NOT_METALS = List.of("unobtainium", "mithril", "adamantium");
  private static final List<String> NOT_UNITS = List.of("bushel", "ton", "oz", "stone");
  /**
   * The faults a bad row gets, in the order of their draw (the enum's, without {@code bad_encoding},
   * added after: the same seed keeps giving the same files).
   */
  private static final List<RejectReason> FAULTS = java.util.Arrays.stream(RejectReason.values())
      .filter(r -> r != RejectReason.BAD_ENCODING).toList();
  private static final List<String> BAD_AMOUNTS = List.of("-12.5", "0", "n/a", "1,5");
  private static final List<String> BAD_YEARS = List.of("2O17", "FY2017", "2017/18");
  private static final List<String> REQUIRED = List.of("country", "year", "metal", "amount", "unit");
  private static final int RECENT = 32;

  /** What a generation wrote: rows per verdict and the clean mass per metal. */
  public record Manifest(long seed, long rows, int files, long cleanRows,
      Map<String, Long> rejectedRows, Map<String, Double> cleanMassKg) {
    String toJson() {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("generator", "jobs/run generate (SYNTHETIC data, not published figures)");
      doc.put("seed", seed);
      doc.put("rows", rows);
      doc.put("files", files);
      doc.put("clean_rows", cleanRows);
      doc.put("rejected_rows", rejectedRows);
      doc.put("clean_mass_kg", cleanMassKg);
      return JsonText.object(doc) + "\n";
    }

    /** One line for the terminal. */
    public String summary(Path dir) {
      long bad = rejectedRows.values().stream().mapToLong(Long::longValue).sum();
      return String.format(Locale.ROOT, "wrote %,d SYNTHETIC recovery records (%,d clean, %,d bad) in %d file(s)"
          + " to %s; what they hold: %s", rows, cleanRows, bad, files, dir, dir.resolve(MANIFEST));
    }
  }

  private SyntheticRecords() {}

  /**
   * {@code generate --rows N --seed S --output DIR [--rows-per-file M]}, with the countries and
   * metals of {@code settings}: one big file, or many small ones, as agencies deliver them.
   *
   * @throws IllegalArgumentException when {@code output} is not a new or empty local directory
   */
  public static Manifest generate(Settings settings, long rows, long seed, String output, int rowsPerFile) {
    if (output.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !output.startsWith("file://")) {
      throw new IllegalArgumentException("--output of generate must be a local directory, got " + output);
    }
    Path dir = output.startsWith("file://") ? Path.of(java.net.URI.create(output)) : Path.of(output);
    CountrySpellings countries = CountrySpellings.load(new Configuration(), settings.reference());
    return write(dir, rows, seed, settings, countries, rowsPerFile);
  }

  /**
   * Writes {@code rows} records into {@code dir}, which must be absent or empty (a larger older
   * set left beside a smaller new one would silently be read too), {@code rowsPerFile} a file.
   */
  static Manifest write(Path dir, long rows, long seed, Settings settings, CountrySpellings countries,
      int rowsPerFile) {
    try {
      if (Files.isDirectory(dir)) {
        try (var entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException("--output must be a new or empty directory, got " + dir);
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    int files = (int) ((rows + rowsPerFile - 1) / rowsPerFile);
    List<String> metals = settings.metals().stream().map(Settings.Metal::name).toList();
    List<FileTally> tallies = IntStream.range(0, files).parallel()
        .mapToObj(i -> new FileWriter(dir, i, Math.min(rowsPerFile, rows - (long) i * rowsPerFile), seed,
            settings, countries).write())
        .toList();
    // Combined in file order, so the sums are the same bits whatever the threads did.
    long clean = 0;
    long[] rejected = new long[RejectReason.values().length];
    double[] mass = new double[metals.size()];
    for (FileTally t : tallies) {
      clean += t.clean;
      for (int r = 0; r < rejected.length; r++) {
        rejected[r] += t.rejected[r];
      }
      for (int m = 0; m < mass.length; m++) {
        mass[m] += t.massKg[m];
      }
    }
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (RejectReason r : RejectReason.values()) {
      byReason.put(r.code(), rejected[r.ordinal()]);
    }
    Map<String, Double> byMetal = new LinkedHashMap<>();
    for (int m = 0; m < mass.length; m++) {
      byMetal.put(metals.get(m), mass[m]);
    }
    Manifest manifest = new Manifest(seed, rows, files, clean, byReason, byMetal);
    try {
      Files.writeString(dir.resolve(MANIFEST), manifest.toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(MANIFEST), e);
    }
    return manifest;
  }

  private static final class FileTally {
    long clean;
    final long[] rejected = new long[RejectReason.values().length];
    final double[] massKg;

    FileTally(int metals) {
      massKg = new double[metals];
    }
  }

  /** One record's fields as written (null: absent), with the mass it stands for. */
  private static final class Fields {
    final Map<String, String> values = new LinkedHashMap<>();
    int metal;
    double massKg;

    Fields copy() {
      Fields f = new Fields();
      f.values.putAll(values);
      f.metal = metal;
      f.massKg = massKg;
      return f;
    }
  }

  /** Writes one file from its own random stream, so files can be written in parallel. */
  private static final class FileWriter {
    private final Path dir;
    private final int index;
    private final long rows;
    private final SplittableRandom random;
    private final Settings settings;
    private final CountrySpellings countries;
    private final boolean jsonLines;
    private final List<String> columns;
    private final List<Settings.Metal> metals;
    private final List<Fields> recent = new ArrayList<>();
    private final FileTally tally;
    private final String source;

    FileWriter(Path dir, int index, long rows, long seed, Settings settings, CountrySpellings countries) {
      this.dir = dir;
      this.index = index;
      this.rows = rows;
      this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
      this.settings = settings;
      this.countries = countries;
      this.metals = settings.metals();
      this.jsonLines = index % 5 == 4;
      List<String> shuffled = new ArrayList<>(COLUMNS);
      for (int i = shuffled.size() - 1; i > 0; i--) {
        java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
      }
      this.columns = shuffled;
      this.tally = new FileTally(metals.size());
      this.source = "synthetic-seed-" + seed;
    }

    FileTally write() {
      Path file = dir.resolve(String.format(Locale.ROOT, "generated-%05d.%s", index + 1, jsonLines ? "jsonl" : "csv"));
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        if (!jsonLines) {
          out.write((index % 7 == 0 ? "\uFEFF" : "") + String.join(",", columns) + "\n");
        }
        for (long line = 1; line <= rows; line++) {
          out.write(row(line));
          out.write('\n');
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
      return tally;
    }

    private String row(long line) {
      RejectReason fault = random.nextDouble() < BAD_SHARE ? FAULTS.get(random.nextInt(FAULTS.size())) : null;
      if ((fault == RejectReason.DUPLICATE || fault == RejectReason.CONFLICTING_RECORD_ID) && recent.isEmpty()) {
        fault = null;
      }
      if (fault == null) {
        Fields f = clean(line);
        tally.clean++;
        tally.massKg[f.metal] += f.massKg;
        if (recent.size() == RECENT) {
          recent.remove(random.nextInt(RECENT));
        }
        recent.add(f);
        return format(f.values, false);
      }
      tally.rejected[fault.ordinal()]++;
      Fields f = fault == RejectReason.DUPLICATE || fault == RejectReason.CONFLICTING_RECORD_ID
          ? recent.get(random.nextInt(recent.size())).copy() : clean(line);
      Map<String, String> v = f.values;
      switch (fault) {
        case MALFORMED_ROW -> {
          return malformed(v);
        }
        case MISSING_FIELD -> v.put(pick(REQUIRED), random.nextBoolean() ? null : " ");
        case BAD_YEAR -> v.put("year", pick(BAD_YEARS));
        case YEAR_OUT_OF_RANGE -> v.put("year", Integer.toString(random.nextBoolean()
            ? settings.input().minYear() - 1 - random.nextInt(10) : settings.input().maxYear() + 1 + random.nextInt(50)));
        case UNKNOWN_COUNTRY -> v.put("country", pick(NOT_COUNTRIES));
        case UNKNOWN_METAL -> v.put("metal", pick(NOT_METALS));
        case UNKNOWN_UNIT -> v.put("unit", pick(NOT_UNITS));
        case BAD_AMOUNT -> v.put("amount", pick(BAD_AMOUNTS));
        case DUPLICATE -> { }
        case CONFLICTING_RECORD_ID -> writeAmount(f, f.massKg * (1.5 + random.nextDouble()));
        default -> throw new IllegalStateException(fault.toString());
      }
      return format(v, fault == RejectReason.BAD_YEAR || fault == RejectReason.YEAR_OUT_OF_RANGE);
    }

    private Fields clean(long line) {
      Fields f = new Fields();
      String code = countries.codes().get(random.nextInt(countries.codes().size()));
      f.metal = random.nextInt(metals.size());
      Settings.Metal metal = metals.get(f.metal);
      int first = Math.max(FIRST_YEAR, settings.input().minYear());
      int last = Math.min(LAST_YEAR, settings.input().maxYear());
      Map<String, String> v = f.values;
      v.put("record_id", String.format(Locale.ROOT, "f%05d-%06d", index + 1, line));
      v.put("country", pick(countries.spellings(code)));
      v.put("year", Integer.toString(first + random.nextInt(last - first + 1)));
      List<String> names = new ArrayList<>(List.of(metal.name(), capitalised(metal.name()),
          metal.symbol(), metal.symbol().toUpperCase(Locale.ROOT)));
      names.addAll(metal.aliases());
      v.put("metal", pick(names));
      v.put("amount", null);
      v.put("unit", null);
      v.put("source", source);
      v.put("category", pick(CATEGORIES));
      v.put("note", random.nextInt(10) == 0 ? "synthetic record, seed-based, not a published figure" : null);
      double goldKg = Math.exp(Math.log(0.5) + random.nextDouble() * (Math.log(300) - Math.log(0.5)));
      writeAmount(f, goldKg * GOLD_RATIO.getOrDefault(metal.name(), 1.0));
      return f;
    }

    /** Writes {@code kg} in a unit and number format drawn for the metal; keeps the mass as written. */
    private void writeAmount(Fields f, double kg) {
      String unit = pick(UNITS.getOrDefault(metals.get(f.metal).name(), List.of("kg", "g")));
      double amount = kg / UnitConverter.KG_PER_UNIT.get(unit);
      if (amount < 1) {
        unit = "g";
        amount = kg / UnitConverter.KG_PER_UNIT.get(unit);
      }
      String text = switch (random.nextInt(4)) {
        case 0 -> String.format(Locale.ROOT, "%,.3f", amount);
        case 1 -> String.format(Locale.ROOT, "%.5e", amount);
        case 2 -> String.format(Locale.ROOT, "%.0f", amount);
        default -> String.format(Locale.ROOT, "%.3f", amount);
      };
      f.values.put("amount", text);
      f.values.put("unit", pick(UNIT_SPELLINGS.get(unit)));
      // The mass the ingest should find: the number as written times the unit, as it computes it.
      f.massKg = Double.parseDouble(text.replace(",", "")) * UnitConverter.KG_PER_UNIT.get(unit);
    }

    /**
     * A line that is not a record: a CSV line one field short or with a stray quote, a JSON object
     * left open. The stray quote follows an {@code x} at the line's end, inside its last field: a
     * quote that opens a field could begin a quoted field spanning lines (RFC 4180), which a
     * reader joins with the lines after it where they close it, and the row would not be the one
     * malformed row the manifest counts.
     */
    private String malformed(Map<String, String> v) {
      String line = format(v, false);
      if (jsonLines) {
        return line.substring(0, line.length() - 1);
      }
      if (random.nextBoolean()) {
        StringBuilder shorter = new StringBuilder();
        for (int i = 0; i < columns.size() - 1; i++) {
          shorter.append(i == 0 ? "" : ",").append(csvField(v.get(columns.get(i))));
        }
        return shorter.toString();
      }
      return line + "x\"";
    }

    private String format(Map<String, String> v, boolean yearAsText) {
      StringBuilder sb = new StringBuilder(160);
      if (!jsonLines) {
        for (int i = 0; i < columns.size(); i++) {
          sb.append(i == 0 ? "" : ",").append(csvField(v.get(columns.get(i))));
        }
        return sb.toString();
      }
      sb.append('{');
      for (String column : columns) {
        String value = v.get(column);
        if (value == null) {
          continue;
        }
        sb.append(sb.length() == 1 ? "" : ", ").append(JsonText.string(column)).append(": ");
        boolean number = (column.equals("year") && !yearAsText && value.matches("[0-9]+"))
            || (column.equals("amount") && value.matches("[0-9]+(\\.[0-9]+)?"));
        sb.append(number ? value : JsonText.string(value));
      }
      return sb.append('}').toString();
    }

    private <T> T pick(List<T> options) {
      return options.get(random.nextInt(options.size()));
    }
  }

  private static String csvField(String value) {
    if (value == null) {
      return "";
    }
    if (value.contains(",") || value.contains("\"")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
