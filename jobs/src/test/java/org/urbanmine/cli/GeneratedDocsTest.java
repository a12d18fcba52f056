package org.urbanmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urbanmine.analyst.TableDescription;
import org.urbanmine.tables.TableSpec;

/**
 * The parts of the documentation that the code says: each table's columns in docs/tables.md (as
 * {@code jobs/run describe} prints them) and every setting with its default in docs/settings.md
 * (from conf/application.conf, comments included). They are generated, and this test fails when
 * either differs from what the code says now; run it with {@code -Durbanmine.docs.update=true}
 * to write them anew.
 */
class GeneratedDocsTest {
  private static final Path ROOT = Path.of("..");
  private static final Path TABLES = ROOT.resolve("docs/tables.md");
  private static final Path SETTINGS = ROOT.resolve("docs/settings.md");
  private static final Path DEFAULTS = ROOT.resolve("conf/application.conf");
  private static final String UPDATE = "urbanmine.docs.update";

  @Test
  void tablesDocumentEveryPublishedTableAsDescribePrintsIt() throws IOException {
    check(TABLES, tablesMarkdown());
  }

  @Test
  void settingsListEveryKeyWithItsDefault() throws IOException {
    check(SETTINGS, settingsMarkdown());
  }

  @Test
  void readmeHasASectionPerTableLinkingItsColumns() throws IOException {
    List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
    for (TableSpec table : Command.publishedTables()) {
      int heading = readme.indexOf("### `" + table.name() + "`");
      assertThat(heading).as("README section for " + table.name()).isNotNegative();
      String section = String.join("\n", readme.subList(heading + 1, nextHeading(readme, heading)));
      assertThat(section).as("README section for " + table.name())
          .contains("docs/tables.md#" + table.name());
    }
  }

  @Test
  void settingsListNamesKeysInTheOrderOfTheFile() {
    // A check on the generator itself: the first keys of conf/application.conf, in its order.
    String md = settingsMarkdown();
    int input = md.indexOf("`urbanmine.input.recovery-records`");
    int minYear = md.indexOf("`urbanmine.input.min-year`");
    int warehouse = md.indexOf("`urbanmine.warehouse`");
    assertThat(input).isPositive();
    assertThat(minYear).isGreaterThan(input);
    assertThat(warehouse).isGreaterThan(minYear);
    assertThat(md).contains("| `urbanmine.input.min-year` | `1990` |");
  }

  private static int nextHeading(List<String> lines, int from) {
    for (int i = from + 1; i < lines.size(); i++) {
      if (lines.get(i).startsWith("#")) {
        return i;
      }
    }
    return lines.size();
  }

  static String tablesMarkdown() {
    StringBuilder md = new StringBuilder("# Tables: every column\n\n")
        .append("Generated from the table specifications (`jobs/src/main/java/org/urbanmine/tables/`), as\n")
        .append("`jobs/run describe TABLE` prints them; `GeneratedDocsTest` keeps this file equal to them.\n")
        .append("What each table is for is in the [README](../README.md#tables).\n");
    for (TableSpec table : Command.publishedTables()) {
      md.append("\n## ").append(table.name()).append("\n\n```text\n")
          .append(TableDescription.describe(table, "<warehouse>/" + table.name() + "/"))
          .append("```\n");
    }
    return md.toString();
  }

  static String settingsMarkdown() {
    ConfigObject root = ConfigFactory.parseFile(DEFAULTS.toFile()).root();
    StringBuilder md = new StringBuilder("# Settings and their defaults\n\n")
        .append("Generated from [`conf/application.conf`](../conf/application.conf), its comments included;\n")
        .append("`GeneratedDocsTest` keeps this file equal to it. What the values may be is in\n")
        .append("[configuration.md](configuration.md) and the [README](../README.md#configuration).\n\n")
        .append("| key | default | what it is |\n|---|---|---|\n");
    List<String[]> rows = new ArrayList<>();
    leaves("", root, rows);
    for (String[] row : rows) {
      md.append("| `").append(row[0]).append("` | `").append(row[1].replace("|", "\\|")).append("` | ")
          .append(row[2].replace("|", "\\|")).append(" |\n");
    }
    return md.toString();
  }

  /** Keys in the order the file gives them, with the comments above each key and its section. */
  private static void leaves(String prefix, ConfigObject object, List<String[]> rows) {
    List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(object.entrySet());
    entries.sort(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
        .thenComparing(Map.Entry::getKey));
    for (Map.Entry<String, ConfigValue> e : entries) {
      String key = prefix.isEmpty() ? quoted(e.getKey()) : prefix + "." + quoted(e.getKey());
      ConfigValue value = e.getValue();
      if (value.valueType() == ConfigValueType.OBJECT && !((ConfigObject) value).isEmpty()) {
        leaves(key, (ConfigObject) value, rows);
      } else {
        rows.add(new String[] {key, value.render(ConfigRenderOptions.concise()),
            String.join(" ", value.origin().comments()).trim().replaceAll("\\s+", " ")});
      }
    }
  }

  private static String quoted(String key) {
    return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
  }

  private static void check(Path file, String generated) throws IOException {
    if (Boolean.getBoolean(UPDATE)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(file)).as(file + " exists (run with -D" + UPDATE + "=true)").isTrue();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as(file + " is what the code says (run with -D" + UPDATE + "=true to write it anew)")
        .isEqualTo(generated);
  }
}
