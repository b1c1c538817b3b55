package io.contactsync.sync.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.keys.SyncKeys;
import io.contactsync.privacy.policy.CompiledPolicy;
import io.contactsync.privacy.policy.PolicyCompilationException;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.privacy.policy.PolicyOutcome;
import io.contactsync.privacy.sanitize.QuarantineReason;
import io.contactsync.sync.config.ConfigurationException;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.config.KeyScopes;
import io.contactsync.sync.config.PolicyDefinitions;
import io.contactsync.sync.config.SyncValidation;
import io.contactsync.sync.connector.ContactDestination;
import io.contactsync.sync.connector.ContactDestination.WriteCounts;
import io.contactsync.sync.connector.ContactSource;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.format.ReadItem;
import io.contactsync.sync.pipeline.RunSummary.DestinationSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a job: read the source from the checkpoint, apply each destination's compiled policy, write in batches,
 * commit every destination, and only then hand back the next checkpoint. A run that fails anywhere returns no
 * checkpoint, so the next run repeats its work; record ids make the repetition write the same records again.
 * Logs counts only, never values.
 */
public final class SyncRun {
  private static final Logger LOG = LoggerFactory.getLogger(SyncRun.class);
  private static final int UNREADABLE_LOGGED_PER_REASON = 10;
  static final int BATCH_SIZE = 1000;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  /**
   * Where a destination's keys come from: derived for its scope from a local key store's policy keys, or as the
   * operator mounted them (already derived, Encrypt public only).
   */
  @FunctionalInterface
  public interface KeySource {
    SyncKeys keys(JobConfig job, JobConfig.Destination destination) throws IOException;
  }

  /** The run's summary and the checkpoint to store now that every destination has committed. */
  public record Outcome(RunSummary summary, Checkpoint checkpoint) {}

  private final JobConfig job;
  private final KeySource keySource;
  private final CredentialStore credentials;
  private final Clock clock;

  public SyncRun(JobConfig job, KeySource keySource, CredentialStore credentials, Clock clock) {
    this.job = job;
    this.keySource = keySource;
    this.credentials = credentials;
    this.clock = clock;
  }

  public Outcome run(Checkpoint previous) throws ConfigurationException, IOException {
    Instant started = clock.instant();
    List<Target> targets = targets();
    String fingerprint = fingerprint(targets);
    boolean incremental = job.mode() != SyncMode.Full;
    var from = incremental ? previous.sourceFor(fingerprint) : Map.<String, String>of();
    boolean propagateDeletes = job.deletes() != DeletePolicy.Ignore;

    try (ContactSource source = Connectors.source(job, credentials)) {
      for (Target t : targets) t.destination.begin();
      Reading reading = new Reading(source.identity(), source.idsUnique(), targets, propagateDeletes, started);
      LOG.info("sync {}/{}: reading {} ({} run)", job.namespace(), job.name(), source.identity(),
          from.isEmpty() ? "full" : "incremental");
      ContactSource.Result result = source.read(from, reading);
      reading.flush();
      // A read in which every record failed to parse says nothing about what was deleted: never sweep on it.
      boolean nothingUsable = reading.read > 0 && reading.read == reading.sourceQuarantinedTotal();
      if (nothingUsable) LOG.warn("sync {}/{}: no record of the source could be read; deletes are not propagated this run",
          job.namespace(), job.name());
      List<DestinationSummary> destinations = new ArrayList<>();
      for (Target t : targets) {
        WriteCounts counts = result.unchanged() ? new WriteCounts(0, 0, 0, 0)
            : t.destination.commit(result.fullSnapshot() && propagateDeletes && !nothingUsable);
        counts.quarantined().forEach((reason, n) -> t.quarantined.merge(reason, n, Long::sum));
        destinations.add(new DestinationSummary(t.name, t.destination.target(), t.policyName, counts.created(),
            counts.updated(), counts.unchanged(), counts.deleted(), t.quarantined, t.droppedValues));
      }
      double seconds = Duration.between(started, clock.instant()).toNanos() / 1e9;
      RunSummary summary = new RunSummary(job.namespace() + "/" + job.name(), incremental ? "Incremental" : "Full",
          started.toString(), seconds, source.identity(), result.unchanged(), reading.read, reading.sourceQuarantined,
          reading.deletes, destinations);
      LOG.info("sync {}/{}: read {}, quarantined at source {}, in {} s", job.namespace(), job.name(), reading.read,
          summary.sourceQuarantinedTotal(), String.format("%.2f", seconds));
      return new Outcome(summary, new Checkpoint(fingerprint, result.checkpoint()));
    }
  }

  /** A destination with its compiled policy and the run's counts for it. */
  private static final class Target {
    final String name;
    final String policyName;
    final CompiledPolicy policy;
    final ContactDestination destination;
    final String keyIds;
    final List<Contact> batch = new ArrayList<>();
    final List<String> retained = new ArrayList<>();
    final Map<String, Long> quarantined = new TreeMap<>();
    long droppedValues;

    Target(String name, String policyName, CompiledPolicy policy, ContactDestination destination, String keyIds) {
      this.name = name;
      this.policyName = policyName;
      this.policy = policy;
      this.destination = destination;
      this.keyIds = keyIds;
    }
  }

