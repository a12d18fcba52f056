import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;

/**
 * The nightly run again and again inside one JVM, each run its own Spark session, as
 * {@code jobs/run nightly ARGS} would: what a night costs once the JVM is warm (its classes loaded,
 * its code compiled), set against the cold runs the benchmark starts one by one. Run by
 * {@code jobs/bench/benchmark --small-night} through {@code URBANMINE_MAIN=jobs/bench/WarmNight.java jobs/run RUNS ARGS}.
 * Prints {@code warm_seconds=S} for each run.
 */
public final class WarmNight {
  public static void main(String[] args) {
    int runs = Integer.parseInt(args[0]);
    String[] nightly = Arrays.copyOfRange(args, 1, args.length);
    List<Double> seconds = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      int code = UrbanMine.execute(Command.NIGHTLY, nightly);
      if (code != UrbanMine.OK) {
        System.err.println("WarmNight: run " + (i + 1) + " exited " + code);
        System.exit(code);
      }
      seconds.add((System.nanoTime() - t0) / 1e9);
      System.out.printf("warm_seconds=%.2f%n", seconds.get(i));
    }
  }
}
