package io.contactsync.operator.reconciler;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a failed reconcile says in the sync's status: each failed step with the exception's kind, the API server's
 * HTTP status and its causes (the field and what is wrong with it). Never empty: JOSDK's aggregated failure has a
 * message that ends in "Details:" and the details on the following lines. API errors name objects, never contact
 * data; the values they echo are left out, so a rejected value (a name, a label) is never repeated.
 */
final class FailureSummary {
  private static final int MAX = 1000;
  private static final Pattern ECHOED_VALUE = Pattern.compile("Invalid value: (\"(?:[^\"\\\\]|\\\\.)*\"|\\S+): ");

  private FailureSummary() {}

  static String of(Throwable e) {
    AggregatedOperatorException aggregated = find(e, AggregatedOperatorException.class);
    String summary = aggregated == null || aggregated.getAggregatedExceptions().isEmpty() ? step(e)
        : aggregated.getAggregatedExceptions().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(f -> f.getKey() + ": " + step(f.getValue())).collect(Collectors.joining("; "));
    return summary.length() <= MAX ? summary : summary.substring(0, MAX - 1) + "…";
  }

  private static String step(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KubernetesClientException api && api.getCode() > 0) return apiFailure(api);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String line = firstLine(root.getMessage());
    if (line.isEmpty() && root != e) line = firstLine(e.getMessage());
    return root.getClass().getSimpleName() + (line.isEmpty() ? "" : ": " + line);
  }

  private static String apiFailure(KubernetesClientException e) {
    Status status = e.getStatus();
    String reason = status == null || status.getReason() == null ? "" : " " + status.getReason();
    List<String> causes = new ArrayList<>();
    if (status != null && status.getDetails() != null && status.getDetails().getCauses() != null) {
      for (StatusCause cause : status.getDetails().getCauses()) {
        String what = firstLine(cause.getMessage()).isEmpty() ? Objects.requireNonNullElse(cause.getReason(), "")
            : firstLine(cause.getMessage());
        causes.add(cause.getField() == null ? what : cause.getField() + ": " + what);
      }
    }
    if (causes.isEmpty() && status != null) causes.add(firstLine(status.getMessage()));
    causes.removeIf(String::isBlank);
    return "HTTP " + e.getCode() + reason + (causes.isEmpty() ? "" : " (" + String.join(", ", causes.stream().distinct()
        .toList()) + ")");
  }

  private static String firstLine(String message) {
    if (message == null) return "";
    String line = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    line = ECHOED_VALUE.matcher(line).replaceAll("");
    return line.length() <= 300 ? line : line.substring(0, 299) + "…";
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) return type.cast(t);
    }
    return null;
  }
}
