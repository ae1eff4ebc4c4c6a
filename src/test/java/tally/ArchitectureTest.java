package tally;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering the README promises: the shared core knows no feature. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("tally");

  private static final String[] FEATURES = {
    "tally.charges..",
    "tally.refunds..",
    "tally.disputes..",
    "tally.balance..",
    "tally.customers..",
    "tally.catalog..",
    "tally.billing..",
    "tally.credits..",
    "tally.events..",
    "tally.search..",
    "tally.portal..",
    "tally.checkout..",
    "tally.idempotency..",
    "tally.feature.."
  };

  @Test
  void theCoreDependsOnNoFeature() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "tally.core..", "tally.store..", "tally.api..", "tally.http..", "tally.pages..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FEATURES)
        .check(CLASSES);
  }

  @Test
  void featuresNeverReachIntoAnotherFeaturesStore() {
    noClasses()
        .that()
        .resideOutsideOfPackage("tally.charges..")
        .should()
        .dependOnClassesThat()
        .haveSimpleName("ChargeStore")
        .check(CLASSES);
    noClasses()
        .that()
        .resideOutsideOfPackage("tally.disputes..")
        .should()
        .dependOnClassesThat()
        .haveSimpleName("DisputeStore")
        .check(CLASSES);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("tally.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void featuresNeverImportAnotherFeaturesTableOrRecords() {
    // A feature's table (and the records that write it) are package-private or used only at home.
    noClasses()
        .that()
        .resideOutsideOfPackage("tally.refunds..")
        .should()
        .dependOnClassesThat()
        .haveSimpleName("RefundRecords")
        .check(CLASSES);
  }
}
