package io.contactsync.sync.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.sync.connector.ContactSource;
import io.contactsync.sync.connector.FileSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** vCards exported by real clients (the ez-vcard test corpus): each card maps to a contact or is quarantined. */
class VcardCorpusTest {
  static Stream<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(VcardCorpusTest.class.getResource("/corpus/vcard-clients").toURI());
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.toString().endsWith(".vcf")).sorted().forEach(files::add);
    }
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void everyCardIsReadOrQuarantinedWithoutACrash(Path file) throws IOException {
    List<ReadItem> items = new ArrayList<>();
    new FileSource(file, file.getFileName().toString(), new VcardFormat()).read(Map.of(), new ContactSource.Sink() {
      @Override
      public void accept(ReadItem item) {
        items.add(item);
      }

      @Override
      public void deleted(String sourceId) {}
    });
    assertThat(items).as(file.getFileName().toString()).isNotEmpty();
    for (ReadItem item : items) {
      if (item.quarantined()) {
        assertThat(item.reason()).isNotNull();
        assertThat(item.locator()).startsWith("card ");
      } else {
        assertThat(item.contact().getId()).as("every contact has an id, its own or a derived one").isNotBlank();
      }
    }
    assertThat(items).as("the corpus cards all carry a name, so none is left without an id")
        .filteredOn(ReadItem::quarantined).isEmpty();
  }
}
