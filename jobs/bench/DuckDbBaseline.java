import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Year;

/**
 * Runs jobs/bench/duckdb-baseline.sql on a directory of recovery records in an in-memory DuckDB
 * with every core, and prints {@code duckdb_seconds=} (the SQL alone, DuckDB's start excluded)
 * and the script's totals as {@code key=value} lines.
 *
 * <p>{@code java -cp duckdb_jdbc.jar jobs/bench/DuckDbBaseline.java DIR [MIN_YEAR [MAX_YEAR]]}
 * (Java's single-file launcher; run from the checkout's root).
 */
public class DuckDbBaseline {
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: DuckDbBaseline.java DIR [MIN_YEAR [MAX_YEAR]]");
      System.exit(2);
    }
    Path bench = Path.of("jobs", "bench");
    String sql = Files.readString(bench.resolve("duckdb-baseline.sql"))
        .replace("${input}", Path.of(args[0]).toAbsolutePath().toString())
        .replace("${reference}", Path.of("jobs/src/main/resources/reference").toAbsolutePath().toString())
        .replace("${min_year}", args.length > 1 ? args[1] : "1990")
        .replace("${max_year}", args.length > 2 ? args[2] : Integer.toString(Year.now().getValue()));
    String[] statements = sql.split(";\\s*\\n");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
      long start = System.nanoTime();
      for (int i = 0; i < statements.length - 1; i++) {
        statement.execute(statements[i]);
      }
      StringBuilder totals = new StringBuilder();
      try (ResultSet rows = statement.executeQuery(statements[statements.length - 1])) {
        while (rows.next()) {
          totals.append(rows.getString(1)).append('=').append(rows.getDouble(2)).append('\n');
        }
      }
      System.out.printf("duckdb_seconds=%.3f%n%s", (System.nanoTime() - start) / 1e9, totals);
    }
  }
}
