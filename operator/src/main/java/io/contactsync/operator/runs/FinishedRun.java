package io.contactsync.operator.runs;

import io.contactsync.sync.pipeline.RunReport;
import java.time.Instant;

/**
 * A sync pod that has finished: its Job, when it finished, and either the report it left (success) or why it failed.
 * The error is the worker's own one-line message or the pod's exit reason: never contact data.
 */
public record FinishedRun(String job, Instant finishedAt, boolean succeeded, RunReport report, String error) {}
