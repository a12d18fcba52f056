package org.urbanmine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.urbanmine.tables.TableSpec;

/** The README documents each table's columns and types exactly as the code writes them. */
class TableDocumentationTest {

  static List<TableSpec> tables() {
    return org.urbanmine.cli.Command.publishedTables();
  }

  @ParameterizedTest
  @MethodSource("tables")
  void readmeListsTheColumnsInOrderWithTheirTypes(TableSpec table) throws IOException {
    List<String> lines = Files.readAllLines(Path.of("../README.md"));
    int heading = lines.indexOf("### `" + table.name() + "`");
    assertThat(heading).as("README section for " + table.name()).isNotNegative();
    List<String> documented = new ArrayList<>();
    for (String line : lines.subList(heading + 1, lines.size())) {
      if (line.startsWith("#")) {
        break;
      }
      if (line.startsWith("| `")) {
        String[] cells = line.split("\\|");
        documented.add(cells[1].trim().replace("`", "") + " " + cells[2].trim());
      }
    }
    List<String> actual = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      actual.add(f.name() + " " + f.dataType().simpleString());
    }
    assertThat(documented).containsExactlyElementsOf(actual);
  }
}
