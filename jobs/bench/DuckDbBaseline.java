import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the DuckDB baseline on a directory of recovery records in an in-memory DuckDB with every
 * core: a reader (duckdb-read-csv.sql, DuckDB's own read_csv and read_json, the default; or
 * duckdb-lines.sql with {@code --reader lines}, the files split into numbered lines as the
 * pipeline reads them), then duckdb-rules.sql (the checks, repeats and sums). Prints
 * {@code key=value} lines: {@code duckdb_seconds} (the SQL alone: connecting and reading the
 * scripts are not timed), then the totals the script returns.
 *
 * <pre>
 * java -cp ~/.m2/repository/org/duckdb/duckdb_jdbc/1.1.3/duckdb_jdbc-1.1.3.jar \
 *     jobs/bench/DuckDbBaseline.java [--reader read_csv|lines] INPUT_DIR [MIN_YEAR [MAX_YEAR]]
 * </pre>
 *
 * MIN_YEAR defaults to 1990 and MAX_YEAR to the current year (UTC), as in conf/application.conf.
 * The SQL file is looked up beside this source file, then in jobs/bench under the working
 * directory; the reference CSVs in jobs/src/main/resources/reference, found the same way.
 */
public class DuckDbBaseline {
  private static final String SQL_FILE = "duckdb-rules.sql";
  private static final List<String> READERS = List.of("read_csv", "lines");
  /**
   * A statement holding {@code ${each_csv_file}} ({@code ${each_jsonl_file}}) is run once per
   * *.csv (*.jsonl) file of the input, in name order, with its path there: none where there is none.
   */
  private static final List<String> EACH_FILE = List.of("csv", "jsonl");

  public static void main(String[] args) throws Exception {
    String reader = READERS.get(0);
    if (args.length >= 2 && args[0].equals("--reader")) {
      reader = args[1];
      args = java.util.Arrays.copyOfRange(args, 2, args.length);
    }
    if (args.length < 1 || args.length > 3 || !READERS.contains(reader)) {
      System.err.println("usage: java -cp duckdb_jdbc.jar DuckDbBaseline.java [--reader read_csv|lines] INPUT_DIR"
          + " [MIN_YEAR [MAX_YEAR]]");
      System.exit(2);
    }
    Path input = Path.of(args[0]).toAbsolutePath().normalize();
    if (!Files.isDirectory(input)) {
      System.err.println("not a directory: " + input);
      System.exit(2);
    }
    int minYear = args.length > 1 ? Integer.parseInt(args[1]) : 1990;
    int maxYear = args.length > 2 ? Integer.parseInt(args[2]) : Year.now(ZoneOffset.UTC).getValue();

    Path bench = benchDir();
    Path reference = bench.resolve("../src/main/resources/reference").normalize();
    if (!Files.isRegularFile(reference.resolve("iso3166-countries-m49.csv"))) {
      System.err.println("no reference CSVs in " + reference);
      System.exit(2);
    }
    String sql = (Files.readString(bench.resolve("duckdb-" + reader.replace('_', '-') + ".sql")) + "\n"
        + Files.readString(bench.resolve(SQL_FILE)))
        .replace("${input}", sqlPath(input))
        .replace("${reference}", sqlPath(reference))
        .replace("${min_year}", Integer.toString(minYear))
        .replace("${max_year}", Integer.toString(maxYear));
    List<String> statements = statements(sql);

    int threads = Runtime.getRuntime().availableProcessors();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads = " + threads);
      List<String> totals = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < statements.size() - 1; i++) {
        String each = statements.get(i);
        String extension = EACH_FILE.stream().filter(e -> each.contains(eachFile(e))).findFirst().orElse(null);
        if (extension == null) {
          statement.execute(each);
          continue;
        }
        for (Path file : files(input, extension)) {
          statement.execute(each.replace(eachFile(extension), sqlPath(file)));
        }
      }
      try (ResultSet rows = statement.executeQuery(statements.get(statements.size() - 1))) {
        while (rows.next()) {
          totals.add(rows.getString(1) + "=" + rows.getString(2));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("duckdb_seconds=%.3f%n", seconds);
      System.out.println("duckdb_threads=" + threads);
      System.out.println("duckdb_reader=" + reader);
      System.out.println("min_year=" + minYear);
      System.out.println("max_year=" + maxYear);
      totals.forEach(System.out::println);
    }
  }

  /** This source file's folder (the source launcher names it), else jobs/bench under the working directory. */
  private static Path benchDir() {
    String source = System.getProperty("jdk.launcher.sourcefile");
    if (source != null) {
      Path dir = Path.of(source).toAbsolutePath().getParent();
      if (dir != null && Files.isRegularFile(dir.resolve(SQL_FILE))) {
        return dir;
      }
    }
    return Path.of("jobs", "bench").toAbsolutePath();
  }

  private static String eachFile(String extension) {
    return "${each_" + extension + "_file}";
  }

  /** The input's files with this extension, in name order. */
  private static List<Path> files(Path input, String extension) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.list(input)) {
      return files.filter(f -> f.getFileName().toString().endsWith("." + extension)).sorted().toList();
    }
  }

  /** A path inside a single-quoted SQL string literal. */
  private static String sqlPath(Path path) {
    return path.toString().replace("'", "''");
  }

  /** The script's statements: whole-line comments dropped, split at ';' that ends a line. */
  private static List<String> statements(String sql) {
    StringBuilder code = new StringBuilder();
    for (String line : sql.split("\n", -1)) {
      if (!line.strip().startsWith("--")) {
        code.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String s : code.toString().split(";[ \t\r]*\n")) {
      if (!s.isBlank()) {
        statements.add(s.strip());
      }
    }
    return statements;
  }
}
