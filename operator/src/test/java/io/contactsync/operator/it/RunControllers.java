package io.contactsync.operator.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;

/**
 * Plays, as faithfully as the cluster tests need, what the test API server lacks: the CronJob controller (a Job from
 * the CronJob's template, controlled by the CronJob's UID), the Job controller (a Pod from the Job's template,
 * controlled by the Job's UID, and its Complete status) and the kubelet (the sync container's termination).
 */
final class RunControllers {
  private RunControllers() {}

  /** As the CronJob controller does at a schedule. */
  static Job scheduledJob(KubernetesClient admin, CronJob cron, String name) {
    var template = cron.getSpec().getJobTemplate();
    return admin.resource(new JobBuilder()
        .withNewMetadata().withName(name).withNamespace(cron.getMetadata().getNamespace())
        .withLabels(template.getMetadata().getLabels()).withOwnerReferences(controller(cron)).endMetadata()
        .withSpec(template.getSpec()).build()).create();
  }

  /** As the Job controller does: one pod of the Job, with the labels it adds. */
  static Pod podOf(KubernetesClient admin, Job job) {
    var template = job.getSpec().getTemplate();
    return admin.resource(new PodBuilder()
        .withNewMetadata().withName(job.getMetadata().getName() + "-abcde").withNamespace(job.getMetadata().getNamespace())
        .withLabels(template.getMetadata().getLabels())
        .addToLabels("job-name", job.getMetadata().getName())
        .addToLabels("controller-uid", job.getMetadata().getUid())
        .withOwnerReferences(controller(job)).endMetadata()
        .withSpec(template.getSpec()).build()).create();
  }

  /** As the kubelet does: the sync container terminated with this exit code and termination message. */
  static void finish(KubernetesClient admin, Pod pod, Instant finishedAt, int exitCode, String message) {
    Pod current = admin.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
    current.setStatus(new PodStatusBuilder().withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .withStartTime(finishedAt.minusSeconds(30).toString())
        .addNewContainerStatus().withName("sync").withImage("contactsync-operator:it").withImageID("").withReady(false)
        .withRestartCount(0).withNewState().withNewTerminated().withExitCode(exitCode).withFinishedAt(finishedAt.toString())
        .withStartedAt(finishedAt.minusSeconds(30).toString()).withMessage(message).endTerminated().endState()
        .endContainerStatus().build());
    admin.pods().inNamespace(current.getMetadata().getNamespace()).resource(current).updateStatus();
  }

  /** As the Job controller does once the Job's pod succeeded: the Job is Complete. */
  static void complete(KubernetesClient admin, Job job) {
    Job current = admin.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName()).get();
    String now = Instant.now().toString();
    current.setStatus(new JobStatusBuilder().withStartTime(now).withCompletionTime(now).withSucceeded(1)
        .withConditions(new JobConditionBuilder().withType("Complete").withStatus("True").withLastTransitionTime(now).build())
        .build());
    admin.batch().v1().jobs().inNamespace(current.getMetadata().getNamespace()).resource(current).updateStatus();
  }

  /** A finished scheduled run of the CronJob: its Job, the Job's pod, the pod's termination. */
  static Pod scheduledRun(KubernetesClient admin, CronJob cron, String job, Instant finishedAt, int exitCode, String message) {
    Pod pod = podOf(admin, scheduledJob(admin, cron, job));
    finish(admin, pod, finishedAt, exitCode, message);
    return pod;
  }

  /** The owner reference a controller sets on what it makes: controller=true, with the owner's UID. */
  static OwnerReference controller(HasMetadata owner) {
    return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }
}
