package io.contactsync.operator.it;

import io.contactsync.api.v1alpha1.ContactSync;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another client changing every ContactSync of a namespace in turn, as people and pipelines do: it lists them, then
 * writes each back with the resourceVersion it read (optimistic concurrency). Where the operator wrote in between, the
 * API server answers 409 Conflict; like any careful client it reads again and retries. Each change moves the sync to
 * a new schedule, so its generation grows while the operator works.
 */
final class CompetingWriter {
  private final KubernetesClient client;
  private final String namespace;
  private final AtomicInteger updates = new AtomicInteger();
  private final AtomicInteger conflicts = new AtomicInteger();
  private volatile boolean running;
  private Thread thread;

  CompetingWriter(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  void start() {
    running = true;
    thread = new Thread(this::loop, "competing-writer");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join(30_000);
  }

  int updates() {
    return updates.get();
  }

  int conflicts() {
    return conflicts.get();
  }

  private void loop() {
    for (int round = 0; running; round++) {
      String schedule = (round % 59 + 1) + " * * * *";
      try {
        // writes back from one list: by the time it writes, the operator has often written in between
        for (ContactSync sync : client.resources(ContactSync.class).inNamespace(namespace).list().getItems()) {
          for (ContactSync current = sync; running; ) {
            try {
              current.getSpec().setSchedule(schedule);
              client.resource(current).update();
              updates.incrementAndGet();
              break;
            } catch (KubernetesClientException e) {
              if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
              conflicts.incrementAndGet();
              current = client.resources(ContactSync.class).inNamespace(namespace).withName(sync.getMetadata().getName()).get();
            }
          }
        }
      } catch (KubernetesClientException unavailable) {
        pause(); // the API server is away (a restart): try again, as a pipeline would
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
