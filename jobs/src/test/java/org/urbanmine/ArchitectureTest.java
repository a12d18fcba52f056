package org.urbanmine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages' layers, bottom to top, as drawn in docs/design.md. A package may use its own
 * layer (without cycles) and the layers below, never one above; the stages use no other stage:
 * what one stage reads of another's output goes through the table's specification in
 * {@code tables}.
 */
class ArchitectureTest {
  private static final String ROOT = "org.urbanmine";

  /** Layer name to its packages, bottom first. */
  static final Map<String, List<String>> LAYERS = new LinkedHashMap<>();

  static {
    LAYERS.put("foundation", List.of("uncertainty", "config", "reference", "tables", "model"));
    LAYERS.put("storage", List.of("publish", "input"));
    LAYERS.put("stage contract", List.of("stage"));
    LAYERS.put("stages", List.of("ingest", "aggregate", "ewaste", "forecast", "medals", "scenario", "generate"));
    LAYERS.put("orchestrator", List.of("pipeline"));
    LAYERS.put("readers", List.of("report", "analyst"));
    LAYERS.put("cli", List.of("cli"));
  }

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  @Test
  void everyPackageHasALayer() {
    // Without this, a new package would sit outside every rule and pass them all.
    Set<String> packages = classes.stream().map(JavaClass::getPackageName)
        .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0]).collect(Collectors.toCollection(TreeSet::new));
    Set<String> placed = LAYERS.values().stream().flatMap(List::stream).collect(Collectors.toCollection(TreeSet::new));
    assertThat(packages).isEqualTo(placed);
  }

  @Test
  void noCycleBetweenPackages() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void noLayerUsesOneAbove() {
    var rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
    List<String> names = new ArrayList<>(LAYERS.keySet());
    for (String layer : names) {
      rule = rule.layer(layer).definedBy(LAYERS.get(layer).stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new));
    }
    for (int i = 0; i < names.size() - 1; i++) {
      rule = rule.whereLayer(names.get(i))
          .mayOnlyBeAccessedByLayers(names.subList(i + 1, names.size()).toArray(String[]::new));
    }
    rule.whereLayer(names.get(names.size() - 1)).mayNotBeAccessedByAnyLayer().check(classes);
  }

  @Test
  void stagesUseNeitherTheCliNorTheOrchestratorNorEachOther() {
    List<String> stages = LAYERS.get("stages");
    for (String stage : stages) {
      List<String> forbidden = new ArrayList<>(List.of(ROOT + ".cli..", ROOT + ".pipeline.."));
      stages.stream().filter(s -> !s.equals(stage)).forEach(s -> forbidden.add(ROOT + "." + s + ".."));
      noClasses().that().resideInAPackage(ROOT + "." + stage + "..")
          .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
          .check(classes);
    }
  }
}
