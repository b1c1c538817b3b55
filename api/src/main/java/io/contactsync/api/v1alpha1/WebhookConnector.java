package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebhookConnector extends RemoteConnector {
  @Required
  @Size(max = ApiLimits.URL)
  @Pattern(ApiPatterns.HTTP_URL)
  @JsonPropertyDescription("The endpoint batches are POSTed to; https unless allowInsecureTransport.")
  private String url;

  @Override
  public String getUrl() { return url; }
  public void setUrl(String url) { this.url = url; }
}
