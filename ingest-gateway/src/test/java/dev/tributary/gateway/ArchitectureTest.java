package dev.tributary.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the plain logic plain: only the http package knows Vert.x, only publish knows Kafka. */
class ArchitectureTest {
  static final JavaClasses GATEWAY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.tributary.gateway");

  @Test
  void onlyTheHttpPackageAndTheEntryClassUseVertx() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.tributary.gateway.http..")
        .and()
        .doNotHaveFullyQualifiedName(IngestGateway.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.vertx..")
        .check(GATEWAY);
  }

  @Test
  void validationAuthStatusLimitsAndVideoDoNotTalkToKafka() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.tributary.gateway.validation..",
            "dev.tributary.gateway.auth..",
            "dev.tributary.gateway.status..",
            "dev.tributary.gateway.limits..",
            "dev.tributary.gateway.video..",
            "dev.tributary.gateway.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.kafka..")
        .check(GATEWAY);
  }

  @Test
  void theHttpLayerDoesNotReachPastTheLogicIntoKafkaOrS3() {
    noClasses()
        .that()
        .resideInAPackage("dev.tributary.gateway.http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "software.amazon.awssdk..")
        .check(GATEWAY);
  }
}
