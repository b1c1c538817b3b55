package io.contactsync.operator.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CidrTest {
  @ParameterizedTest
  @ValueSource(strings = {"999.1.1.1/99", "10.0.0.1/8", "2130706433/32", "010.0.0.0/8", "10.0.0/8", "10.0.0.0",
      "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/08", "::/129", "::ffff:10.0.0.1/128", "example.com/32", "", "/0",
      "10.0.0.0/8 ", "1.2.3.4/32,5.6.7.8/32"})
  void refusesWhatTheNetworkPolicyApiWouldRefuseOrReadDifferently(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsBothFamiliesInCanonicalForm() {
    assertThat(Cidr.parse("203.0.113.0/24")).hasToString("203.0.113.0/24");
    assertThat(Cidr.parse("fd00:ec2:0::254/128")).hasToString("fd00:ec2:0:0:0:0:0:254/128")
        .isEqualTo(Cidr.parse("fd00:ec2::254/128"));
    assertThat(Cidr.parse("0.0.0.0/0").prefixLength()).isZero();
    assertThat(Cidr.host("10.96.0.1")).isEqualTo(Cidr.parse("10.96.0.1/32"));
  }

  @Test
  void overlapAndContainmentStayWithinAFamily() {
    Cidr linkLocal = Cidr.parse("169.254.0.0/16");
    assertThat(Cidr.parse("169.254.169.254/32").overlaps(linkLocal)).isTrue();
    assertThat(Cidr.parse("0.0.0.0/0").overlaps(linkLocal)).isTrue();
    assertThat(Cidr.parse("169.0.0.0/8").overlaps(linkLocal)).isTrue();
    assertThat(Cidr.parse("169.255.0.0/16").overlaps(linkLocal)).isFalse();
    assertThat(Cidr.parse("::/0").overlaps(linkLocal)).isFalse();
    assertThat(linkLocal.contains(Cidr.parse("169.254.1.0/24"))).isTrue();
    assertThat(Cidr.parse("169.254.1.0/24").contains(linkLocal)).isFalse();
  }
}
