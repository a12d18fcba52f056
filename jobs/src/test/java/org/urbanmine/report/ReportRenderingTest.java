package org.urbanmine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.publish.Warehouse;

/**
 * The page as {@link ReportJob#write} writes it into {@link ReportFixture}'s warehouse, drawn by
 * a real headless Chromium (Debian's {@code chromium} package): the screenshot must show every
 * series in its own colour and the interval bands. A copy stays at {@value #SCREENSHOT_COPY}.
 */
class ReportRenderingTest extends SparkTestBase {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final String SCREENSHOT_COPY = "target/report-screenshot.png";
  static final int WIDTH = 1280;
  static final int HEIGHT = 8000;
  static final long TIMEOUT_SECONDS = 60;

  @TempDir
  Path temp;

  @Test
  void chromiumDrawsEverySeriesAndTheIntervalBands() throws Exception {
    Path root = ReportFixture.warehouse(spark);
    String written = ReportJob.write(spark, new Warehouse(spark, root.toString(), "report"), null);
    Path html = root.resolve(ReportJob.FILE_NAME);
    assertThat(written).isEqualTo(html.toString());

    BufferedImage shot = screenshot(html);
    Map<Integer, Integer> pixels = histogram(shot);
    // Lines and dots are counted in exactly their colour. A legend entry gives at most 20 x 5 px
    // of a line's colour, so every line threshold is far above what the legends alone reach.
    // Bands are translucent: over white they show their colour to within rounding.
    Map<String, Integer> least = new LinkedHashMap<>();
    least.put(ReportPage.SCENARIO_COLOURS.get(0), 1500); // baseline: 12 forecast lines
    least.put(ReportPage.SCENARIO_COLOURS.get(1), 1500); // high-collection
    least.put(ReportPage.OBSERVED_COLOUR, 200); // 12 recorded years' dots (FRA, JPN; Asia, JPN alone) of about 40 px
    // Countries by code (BRA 0, FRA 1, JPN 2), then the world and the regions.
    least.put(SvgChart.colour(1), 1500); // FRA: recovered and coverage lines
    least.put(SvgChart.colour(2), 1500); // JPN
    least.put(SvgChart.colour(3), 1500); // World: coverage lines
    Map<String, Integer> counts = new LinkedHashMap<>();
    least.keySet().forEach(colour -> counts.put(colour, count(pixels, colour, 0)));
    for (String scenario : ReportPage.SCENARIO_COLOURS.subList(0, 2)) {
      String band = SvgChart.bandColour(scenario);
      least.put(band + " (band)", 2000);
      counts.put(band + " (band)", count(pixels, band, 2));
    }
    least.forEach((colour, min) -> assertThat(counts.get(colour))
        .as("pixels of %s in %s (all counts: %s)", colour, SCREENSHOT_COPY, counts).isGreaterThanOrEqualTo(min));
  }

  @Test
  void aGivenPathIsReplacedWholeAndNoTemporaryFileIsLeft() throws Exception {
    Path out = temp.resolve("site").resolve("page.html");
    Files.createDirectories(out.getParent());
    Files.writeString(out, "old page");
    Warehouse warehouse = new Warehouse(spark, ReportFixture.warehouse(spark).toString(), "report");
    assertThat(ReportJob.write(spark, warehouse, out.toString())).isEqualTo(out.toString());
    assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>").contains("Paris 2024").endsWith("</html>\n");
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void aDirectoryGivenAsOutputGetsTheReportInside() throws Exception {
    Warehouse warehouse = new Warehouse(spark, ReportFixture.warehouse(spark).toString(), "report");
    assertThat(ReportJob.write(spark, warehouse, temp.toString()))
        .isEqualTo(temp.resolve(ReportJob.FILE_NAME).toString());
    assertThat(temp.resolve(ReportJob.FILE_NAME)).isRegularFile();
  }

  @Test
  void anEmptyWarehouseStillGetsAPage() throws Exception {
    Path root = temp.resolve("warehouse");
    String written = ReportJob.write(spark, new Warehouse(spark, root.toString(), "report"), null);
    assertThat(written).isEqualTo(root.resolve(ReportJob.FILE_NAME).toString());
    assertThat(Files.readString(root.resolve(ReportJob.FILE_NAME)))
        .contains("metal_forecast is not published yet: run jobs/run nightly");
  }

  /** Runs Chromium on the page; the PNG is also copied to {@link #SCREENSHOT_COPY} for people to look at. */
  private BufferedImage screenshot(Path html) throws IOException, InterruptedException {
    if (!Files.isExecutable(CHROMIUM)) {
      fail(CHROMIUM + " is missing: the report's rendering test needs a real headless Chromium. Install "
          + "Debian's chromium package (sudo apt-get install -y --no-install-recommends chromium); .ci/run does.");
    }
    Path png = temp.resolve("report.png");
    Path log = temp.resolve("chromium.log");
    List<String> command = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(temp, "chromium-profile"),
        "--hide-scrollbars", "--window-size=" + WIDTH + "," + HEIGHT, "--screenshot=" + png,
        html.toUri().toString());
    Process chromium = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      chromium.destroyForcibly().waitFor();
      fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command + "\n" + output(log));
    }
    if (chromium.exitValue() != 0 || !Files.exists(png)) {
      fail("Chromium exited with " + chromium.exitValue() + " and " + (Files.exists(png) ? "a" : "no")
          + " screenshot: " + command + "\n" + output(log));
    }
    Path copy = Path.of(SCREENSHOT_COPY);
    Files.createDirectories(copy.toAbsolutePath().getParent());
    Files.copy(png, copy, StandardCopyOption.REPLACE_EXISTING);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    return image;
  }

  private static String output(Path log) throws IOException {
    return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "(no output)";
  }

  private static Map<Integer, Integer> histogram(BufferedImage image) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        counts.merge(image.getRGB(x, y) & 0xffffff, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Pixels whose every channel is within {@code tolerance} of the colour's. */
  private static int count(Map<Integer, Integer> pixels, String colour, int tolerance) {
    int rgb = Integer.parseInt(colour.substring(1), 16);
    int n = 0;
    for (Map.Entry<Integer, Integer> p : pixels.entrySet()) {
      boolean near = true;
      for (int shift = 0; shift <= 16; shift += 8) {
        near &= Math.abs(((p.getKey() >> shift) & 0xff) - ((rgb >> shift) & 0xff)) <= tolerance;
      }
      n += near ? p.getValue() : 0;
    }
    return n;
  }
}
