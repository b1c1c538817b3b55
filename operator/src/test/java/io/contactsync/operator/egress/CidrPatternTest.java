package io.contactsync.operator.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped CRD's pattern for spec.egress[].cidr: garbage refused at admission, nothing Cidr reads refused by it. */
class CidrPatternTest {
  static Pattern shippedPattern() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("..", "crds", "contactsyncs.contactsync.io-v1.yml"))) {
      CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
      JSONSchemaProps spec = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
      return Pattern.compile(spec.getProperties().get("egress").getItems().getSchema().getProperties().get("cidr").getPattern());
    }
  }

  @Test
  void refusesWhatIsNoCidrAndAdmitsEveryCidrTheOperatorReads() throws IOException {
    Pattern pattern = shippedPattern();
    for (String garbage : List.of("999.1.1.1/99", "10.0.0.0/33", "256.0.0.0/8", "010.0.0.0/8", "10.0.0/8", "10.0.0.0",
        "::/129", "example.com/32", "1.2.3.4/32,5.6.7.8/32", "10.0.0.0/8 ")) {
      assertThat(pattern.matcher(garbage).find()).as(garbage).isFalse();
      assertThatThrownBy(() -> Cidr.parse(garbage)).as(garbage).isInstanceOf(IllegalArgumentException.class);
    }
    for (String cidr : List.of("0.0.0.0/0", "203.0.113.0/24", "255.255.255.255/32", "::/0", "2001:db8::/32",
        "fd00:ec2::254/128", "fe80::/10", "1:2:3:4:5:6:7:8/128", "64:ff9b::198.51.100.7/128")) {
      assertThat(pattern.matcher(cidr).find()).as(cidr).isTrue();
      assertThat(Cidr.parse(cidr)).as(cidr).isNotNull();
    }
    // bits past the prefix are the parser's to refuse (InvalidSpec, naming the network), not the pattern's
    assertThat(pattern.matcher("10.0.0.1/8").find()).isTrue();
  }
}
