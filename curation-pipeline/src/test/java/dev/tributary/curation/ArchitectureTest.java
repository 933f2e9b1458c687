package dev.tributary.curation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the curation logic plain Java: testable with plain inputs, free of I/O frameworks. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.tributary.curation");

  @Test
  void assemblyDedupQualityAndVerdictsImportNeitherKafkaNorIceberg() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..curation.assembly..",
            "..curation.dedup..",
            "..curation.quality..",
            "..curation.verdict..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "org.apache.iceberg..", "io.vertx..")
        .check(MAIN);
  }

  @Test
  void onlyTheConsumerLoopAndTheEntryPointTalkToKafka() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..curation.consume..", "dev.tributary.curation")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..")
        .check(MAIN);
  }
}
