package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One source, one or more destinations each under a PrivacyPolicy, and a schedule. */
@JsonClassDescription("One sync: contacts read from one source and written to one or more destinations, each through a PrivacyPolicy, on a schedule. The operator runs it as a locked-down CronJob.")
@Group(ContactSync.GROUP)
@Version(ContactSync.VERSION)
@Kind("ContactSync")
@Singular("contactsync")
@Plural("contactsyncs")
@ShortNames("csync")
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Source", jsonPath = ".status.source", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Last Sync", jsonPath = ".status.lastSuccessfulTime",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Suspended", jsonPath = ".spec.suspend", type = AdditionalPrinterColumn.Type.BOOLEAN,
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = ApiRules.SYNC_NAME, message = ApiRules.SYNC_NAME_MESSAGE)
public class ContactSync extends CustomResource<ContactSyncSpec, ContactSyncStatus> implements Namespaced {
  public static final String GROUP = "contactsync.io";
  public static final String VERSION = "v1alpha1";
  private static final long serialVersionUID = 1L;

  @Override
  @JsonPropertyDescription("The desired sync: one source, destinations each under a PrivacyPolicy, and a schedule.")
  public ContactSyncSpec getSpec() { return super.getSpec(); }

  @Override
  @JsonPropertyDescription("Observed state, written by the operator: conditions, the last runs and their counts. Never contact data or secrets.")
  public ContactSyncStatus getStatus() { return super.getStatus(); }
}
