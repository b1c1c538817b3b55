package io.contactsync.operator.desired;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.sync.cli.ContactSyncCli;
import io.contactsync.sync.pipeline.RunReport;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract between the operator and its sync pods, without a cluster: lay out the files as the CronJob mounts
 * them, run the worker with exactly the CronJob's arguments, and read its report as the operator does.
 */
class PodContractTest {
  @TempDir Path pod;

  @Test
  void theWorkerRunsFromWhatTheCronJobMountsAndReportsWhatTheOperatorReads() throws Exception {
    Path data = pod.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("in.jsonl"), "{\"id\":\"1\",\"name\":{\"given\":\"Ada\"},\"emails\":[{\"value\":\"ada@example.com\"}]}\n"
        + "{\"id\":\"2\",\"emails\":[{\"value\":\"broken\"}]}\n");
    ContactSync sync = sync("team", "crm", data.resolve("in.jsonl").toString(),
        fileDestination("out", data.resolve("out.jsonl").toString(), new PolicyReference("p", null)));
    PrivacyPolicy policy = policy("team", "p");
    Secret keys = PolicyKeysSecret.desired(policy, PolicyKeys.generate());
    Secret secret = SyncSecret.desired(sync, Map.of("team/p", policy), Map.of("team/p", keys.getData()), Map.of());
    sync.getSpec().getDestinations().get(0).setMaxDeletePercent(100);
    ConfigMap job = SyncConfigMaps.job(sync, Map.of("team/p", policy));
    assertThat(com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readValue(job.getData()
        .get(PodPaths.JOB_FILE), io.contactsync.sync.config.JobConfig.class).destinations().get(0).connector()
        .getMaxDeletePercent()).as("the pod sees the mass-deletion guard").isEqualTo(100);
    CronJob cron = SyncCronJob.desired(sync, DesiredStateTest.SETTINGS, SyncSecret.volumeItems(secret), false);

    // the kubelet's part: mount the job ConfigMap and the Secret's items where the CronJob says
    Path root = pod.resolve("root");
    write(root.resolve(PodPaths.JOB_DIR.substring(1)).resolve(PodPaths.JOB_FILE), job.getData().get(PodPaths.JOB_FILE));
    for (KeyToPath item : SyncSecret.volumeItems(secret)) {
      Path file = root.resolve(PodPaths.SECRET_DIR.substring(1)).resolve(item.getPath());
      Files.createDirectories(file.getParent());
      Files.write(file, Base64.getDecoder().decode(secret.getData().get(item.getKey())));
    }
    List<String> args = new ArrayList<>();
    for (String arg : cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()) {
      args.add(arg.startsWith("/etc/") || arg.startsWith("/dev/") ? root.resolve(arg.substring(1)).toString() : arg);
    }
    Files.createDirectories(root.resolve("dev"));

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ContactSyncCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
    assertThat(exit).as(err.toString()).isZero();

    RunReport report = RunReport.parse(Files.readString(root.resolve("dev/termination-log")));
    assertThat(report).isNotNull();
    assertThat(report.read()).isEqualTo(2);
    assertThat(report.created()).isEqualTo(1);
    assertThat(report.quarantinedByReason()).containsEntry("InvalidEmail", 1L);
    assertThat(report.checkpoint().source()).containsKey("file.sha256");
    assertThat(Files.readString(data.resolve("out.jsonl"))).contains("\"given\":\"Ada\"", "tok_").doesNotContain("ada@example.com");
  }

  private static void write(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
