package io.contactsync.sync.pipeline;

import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.FileConnector;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.sync.config.ConfigurationException;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.connector.ContactDestination;
import io.contactsync.sync.connector.ContactSource;
import io.contactsync.sync.connector.FileDestination;
import io.contactsync.sync.connector.FileSource;
import io.contactsync.sync.connector.Ownership;
import io.contactsync.sync.connector.carddav.CardDavDestination;
import io.contactsync.sync.connector.carddav.CardDavSource;
import io.contactsync.sync.connector.ldap.LdapDestination;
import io.contactsync.sync.connector.ldap.LdapSource;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.connector.postgres.PostgresDestination;
import io.contactsync.sync.connector.postgres.PostgresSource;
import io.contactsync.sync.connector.webhook.WebhookDestination;
import java.io.IOException;
import io.contactsync.sync.format.ContactFormat;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the connectors a job declares. */
public final class Connectors {
  private static final String AVAILABLE = "no connector of this kind exists";

  private Connectors() {}

  public static ContactSource source(JobConfig job, CredentialStore credentials) throws ConfigurationException, IOException {
    SourceSpec spec = job.source();
    if (spec.getFile() != null) {
      FileConnector file = spec.getFile();
      Path path = resolve(job, file.getPath());
      // A missing file is a mistake in the manifest, not a failed run that a retry could fix.
      if (!Files.exists(path)) {
        throw new ConfigurationException("ContactSync " + job.namespace() + "/" + job.name() + ": spec.source.file.path: '" + file.getPath() + "' does not exist"
            + (path.toString().equals(file.getPath()) ? "" : " (resolved to " + path + ")"));
      }
      return new FileSource(path, file.getPath(), format(path, file));
    }
    if (spec.getCarddav() != null) {
      return new CardDavSource(spec.getCarddav(), credentials.forEndpoint("source", spec.getCarddav().getCredentials()));
    }
    if (spec.getLdap() != null) {
      return new LdapSource(spec.getLdap(), credentials.forEndpoint("source", spec.getLdap().getCredentials()));
    }
    if (spec.getPostgres() != null) {
      return new PostgresSource(spec.getPostgres(), credentials.forEndpoint("source", spec.getPostgres().getCredentials()));
    }
    throw new ConfigurationException("source: " + String.join(", ", spec.connectors().keySet()) + ": " + AVAILABLE);
  }

  public static ContactDestination destination(JobConfig job, DestinationSpec spec, CredentialStore credentials)
      throws ConfigurationException, IOException {
    if (spec.getFile() != null) {
      Path path = resolve(job, spec.getFile().getPath());
      return new FileDestination(path, format(path, spec.getFile()), ownership(job, spec));
    }
    if (spec.getPostgres() != null) {
      return new PostgresDestination(spec.getName(), ownership(job, spec), spec.getPostgres(),
          credentials.forEndpoint(spec.getName(), spec.getPostgres().getCredentials()));
    }
    if (spec.getCarddav() != null) {
      return new CardDavDestination(spec.getName(), ownership(job, spec), spec.getCarddav(),
          credentials.forEndpoint(spec.getName(), spec.getCarddav().getCredentials()));
    }
    if (spec.getLdap() != null) {
      return new LdapDestination(spec.getName(), ownership(job, spec), spec.getLdap(),
          credentials.forEndpoint(spec.getName(), spec.getLdap().getCredentials()));
    }
    if (spec.getWebhook() != null) {
      return new WebhookDestination(job.namespace() + "/" + job.name(), spec.getName(), spec.getWebhook(),
          credentials.forEndpoint(spec.getName(), spec.getWebhook().getCredentials()));
    }
    throw new ConfigurationException("destination '" + spec.getName() + "': "
        + String.join(", ", spec.connectors().keySet()) + ": " + AVAILABLE);
  }

  private static Ownership ownership(JobConfig job, DestinationSpec spec) {
    return Ownership.of(job.namespace(), job.name(), spec.getMaxDeletePercent());
  }

  private static ContactFormat format(Path path, FileConnector file) throws ConfigurationException {
    try {
      return ContactFormat.of(path, file.getFormat());
    } catch (ContactFormat.UnsupportedFormatException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  private static Path resolve(JobConfig job, String path) {
    Path p = Path.of(path);
    return p.isAbsolute() || job.baseDir() == null ? p.normalize() : Path.of(job.baseDir()).resolve(p).normalize();
  }
}
