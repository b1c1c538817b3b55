package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A port of an egress rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EgressPort {
  /** Transport protocols a NetworkPolicy knows. */
  public enum Protocol { TCP, UDP, SCTP }

  @Required
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("The port number.")
  private Integer port;

  @Default("TCP")
  @JsonPropertyDescription("TCP, UDP or SCTP.")
  private Protocol protocol;

  public Integer getPort() { return port; }
  public void setPort(Integer port) { this.port = port; }
  public Protocol getProtocol() { return protocol; }
  public void setProtocol(Protocol protocol) { this.protocol = protocol; }
}
