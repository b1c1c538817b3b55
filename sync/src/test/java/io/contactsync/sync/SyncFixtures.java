package io.contactsync.sync;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.ContactSyncSpec;
import io.contactsync.api.v1alpha1.CredentialsRef;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.FileConnector;
import io.contactsync.api.v1alpha1.InvalidValueAction;
import io.contactsync.api.v1alpha1.MaskSpec;
import io.contactsync.api.v1alpha1.PhoneValidationSpec;
import io.contactsync.api.v1alpha1.PolicyAccess;
import io.contactsync.api.v1alpha1.PolicyAction;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PolicyRule;
import io.contactsync.api.v1alpha1.PostgresConnector;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.PrivacyPolicySpec;
import io.contactsync.api.v1alpha1.RemoteConnector;
import io.contactsync.api.v1alpha1.SecretReference;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.api.v1alpha1.Subject;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.api.v1alpha1.ValidationSpec;
import io.contactsync.api.v1alpha1.WebhookConnector;
import io.contactsync.sync.config.JobConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The one builder tests get ContactSyncs, PrivacyPolicies and jobs from. */
public final class SyncFixtures {
  private SyncFixtures() {}

  /** The raw-copy sample policy: everything kept, invalid emails dropped, numbers as they are. */
  public static PrivacyPolicySpec rawCopy() {
    PrivacyPolicySpec spec = new PrivacyPolicySpec();
    spec.setDefaultAction(PolicyAction.Keep);
    ValidationSpec validation = new ValidationSpec();
    validation.setEmail(InvalidValueAction.DropValue);
    PhoneValidationSpec phone = new PhoneValidationSpec();
    phone.setNormalize(PhoneValidationSpec.Normalization.None);
    validation.setPhone(phone);
    spec.setValidation(validation);
    return spec;
  }

  public static PolicyRule rule(PolicyAction action, String... fields) {
    PolicyRule rule = new PolicyRule();
    rule.setAction(action);
    rule.setFields(new ArrayList<>(List.of(fields)));
    return rule;
  }

  public static PolicyRule maskLast(int keepLast, String... fields) {
    PolicyRule rule = rule(PolicyAction.Mask, fields);
    MaskSpec mask = new MaskSpec();
    mask.setKeepLast(keepLast);
    mask.setCharacter("*");
    rule.setMask(mask);
    return rule;
  }

  /** A policy in the given namespace: names kept, email tokenized, phone masked, organization hashed, rest dropped. */
  public static PrivacyPolicy policy(String namespace, String name, PolicyRule... extraRules) {
    PrivacyPolicySpec spec = new PrivacyPolicySpec();
    spec.setDefaultAction(PolicyAction.Drop);
    spec.getRules().add(rule(PolicyAction.Keep, "name.given", "name.family", "formattedName"));
    spec.getRules().add(rule(PolicyAction.Tokenize, "emails[].value"));
    spec.getRules().add(maskLast(4, "phones[].value"));
    spec.getRules().add(rule(PolicyAction.Hash, "organization"));
    spec.getRules().addAll(List.of(extraRules));
    PrivacyPolicy p = new PrivacyPolicy();
    p.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    p.setSpec(spec);
    return p;
  }

  /** A subject of an access list (a key reader); namespace only for a ServiceAccount, else null. */
  public static Subject subject(Subject.Kind kind, String name, String namespace) {
    Subject s = new Subject();
    s.setKind(kind);
    s.setName(name);
    s.setNamespace(namespace);
    return s;
  }

  public static PrivacyPolicy admitting(PrivacyPolicy policy, List<String> namespaces, List<String> hosts) {
    PolicyAccess access = new PolicyAccess();
    access.setNamespaces(new ArrayList<>(namespaces));
    access.setDestinations(new ArrayList<>(hosts));
    policy.getSpec().setAccess(access);
    return policy;
  }

  public static DestinationSpec fileDestination(String name, String path, PolicyReference policy) {
    DestinationSpec d = new DestinationSpec();
    d.setName(name);
    d.setPrivacyPolicyRef(policy);
    d.setFile(new FileConnector(path));
    return d;
  }

  public static DestinationSpec webhookDestination(String name, String url, PolicyReference policy) {
    DestinationSpec d = new DestinationSpec();
    d.setName(name);
    d.setPrivacyPolicyRef(policy);
    WebhookConnector webhook = new WebhookConnector();
    webhook.setUrl(url);
    d.setWebhook(webhook);
    return d;
  }

  /** A PostgreSQL destination whose credentials come from the named Secret. */
  public static DestinationSpec postgresDestination(String name, String url, String credentialsSecret, PolicyReference policy) {
    DestinationSpec d = new DestinationSpec();
    d.setName(name);
    d.setPrivacyPolicyRef(policy);
    PostgresConnector pg = new PostgresConnector();
    pg.setUrl(url);
    pg.setTable("contacts");
    pg.setCredentials(secretCredentials(credentialsSecret));
    d.setPostgres(pg);
    return d;
  }

  /** Credentials from the named Secret. */
  public static CredentialsRef secretCredentials(String secretName) {
    SecretReference secret = new SecretReference();
    secret.setName(secretName);
    CredentialsRef credentials = new CredentialsRef();
    credentials.setSecretRef(secret);
    return credentials;
  }

  /**
   * Writes a Secret's credentials the way a local run reads them (credentialsDir/secretName/username, password,
   * ca.crt) and returns that directory.
   */
  public static Path writeCredentials(Path credentialsDir, String secretName, String username, String password,
      String caFile) throws IOException {
    Path secret = credentialsDir.resolve(secretName);
    Files.createDirectories(secret);
    Files.writeString(secret.resolve("username"), username);
    Files.writeString(secret.resolve("password"), password);
    Files.copy(Path.of(caFile), secret.resolve("ca.crt"));
    return secret;
  }

  /** The same destination with its credentials sealed instead: key to sealed value. */
  public static DestinationSpec withSealedCredentials(DestinationSpec d, Map<String, String> sealed) {
    CredentialsRef credentials = new CredentialsRef();
    credentials.setSealed(new TreeMap<>(sealed));
    d.connectors().values().stream().filter(RemoteConnector.class::isInstance).map(RemoteConnector.class::cast)
        .forEach(c -> c.setCredentials(credentials));
    return d;
  }

  public static ContactSync sync(String namespace, String name, String sourcePath, DestinationSpec... destinations) {
    ContactSyncSpec spec = new ContactSyncSpec();
    spec.setSchedule("*/30 * * * *");
    SourceSpec source = new SourceSpec();
    source.setFile(new FileConnector(sourcePath));
    spec.setSource(source);
    spec.setDestinations(new ArrayList<>(List.of(destinations)));
    ContactSync s = new ContactSync();
    s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    s.setSpec(spec);
    return s;
  }

  /** A file-to-file job under one policy, with paths in the given directory. */
  public static JobConfig job(Path dir, String source, String destination, PrivacyPolicy policy, SyncMode mode,
      DeletePolicy deletes) {
    var ref = new PolicyReference(policy.getMetadata().getName(), policy.getMetadata().getNamespace());
    return new JobConfig("team", "job", mode, deletes, sync("team", "job", source).getSpec().getSource(),
        List.of(new JobConfig.Destination("out", ref, policy.getSpec(), fileDestination("out", destination, ref))),
        dir.toString());
  }
}
