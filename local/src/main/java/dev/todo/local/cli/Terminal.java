package dev.todo.local.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Where the commands write for a person: lines, and a progress bar that a line never lands on. On a terminal the
 * bar is redrawn in place (and drawn again under a line printed meanwhile); elsewhere (a pipe, a file, CI) it becomes
 * a plain line when the status changes or every {@code plainEvery}, as curl and Maven do.
 */
final class Terminal {

  /** No line this tool prints for a person is longer, unless {@code --verbose} asks for the functions' own. */
  static final int MAX_LINE = 200;

  private final PrintStream out;
  private final boolean tty;
  private final long plainEveryNanos;
  private String bar = "";
  private String lastPlainStatus = "";
  private long lastPlain;

  Terminal(PrintStream out, boolean tty, Duration plainEvery) {
    this.out = out;
    this.tty = tty;
    this.plainEveryNanos = plainEvery.toNanos();
  }

  /** The process's standard output; a terminal if the JVM has a console. */
  static Terminal standardOutput() {
    return new Terminal(System.out, System.console() != null, Duration.ofSeconds(5));
  }

  boolean isTty() {
    return tty;
  }

  /** A line of its own, never over a bar (which is drawn again below it). */
  synchronized void line(String text) {
    if (tty && !bar.isEmpty()) {
      out.print("\r" + " ".repeat(bar.length()) + "\r");
    }
    out.println(text);
    if (tty && !bar.isEmpty()) {
      out.print(bar);
    }
    out.flush();
  }

  /** The progress bar now; {@code status} is the word whose change a plain output always shows. */
  synchronized void bar(String progress, String status) {
    if (tty) {
      out.print("\r" + progress);
      bar = progress;
    } else if (!status.equals(lastPlainStatus) || System.nanoTime() - lastPlain >= plainEveryNanos) {
      out.println(progress.strip());
      lastPlainStatus = status;
      lastPlain = System.nanoTime();
    }
    out.flush();
  }

  /** The bar is done: the next line starts below it. */
  synchronized void endBar() {
    if (tty && !bar.isEmpty()) {
      out.println();
    }
    bar = "";
    lastPlainStatus = "";
    out.flush();
  }

  /** {@code text} cut to {@link #MAX_LINE} characters, with an ellipsis where it was cut. */
  static String shorten(String text) {
    String oneLine = text.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() <= MAX_LINE ? oneLine : oneLine.substring(0, MAX_LINE - 1) + "…";
  }
}
