package io.contactsync.operator.runtime;

import io.contactsync.operator.status.StatusEvents;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records Events on a resource. Their messages are status messages: they name objects and reasons, never data. */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  static final String COMPONENT = "contactsync-operator";
  private final Clock clock;

  public EventRecorder(Clock clock) {
    this.clock = clock;
  }

  public void record(KubernetesClient client, HasMetadata about, List<StatusEvents.Note> notes) {
    for (StatusEvents.Note note : notes) {
      String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
      String message = note.message() == null ? "" : note.message();
      try {
        client.v1().events().inNamespace(about.getMetadata().getNamespace()).resource(new EventBuilder()
            .withNewMetadata().withGenerateName(about.getMetadata().getName() + ".").endMetadata()
            .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(about.getApiVersion()).withKind(about.getKind())
                .withName(about.getMetadata().getName()).withNamespace(about.getMetadata().getNamespace())
                .withUid(about.getMetadata().getUid()).build())
            .withType(note.type()).withReason(note.reason())
            .withMessage(message.length() > 1024 ? message.substring(0, 1021) + "..." : message)
            .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
            .withNewSource().withComponent(COMPONENT).endSource().withReportingComponent(COMPONENT)
            .build()).create();
      } catch (KubernetesClientException e) {
        LOG.warn("could not record event {} on {}/{}: HTTP {}", note.reason(), about.getMetadata().getNamespace(),
            about.getMetadata().getName(), e.getCode());
      }
    }
  }
}
