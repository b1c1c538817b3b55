package io.contactsync.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The CRDs committed in crds/ and in the chart are exactly what the Java types generate; the build fails on drift. */
class CrdsUpToDateTest {
  static final List<String> FILES = GeneratedCrds.FILES;

  @ParameterizedTest
  @FieldSource("FILES")
  void committedCrdMatchesTheTypes(String file) throws IOException {
    assertThat(GeneratedCrds.committed(file))
        .as("crds/%s is missing or stale: the API types changed. Regenerate it with "
            + "'./mvnw -pl api -Pregenerate-crds process-classes' and commit the result.", file)
        .exists();
    assertThat(Files.readString(GeneratedCrds.committed(file)))
        .as("crds/%s differs from what the API types generate. Regenerate it with "
            + "'./mvnw -pl api -Pregenerate-crds process-classes' and commit the result.", file)
        .isEqualTo(Files.readString(GeneratedCrds.generated(file)));
  }

  @ParameterizedTest
  @FieldSource("FILES")
  void theChartInstallsTheSameCrd(String file) throws IOException {
    assertThat(GeneratedCrds.inChart(file))
        .as("charts/contactsync-operator/crds/%s is missing. Regenerate it with "
            + "'./mvnw -pl api -Pregenerate-crds process-classes' and commit the result.", file)
        .exists();
    assertThat(Files.readString(GeneratedCrds.inChart(file)))
        .as("charts/contactsync-operator/crds/%s differs from what the API types generate. Regenerate it with "
            + "'./mvnw -pl api -Pregenerate-crds process-classes' and commit the result.", file)
        .isEqualTo(Files.readString(GeneratedCrds.generated(file)));
  }
}
