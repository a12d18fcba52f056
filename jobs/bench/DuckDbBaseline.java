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
 * Runs jobs/bench/duckdb-baseline.sql on a directory of recovery records in an in-memory
 * DuckDB with every core, and prints {@code key=value} lines: {@code duckdb_seconds} (the SQL
 * alone: connecting and reading the script are not timed), then the totals the script returns.
 *
 * <pre>
 * java -cp ~/.m2/repository/org/duckdb/duckdb_jdbc/1.1.3/duckdb_jdbc-1.1.3.jar \
 *     jobs/bench/DuckDbBaseline.java INPUT_DIR [MIN_YEAR [MAX_YEAR]]
 * </pre>
 *
 * MIN_YEAR defaults to 1990 and MAX_YEAR to the current year (UTC), as in conf/application.conf.
 * The SQL file is looked up beside this source file, then in jobs/bench under the working
 * directory; the reference CSVs in jobs/src/main/resources/reference, found the same way.
 */
public class DuckDbBaseline {
  private static final String SQL_FILE = "duckdb-baseline.sql";

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: java -cp duckdb_jdbc.jar DuckDbBaseline.java INPUT_DIR [MIN_YEAR [MAX_YEAR]]");
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
    String sql = Files.readString(bench.resolve(SQL_FILE))
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
        statement.execute(statements.get(i));
      }
      try (ResultSet rows = statement.executeQuery(statements.get(statements.size() - 1))) {
        while (rows.next()) {
          totals.add(rows.getString(1) + "=" + rows.getString(2));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("duckdb_seconds=%.3f%n", seconds);
      System.out.println("duckdb_threads=" + threads);
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
