package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShortTextTest {

  @Test
  void plainShortTextIsKeptAsItIs() {
    assertThat(ShortText.of("the header has no 'name' column (found: title)"))
        .isEqualTo("the header has no 'name' column (found: title)");
  }

  @Test
  void runsOfControlCharactersAreNamedNotEchoed() {
    assertThat(ShortText.of("found: " + "\0".repeat(4096) + ", x\ty")).isEqualTo("found: <4096 control characters>, x<U+0009>y");
  }

  @Test
  void longTextStopsAtTheLimitAndSaysHowMuchIsLeftOut() {
    String text = ShortText.of("a".repeat(50_000_000));
    assertThat(text).hasSizeLessThan(ShortText.MAX_CHARS + 40).startsWith("aaa")
        .endsWith("... (" + (50_000_000 - ShortText.MAX_CHARS) + " more characters)");
  }

  @Test
  void aSurrogatePairIsNeverCutInHalf() {
    String text = ShortText.of("a".repeat(ShortText.MAX_CHARS - 1) + "\uD83D\uDE00" + "b");
    assertThat(text).doesNotContain("\uD83D...").startsWith("a".repeat(ShortText.MAX_CHARS - 1) + "...");
  }
}
