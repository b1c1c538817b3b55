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
  private static final String IPV4 = "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

  @Size(max = ApiLimits.CIDR)
  @ValidationRule(value = ApiRules.CIDR, message = ApiRules.CIDR_MESSAGE)
  @Required
  // refuses obvious garbage at admission (999.1.1.1/99, /33); the operator's parser also refuses bits past the prefix
  // (servers without CEL run only this; the rule above says the same)
  @Pattern("^" + IPV4 + "/(3[0-2]|[12]?[0-9])$|^[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){1,7}(:" + IPV4 + ")?"
      + "/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$")
  @JsonPropertyDescription("An IPv4 or IPv6 network the sync pods may connect to, e.g. 203.0.113.0/24 or "
      + "2001:db8::/32, within the cluster admin's egress bounds.")
  private String cidr;

  @Size(max = 16)
  @JsonPropertyDescription("Ports allowed to that range; empty allows every port.")
  private List<EgressPort> ports = new ArrayList<>();

  public String getCidr() { return cidr; }
  public void setCidr(String cidr) { this.cidr = cidr; }
  public List<EgressPort> getPorts() { return ports; }
  public void setPorts(List<EgressPort> ports) { this.ports = ports; }
}
