package dev.todo.domain;

/** A record boundary in an import file: the line the next record starts on and its UTF-8 byte offset. */
public record ReadPosition(long line, long byteOffset) {

  public static final ReadPosition START = new ReadPosition(1, 0);
}
