package io.contactsync.sync.connector;

import static io.contactsync.sync.SyncFixtures.secretCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.api.v1alpha1.CredentialsRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
  @TempDir Path root;

  private static CredentialsRef sealed() {
    CredentialsRef ref = new CredentialsRef();
    ref.setSealed(Map.of("password", "sealed.v2.AAAA"));
    return ref;
  }

  @Test
  void aPodReadsEachEndpointsDirectoryWhetherTheCredentialsWereASecretOrSealed() throws IOException {
    Files.createDirectories(root.resolve("db"));
    Files.writeString(root.resolve("db/password"), "s3cret\n");
    CredentialStore pod = CredentialStore.perEndpoint(root);
    assertThat(pod.forEndpoint("db", secretCredentials("db-creds")).text("password")).contains("s3cret");
    assertThat(pod.forEndpoint("db", sealed()).text("password")).contains("s3cret");
    assertThat(pod.forEndpoint("db", null).text("password")).isEmpty();
  }

  @Test
  void aLocalRunReadsBySecretNameAndExplainsThatSealedValuesOpenOnlyInTheCluster() throws IOException {
    Files.createDirectories(root.resolve("db-creds"));
    Files.writeString(root.resolve("db-creds/username"), "crm");
    CredentialStore local = CredentialStore.perSecretName(root);
    assertThat(local.forEndpoint("db", secretCredentials("db-creds")).text("username")).contains("crm");
    assertThatThrownBy(() -> local.forEndpoint("db", sealed())).isInstanceOf(IOException.class)
        .hasMessageContaining("destination 'db' has sealed credentials").hasMessageNotContaining("AAAA");
    assertThatThrownBy(() -> local.forEndpoint("source", secretCredentials("missing"))).isInstanceOf(IOException.class)
        .hasMessageContaining("the source needs the credentials of Secret missing");
  }

  @Test
  void credentialsNeverPrintTheirValues() {
    assertThat(new Credentials(Map.of("password", "canary-value".getBytes())).toString()).doesNotContain("canary-value");
  }
}
