package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ReaderTest {

  /** Text of one- to four-byte characters (a four-byte one is a surrogate pair), so blocks end inside them. */
  private static String mixedText(int codePoints) {
    int[] samples = {'a', ',', '\n', 'é', 'ß', '€', '中', 0x1F600, 0x10348};
    Random random = new Random(7);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      text.appendCodePoint(samples[random.nextInt(samples.length)]);
    }
    return text.toString();
  }

  private static String readAll(Reader reader, int chunk) throws IOException {
    StringBuilder out = new StringBuilder();
    char[] buffer = new char[chunk];
    int n;
    while ((n = reader.read(buffer, 0, chunk)) != -1) {
      out.append(buffer, 0, n);
    }
    return out.toString();
  }

  /** Hands out at most one byte a call, as a slow network stream may. */
  private static InputStream trickling(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1));
      }
    };
  }

  @Test
  void readsValidUtf8AsTheJdkDecodesItWhateverTheChunks() throws IOException {
    String text = mixedText(40_000);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int chunk : new int[] {1, 2, 3, 4095, 8192, 100_000}) {
      assertThat(readAll(new Utf8Reader(new ByteArrayInputStream(bytes)), chunk)).as("chunk %d", chunk).isEqualTo(text);
    }
    assertThat(readAll(new Utf8Reader(trickling(bytes)), 1000)).isEqualTo(text);
    assertThat(new Utf8Reader(new ByteArrayInputStream(new byte[0])).read()).isEqualTo(-1);
    Reader ended = new Utf8Reader(new ByteArrayInputStream(bytes));
    readAll(ended, 8192);
    assertThat(ended.read()).as("a read after the end").isEqualTo(-1);
  }

  @Test
  void readsEachByteThatIsNotUtf8AsACharacterOfItsOwnThatNoValidTextGives() throws IOException {
    String before = mixedText(10_000); // well past the first block, as a bad byte deep in a file is
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    file.writeBytes(new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}); // Windows-1252; an encoded surrogate
    file.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    for (int chunk : new int[] {1, 10, 1000}) { // through the reader's own buffer, and straight into the caller's
      String read = readAll(new Utf8Reader(new ByteArrayInputStream(file.toByteArray())), chunk);
      assertThat(read).as("chunk %d", chunk).isEqualTo(before + "caf\uDCE9 \uDCED\uDCA0\uDC80\n" + before);
      assertThat(Utf8Reader.firstBadByte(read)).hasValue(0xE9);
      assertThat(Utf8Reader.shown(read)).isEqualTo(before + "caf\uFFFD \uFFFD\uFFFD\uFFFD\n" + before);
    }
    assertThat(Utf8Reader.firstBadByte(before)).as("pairs of valid text are not bad bytes").isEmpty();
    assertThat(Utf8Reader.shown(before)).isSameAs(before);
  }

  @Test
  void aSequenceCutOffByTheEndOfTheFileIsItsBytes() throws IOException {
    byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
    byte[] cut = {'o', 'k', euro[0], euro[1]};
    assertThat(readAll(new Utf8Reader(new ByteArrayInputStream(cut)), 10)).isEqualTo("ok\uDCE2\uDC82");
    assertThat(Utf8Reader.decode(cut, cut.length)).isEqualTo("ok\uDCE2\uDC82");
  }
}
