package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CardDavConnector extends RemoteConnector {
  @Required
  @Size(max = ApiLimits.URL)
  @Pattern(ApiPatterns.HTTP_URL)
  @JsonPropertyDescription("URL of the address book collection, or of the server for discovery; https unless allowInsecureTransport.")
  private String url;

  @Override
  public String getUrl() { return url; }
  public void setUrl(String url) { this.url = url; }
}
