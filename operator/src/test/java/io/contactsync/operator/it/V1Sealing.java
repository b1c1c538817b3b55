package io.contactsync.operator.it;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Seals a value the way sealed.v1 did (context info "contactsync.io/sealed/v1:NS/SYNC"), to show v1 is refused. */
final class V1Sealing {
  private V1Sealing() {}

  static String seal(String publicKeysetJson, String namespace, String name, byte[] value) throws GeneralSecurityException {
    KeysetHandle keys = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(publicKeysetJson, HybridConfig2026.get());
    byte[] ciphertext = keys.getPrimitive(HybridConfig2026.get(), HybridEncrypt.class)
        .encrypt(value, ("contactsync.io/sealed/v1:" + namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
    return "sealed.v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);
  }
}
