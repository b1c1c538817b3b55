package io.contactsync.sync;

import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.pipeline.CheckpointStore;
import io.contactsync.sync.pipeline.RunSummary;
import io.contactsync.sync.pipeline.SyncRun;
import java.nio.file.Path;
import java.time.Clock;

/** One run of a job as the sync pod makes it: keys and checkpoint in dir/state, credentials in dir/credentials. */
public final class LocalRun {
  private LocalRun() {}

  /** Runs from the saved checkpoint and saves the one the run returns, as consecutive pod runs would. */
  public static RunSummary of(JobConfig job, Path dir) throws Exception {
    FileKeyStore keys = new FileKeyStore(dir.resolve("state"));
    CheckpointStore checkpoints = new CheckpointStore(dir.resolve("state"));
    SyncRun.Outcome outcome = new SyncRun(job, keys::writerKeys, CredentialStore.perSecretName(dir.resolve("credentials")),
        Clock.systemUTC()).run(checkpoints.load(job.namespace(), job.name()));
    checkpoints.save(job.namespace(), job.name(), outcome.checkpoint());
    return outcome.summary();
  }
}
