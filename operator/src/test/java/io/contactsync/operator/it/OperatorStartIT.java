package io.contactsync.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.operator.cli.ContactSyncMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Starting the operator where something it needs is missing: one line that says what, exit 2, nothing started. */
class OperatorStartIT {
  @Test
  void aMissingOwnNamespaceIsNamedWithWhatToDo() {
    TestCluster.admin().close(); // skips with the cluster hint when there is no test API server
    String namespace = "no-such-ns-" + UUID.randomUUID().toString().substring(0, 8);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ContactSyncMain.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("operator", "--namespace", namespace, "--port", "0");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("contactsync: the operator's namespace '" + namespace + "' does not exist:"
        + " create it (kubectl create namespace " + namespace + "), or name another with --namespace or $POD_NAMESPACE");
  }
}
