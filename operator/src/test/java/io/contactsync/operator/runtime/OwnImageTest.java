package io.contactsync.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class OwnImageTest {
  private static Pod pod(String... namesAndImages) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withName("contactsync-operator-abc").endMetadata().withNewSpec().endSpec();
    for (int i = 0; i < namesAndImages.length; i += 2) {
      pod.editSpec().addNewContainer().withName(namesAndImages[i]).withImage(namesAndImages[i + 1]).endContainer().endSpec();
    }
    return pod.build();
  }

  @Test
  void theOperatorContainerNamesTheImageEvenBesideSidecars() {
    assertThat(OwnImage.of(pod("proxy", "envoy:1", "operator", "registry.example/contactsync@sha256:ab")))
        .contains("registry.example/contactsync@sha256:ab");
  }

  @Test
  void aSingleContainerIsTheOperatorWhateverItsName() {
    assertThat(OwnImage.of(pod("manager", "registry.example/contactsync:0.2.0"))).contains("registry.example/contactsync:0.2.0");
  }

  @Test
  void severalContainersNoneNamedOperatorOrNoPodGiveNothing() {
    assertThat(OwnImage.of(pod("a", "x:1", "b", "y:1"))).isEmpty();
    assertThat(OwnImage.of(null)).isEmpty();
  }
}
