package io.contactsync.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The CRDs committed in crds/ and in the Helm chart are exactly what the Java types generate; the build fails on drift. */
class CrdsUpToDateTest {
  static final List<String> FILES = GeneratedCrds.FILES;
  private static final String REGENERATE = "Regenerate with './mvnw -pl api -Pregenerate-crds process-classes' and commit the result.";

  @ParameterizedTest
  @FieldSource("FILES")
  void everyCommittedCopyMatchesTheTypes(String file) throws IOException {
    String generated = Files.readString(GeneratedCrds.generated(file));
    for (Path copy : List.of(GeneratedCrds.committed(file), GeneratedCrds.inChart(file))) {
      Path where = GeneratedCrds.projectRoot().relativize(copy);
      assertThat(copy).as("%s is missing. %s", where, REGENERATE).exists();
      assertThat(Files.readString(copy)).as("%s differs from what the API types generate. %s", where, REGENERATE)
          .isEqualTo(generated);
    }
  }
}
