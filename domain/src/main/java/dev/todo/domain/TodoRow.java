package dev.todo.domain;

/** An accepted CSV row: the todo it describes and the file line it starts on. */
public record TodoRow(long line, Todo todo) {
}