  private List<Target> targets() throws ConfigurationException, IOException {
    List<Target> targets = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (JobConfig.Destination d : job.destinations()) {
      String policyNamespace = SyncValidation.namespaceOf(d.policyRef(), job.namespace());
      String policyName = policyNamespace + "/" + d.policyRef().getName();
      SyncKeys keys = keySource.keys(job, d);
      try {
        CompiledPolicy compiled = PolicyCompiler.compile(PolicyDefinitions.from(d.policy()), keys);
        // key ids and the token scope: outputs change with either, so a change must start a full read
        targets.add(new Target(d.name(), policyName, compiled, Connectors.destination(job, d.connector(), credentials),
            keys.describe() + " " + KeyScopes.of(job, d).describe()));
      } catch (PolicyCompilationException e) {
        e.problems().forEach(p -> problems.add("destination '" + d.name() + "', PrivacyPolicy " + policyName + ": " + p));
      }
    }
    if (!problems.isEmpty()) throw new ConfigurationException(problems);
    return targets;
  }

  /** Identifies the job and the keys it writes with; key ids only, never key material. */
  private String fingerprint(List<Target> targets) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(JsonMapper.builder().build().writeValueAsBytes(job));
      for (Target t : targets) sha.update(t.keyIds.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("the job could not be fingerprinted", e);
    }
  }

  /** Receives the source's records and sends them through every destination's policy, in batches. */
  private final class Reading implements ContactSource.Sink {
    final String sourceIdentity;
    final List<Target> targets;
    final boolean propagateDeletes;
    /** The ids seen, to catch repeats; null where the source catches them itself. */
    final CompactIdSet seenIds;
    final Map<String, Long> sourceQuarantined = new TreeMap<>();
    long read;
    long deletes;
    private final Instant started;

    long sourceQuarantinedTotal() {
      return sourceQuarantined.values().stream().mapToLong(Long::longValue).sum();
    }
    private Instant nextProgress;

    Reading(String sourceIdentity, boolean idsUnique, List<Target> targets, boolean propagateDeletes, Instant started) {
      this.sourceIdentity = sourceIdentity;
      this.seenIds = idsUnique ? null : new CompactIdSet();
      this.targets = targets;
      this.propagateDeletes = propagateDeletes;
      this.started = started;
      this.nextProgress = started.plus(PROGRESS_EVERY);
    }

    @Override
    public void accept(ReadItem item) throws IOException {
      read++;
      if (item.quarantined()) {
        long n = sourceQuarantined.merge(item.reason().code(), 1L, Long::sum);
        // Where, never what: a locator is a position (row 7, card 3), so a user can find and fix the record.
        if (n <= UNREADABLE_LOGGED_PER_REASON) {
          LOG.warn("sync {}/{}: {} of {} is unreadable ({}); skipped and counted{}", job.namespace(), job.name(), item.locator(),
              sourceIdentity, item.reason().code(), n == UNREADABLE_LOGGED_PER_REASON ? "; further ones are only counted" : "");
        }
      } else if (seenIds != null && !seenIds.add(item.contact().getId())) {
        sourceQuarantined.merge(QuarantineReason.DUPLICATE_ID.code(), 1L, Long::sum);
      } else {
        for (Target t : targets) apply(t, item.contact());
      }
      if ((read & 1023) == 0) progress();
    }

    private void apply(Target t, Contact contact) throws IOException {
      PolicyOutcome outcome = t.policy.apply(contact, t.destination.formulasRun());
      String recordId = t.policy.recordId(sourceIdentity, contact.getId());
      t.droppedValues += outcome.droppedValues();
      if (outcome.quarantined()) {
        t.quarantined.merge(outcome.reason().code(), 1L, Long::sum);
        t.retained.add(recordId);
      } else {
        outcome.contact().setId(recordId);
        t.batch.add(outcome.contact());
      }
      if (t.batch.size() >= BATCH_SIZE) flush(t);
    }

    @Override
    public void deleted(String sourceId) throws IOException {
      deletes++;
      if (!propagateDeletes) return;
      for (Target t : targets) {
        flush(t);
        t.destination.delete(List.of(t.policy.recordId(sourceIdentity, sourceId)));
      }
    }

    @Override
    public void unchanged(String sourceId) throws IOException {
      if (seenIds != null && !seenIds.add(sourceId)) return;
      for (Target t : targets) t.retained.add(t.policy.recordId(sourceIdentity, sourceId));
    }

    void flush() throws IOException {
      for (Target t : targets) flush(t);
    }

    private void flush(Target t) throws IOException {
      if (!t.batch.isEmpty()) {
        t.destination.upsert(List.copyOf(t.batch));
        t.batch.clear();
      }
      if (!t.retained.isEmpty()) {
        t.destination.retain(List.copyOf(t.retained));
        t.retained.clear();
      }
    }

    private void progress() {
      Instant now = clock.instant();
      if (now.isBefore(nextProgress)) return;
      nextProgress = now.plus(PROGRESS_EVERY);
      double seconds = Math.max(1e-3, Duration.between(started, now).toMillis() / 1000.0);
      LOG.info("sync {}/{}: {} contacts read ({} per second)", job.namespace(), job.name(), read,
          Math.round(read / seconds));
    }
  }
}
