package io.contactsync.bench;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.policy.CompiledPolicy;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.sync.config.PolicyDefinitions;
import io.contactsync.sync.manifest.Manifests;
import io.contactsync.sync.sample.SyntheticContacts;
import java.nio.file.Path;
import java.util.List;

/**
 * What the benchmarks share: the reference policy of config/samples/local, compiled with fresh keys, and the
 * generated 10-field contacts the bundled samples are made of (`contactsync generate`).
 */
final class ReferenceWorkload {
  /** A power of two, so a cursor wraps with a mask; large enough that the phone numbers rarely repeat. */
  static final int CONTACTS = 1 << 14;

  final PolicyKeys keys = PolicyKeys.generate();
  final CompiledPolicy policy;
  final Contact[] contacts = new Contact[CONTACTS];

  ReferenceWorkload() throws Exception {
    Path root = Path.of(System.getProperty("contactsync.root", "."));
    Path file = root.resolve("config/samples/local/privacypolicy.yaml");
    PrivacyPolicy reference = Manifests.load(List.of(file)).policies().get(0).object();
    policy = PolicyCompiler.compile(PolicyDefinitions.from(reference.getSpec()), keys);
    SyntheticContacts generated = new SyntheticContacts(7, CONTACTS);
    for (int i = 0; i < CONTACTS; i++) contacts[i] = generated.contact(i);
  }
}
