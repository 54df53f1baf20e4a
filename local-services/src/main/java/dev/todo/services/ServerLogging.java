package dev.todo.services;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.LoggerFactory;

/**
 * How the embedded servers (S3Proxy, ElasticMQ) log through SLF4J: warnings and errors only, one line each on
 * stderr. Set in code, found by logback through {@code META-INF/services}: reading the same from a logback.xml costs
 * a start 0.1-0.15 s of parsing.
 */
public final class ServerLogging extends ContextAwareBase implements Configurator {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  /** Binds SLF4J once; a second thread asking meanwhile waits here rather than getting SLF4J's replaying stand-in. */
  static synchronized void bind() {
    LoggerFactory.getILoggerFactory();
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    LayoutBase<ILoggingEvent> layout = new LayoutBase<>() {
      @Override
      public String doLayout(ILoggingEvent e) {
        String line = LocalTime.now().format(TIME) + " " + e.getLevel() + " " + e.getLoggerName() + " - "
            + e.getFormattedMessage() + System.lineSeparator();
        return e.getThrowableProxy() == null ? line
            : line + ThrowableProxyUtil.asString(e.getThrowableProxy()) + System.lineSeparator();
      }
    };
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
