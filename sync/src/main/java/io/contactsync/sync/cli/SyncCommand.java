package io.contactsync.sync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.sync.config.ConfigurationException;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.manifest.LocalJobs;
import io.contactsync.sync.manifest.Manifests;
import io.contactsync.sync.pipeline.Checkpoint;
import io.contactsync.sync.pipeline.CheckpointStore;
import io.contactsync.sync.pipeline.RunReport;
import io.contactsync.sync.pipeline.SyncRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs one sync: read the source, apply each destination's PrivacyPolicy, write, and print a summary.",
        "",
        "Locally:    contactsync sync --local -f config/samples/local/",
        "In a pod:   contactsync sync --config /etc/contactsync/job/job.json (what the operator's CronJob runs)"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the run succeeded (quarantined contacts do not fail it)", "1:the run failed; nothing was committed "
        + "after the failure and the checkpoint did not move", "2:the manifests or options need fixing"})
public final class SyncCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @Spec
  CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Where where;

  static final class Where {
    @ArgGroup(exclusive = false)
    Local local;

    @Option(names = "--config", paramLabel = "JOB.json", required = true,
        description = "Run the job the operator rendered (keys from --keys-dir, checkpoint from --checkpoint).")
    Path config;
  }

  static final class Local {
    @Option(names = "--local", required = true, description = "Run from manifests on this machine, no cluster needed.")
    boolean local;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
        description = "ContactSync and PrivacyPolicy manifests: files, or directories of .yaml files. Repeatable.")
    List<Path> files;

    @Option(names = "--name", description = "Which ContactSync to run when the manifests hold several.")
    String name;
  }

  @Mixin
  StateDirOption state;

  @Option(names = "--mode", description = "Override spec.mode for this run: ${COMPLETION-CANDIDATES}.")
  SyncMode mode;

  @Option(names = "--keys-dir", paramLabel = "DIR", defaultValue = "/etc/contactsync/keys",
      description = "With --config: the mounted keys, one directory per destination holding its scope's derived "
          + "keys and the public Encrypt keys (default: ${DEFAULT-VALUE}).")
  Path keysDir;

  @Option(names = "--credentials-dir", paramLabel = "DIR",
      description = "Credentials: with --local, one directory per Secret name holding one file per key (default: "
          + "<state-dir>/credentials); with --config, as the operator mounts them (default: /etc/contactsync/secret/credentials).")
  Path credentialsDir;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "With --config: the checkpoint to start from (absent or empty: a full read).")
  Path checkpointFile;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Also write the run's counts and new checkpoint as JSON of at most 4 KiB to FILE "
          + "(in a pod: /dev/termination-log, which the operator reads).")
  Path report;

  @Override
  public Integer call() throws ConfigurationException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (where.local != null) return runLocal(out);
    return runConfigured(out);
  }

  private int runLocal(PrintWriter out) throws ConfigurationException, IOException {
    JobConfig job = withMode(LocalJobs.build(Manifests.load(where.local.files), where.local.name));
    Path stateDir = state.resolve();
    FileKeyStore keys = new FileKeyStore(stateDir);
    CheckpointStore checkpoints = new CheckpointStore(stateDir);
    CredentialStore credentials = CredentialStore.perSecretName(
        credentialsDir != null ? credentialsDir : stateDir.resolve("credentials"));
    SyncRun.Outcome outcome = new SyncRun(job, keys::writerKeys, credentials, Clock.systemUTC())
        .run(checkpoints.load(job.namespace(), job.name()));
    checkpoints.save(job.namespace(), job.name(), outcome.checkpoint());
    SummaryPrinter.print(outcome.summary(), out);
    SummaryPrinter.printInsecure(job, out);
    out.printf("  state: %s (keys and checkpoint)%n", stateDir.toAbsolutePath());
    writeReport(outcome);
    return 0;
  }

  private int runConfigured(PrintWriter out) throws ConfigurationException, IOException {
    JobConfig job;
    try {
      job = withMode(JSON.readValue(where.config.toFile(), JobConfig.class));
    } catch (IOException e) {
      throw new ConfigurationException(where.config + " is not a job configuration: " + e.getClass().getSimpleName());
    }
    Checkpoint previous = checkpointFile != null && Files.exists(checkpointFile) && Files.size(checkpointFile) > 0
        ? CheckpointStore.parse(Files.readString(checkpointFile)) : Checkpoint.NONE;
    CredentialStore credentials = CredentialStore.perEndpoint(
        credentialsDir != null ? credentialsDir : Path.of("/etc/contactsync/secret/credentials"));
    SyncRun.Outcome outcome = new SyncRun(job, (j, d) -> FileKeyStore.loadMounted(keysDir.resolve(d.name())),
        credentials, Clock.systemUTC()).run(previous);
    SummaryPrinter.print(outcome.summary(), out);
    SummaryPrinter.printInsecure(job, out);
    writeReport(outcome);
    return 0;
  }

  private JobConfig withMode(JobConfig job) {
    if (mode == null) return job;
    return new JobConfig(job.namespace(), job.name(), mode, job.deletes(), job.source(), job.destinations(), job.baseDir());
  }

  private void writeReport(SyncRun.Outcome outcome) throws IOException {
    if (report == null) return;
    Files.writeString(report, RunReport.of(outcome.summary(), outcome.checkpoint()).toJson());
  }
}
