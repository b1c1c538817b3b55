package io.contactsync.operator.status;

import static io.contactsync.sync.SyncFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.desired.Endpoint;
import io.contactsync.operator.runs.FinishedRun;
import io.contactsync.operator.runs.RunState;
import io.contactsync.sync.config.Violation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health checks in charts/contactsync-operator/files/argocd, run by a real Lua 5.1 interpreter (Argo CD's gopher-lua speaks 5.1)
 * against statuses made by the operator's own status builders.
 */
class ArgoCdHealthIT {
  private static final Path CHECKS = Path.of("..", "charts", "contactsync-operator", "files", "argocd", "contactsync.io").toAbsolutePath().normalize();
  private static final Instant T0 = StatusTest.T0;
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Health(String status, String message) {}

  private static String lua() {
    String explicit = System.getenv("CONTACTSYNC_TEST_LUA");
    if (explicit != null && !explicit.isBlank()) return explicit;
    return Stream.of("lua5.1", "lua5.4", "lua").flatMap(name -> Stream.of(System.getenv("PATH").split(File.pathSeparator))
        .map(dir -> Path.of(dir, name))).filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
  }

  private static Health health(HasMetadata resource) throws IOException, InterruptedException {
    String lua = lua();
    assumeTrue(lua != null, "no Lua interpreter: apt-get install lua5.1 (or set CONTACTSYNC_TEST_LUA)");
    String script = Files.readString(CHECKS.resolve(resource.getKind()).resolve("health.lua"));
    String program = "obj = " + luaLiteral(JSON.readValue(JSON.writeValueAsString(resource), Object.class)) + "\n"
        + "local hs = (function()\n" + script + "\nend)()\n"
        + "io.write(hs.status, \"\\n\", hs.message or \"\", \"\\n\")\n";
    Process process = new ProcessBuilder(lua, "-").redirectErrorStream(true).start();
    process.getOutputStream().write(program.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    String[] lines = out.split("\n", 2);
    return new Health(lines[0], lines.length > 1 ? lines[1].strip() : "");
  }

  /** A Lua table constructor for a JSON value, as Argo CD hands the object to the script. */
  private static String luaLiteral(Object value) {
    if (value == null) return "nil";
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      map.forEach((k, v) -> out.append('[').append(luaLiteral(k.toString())).append("]=").append(luaLiteral(v)).append(','));
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("{");
      list.forEach(v -> out.append(luaLiteral(v)).append(','));
      return out.append('}').toString();
    }
    if (value instanceof String s) {
      StringBuilder out = new StringBuilder("\"");
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if (c == '"' || c == '\\' || c < 0x20) {
          out.append('\\').append(c);
        } else {
          out.append((char) c);
        }
      }
      return out.append('"').toString();
    }
    return value.toString();
  }

  private static ContactSync withStatus(List<Violation> violations, List<Endpoint> endpoints, RunState runs) {
    ContactSync s = StatusTest.crm();
    s.setStatus(SyncStatus.of(s, StatusTest.resolution(violations, endpoints), runs, StatusTest.SETTINGS, T0));
    return s;
  }

  @Test
  void aContactSyncIsHealthyOnlyWhenReadyForItsGenerationAndItsLastRunDidNotFail() throws Exception {
    assertThat(health(StatusTest.crm())).isEqualTo(new Health("Progressing",
        "Waiting for the operator to reconcile this generation"));
    ContactSync reconciled = withStatus(List.of(), List.of(), RunState.NONE);
    assertThat(health(reconciled).status()).isEqualTo("Healthy");

    reconciled.getMetadata().setGeneration(reconciled.getMetadata().getGeneration() + 1);
    assertThat(health(reconciled).status()).as("a new generation not yet seen").isEqualTo("Progressing");

    FinishedRun failed = new FinishedRun("crm-29000000", T0, false, null, "destination 'out': connection refused");
    ContactSync failing = withStatus(List.of(), List.of(),
        new RunState(Optional.of(failed), Optional.empty(), Set.of(), Optional.empty(), Set.of(), List.of()));
    Health degraded = health(failing);
    assertThat(degraded.status()).isEqualTo("Degraded");
    assertThat(degraded.message()).startsWith("The last run failed: ").contains("connection refused");
  }

  @Test
  void suspendedTransientAndBrokenSyncsAreToldApart() throws Exception {
    ContactSync suspended = StatusTest.crm();
    suspended.getSpec().setSuspend(true);
    suspended.setStatus(SyncStatus.of(suspended, StatusTest.resolution(List.of(), List.of()), RunState.NONE, StatusTest.SETTINGS, T0));
    assertThat(health(suspended).status()).isEqualTo("Suspended");

    assertThat(health(withStatus(List.of(), List.of(new Endpoint.Unresolved("pg.db.svc", "gone")), RunState.NONE)).status())
        .as("retried by the operator").isEqualTo("Progressing");
    assertThat(health(withStatus(List.of(new Violation("PolicyKeysMissing", "keys \"p\" not yet made")), List.of(),
        RunState.NONE)).status()).isEqualTo("Progressing");

    Health denied = health(withStatus(List.of(new Violation("PolicyAccessDenied", "not admitted")), List.of(), RunState.NONE));
    assertThat(denied.status()).isEqualTo("Degraded");
    assertThat(denied.message()).startsWith("PolicyAccessDenied: not admitted");
    assertThat(health(withStatus(List.of(new Violation("SealedValueInvalid", "credentials.sealed.password does not open")),
        List.of(), RunState.NONE)).status()).isEqualTo("Degraded");
  }

  @Test
  void aPrivacyPolicyIsHealthyWhenItCompilesAndDegradedWhenItDoesNot() throws Exception {
    PrivacyPolicy p = policy("compliance", "p");
    p.getMetadata().setGeneration(2L);
    assertThat(health(p).status()).isEqualTo("Progressing");
    p.setStatus(PolicyStatus.of(p, List.of(), T0));
    assertThat(health(p).status()).isEqualTo("Healthy");
    p.setStatus(PolicyStatus.of(p, List.of("rule 2: unknown field 'emial'"), T0));
    Health invalid = health(p);
    assertThat(invalid.status()).isEqualTo("Degraded");
    assertThat(invalid.message()).startsWith("PolicyInvalid: ").contains("unknown field 'emial'");
  }
}
