package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Extra egress for cases DNS cannot express (a proxy, a fixed address range). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EgressRule {
  @Size(max = ApiLimits.CIDR)
  @ValidationRule(value = ApiRules.CIDR, message = ApiRules.CIDR_MESSAGE)
  @Required
  @Pattern("^[0-9a-fA-F.:]+/[0-9]{1,3}$")
  @JsonPropertyDescription("An IPv4 or IPv6 CIDR the sync pods may connect to, e.g. 203.0.113.0/24.")
  private String cidr;

  @Size(max = 16)
  @JsonPropertyDescription("Ports allowed to that range; empty allows every port.")
  private List<EgressPort> ports = new ArrayList<>();

  public String getCidr() { return cidr; }
  public void setCidr(String cidr) { this.cidr = cidr; }
  public List<EgressPort> getPorts() { return ports; }
  public void setPorts(List<EgressPort> ports) { this.ports = ports; }
}
