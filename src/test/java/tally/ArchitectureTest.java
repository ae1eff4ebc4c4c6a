package tally;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The layering the README promises, with no list of features to keep up to date: the core (the
 * packages below) knows no feature, no two packages depend on each other in a cycle, and no feature
 * touches another feature's storage classes.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("tally");

  /** Everything a feature may build on; a new feature is simply any other package. */
  private static final String[] CORE = {
    "tally.core..",
    "tally.store..",
    "tally.api..",
    "tally.http..",
    "tally.pages..",
    "tally.auth..",
    "tally.feature.."
  };

  @Test
  void theCoreDependsOnNoFeature() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat(
            resideInAPackage("tally..")
                .and(not(resideInAnyPackage(CORE)))
                .and(not(resideInAPackage("tally"))))
        .check(CLASSES);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("tally.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void featuresNeverReachIntoAnotherFeaturesStorage() {
    classes().should(notUseAnotherPackagesStorage()).check(CLASSES);
  }

  /** A class named *Store or *Records holds its feature's SQL: only its own package uses it. */
  private static ArchCondition<JavaClass> notUseAnotherPackagesStorage() {
    return new ArchCondition<>("not use another feature's *Store or *Records class") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (Dependency d : item.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass();
          String name = target.getSimpleName();
          boolean storage = name.endsWith("Store") || name.endsWith("Records");
          if (storage
              && target.getPackageName().startsWith("tally.")
              && !topLevel(target).equals(topLevel(item))) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        }
      }
    };
  }

  private static String topLevel(JavaClass c) {
    String[] parts = c.getPackageName().split("\\.");
    return parts.length > 1 ? parts[1] : "";
  }
}
