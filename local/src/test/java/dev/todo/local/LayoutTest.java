package dev.todo.local;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/** The local cloud's rooms: its packages, and the classes in them, never import each other in a circle. */
class LayoutTest {

  private static final JavaClasses LOCAL = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.todo.local");

  @Test
  void noTwoPackagesImportEachOther() {
    slices().matching("dev.todo.local.(*)..").should().beFreeOfCycles().check(LOCAL);
  }

  @Test
  void noTwoClassesImportEachOther() {
    slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        JavaClass top = javaClass;
        while (top.getEnclosingClass().isPresent()) {
          top = top.getEnclosingClass().get();
        }
        return SliceIdentifier.of(top.getName());
      }

      @Override
      public String getDescription() {
        return "each top-level class with its nested classes";
      }
    }).should().beFreeOfCycles().check(LOCAL);
  }
}
