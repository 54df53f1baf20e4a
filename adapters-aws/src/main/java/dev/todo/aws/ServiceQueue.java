package dev.todo.aws;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * Every queue of the service, each declared once: its name, the variable that tells the functions its URL, what IAM
 * calls it, its visibility timeout, and how the stack names it and its outputs. Each has a dead-letter queue. The CDK
 * stack, {@link Provisioning} and {@link StackLayout} make and name every entry in one loop; a new queue is a new entry
 * here (with its variable and its resource) plus the function its trigger names.
 */
public enum ServiceQueue {
  /** Packed rows from the importer to the writer. */
  ROWS("todo-import-rows", FunctionSettings.Variable.QUEUE_URL, ServiceFunction.Resource.ROWS_QUEUE, "Import",
      (rowsVisibility, importerTimeout) -> rowsVisibility,
      new Output("QueueUrl", "The import queue of packed rows, drained by the writer"),
      Optional.of(new Output("DeadLetterQueueUrl", "Row messages that failed 5 times: redrive them once the cause is fixed"))),
  /** Continuations of imports that outlast one invocation. */
  CONTROL("todo-import-control", FunctionSettings.Variable.CONTROL_QUEUE_URL, ServiceFunction.Resource.CONTROL_QUEUE,
      "Control", (rowsVisibility, importerTimeout) -> StackLayout.controlVisibility(importerTimeout),
      new Output("ControlQueueUrl", "Continuations of imports that outlast one importer invocation"), Optional.empty()),
  /** An export's tasks: segments to read, the file to assemble. */
  EXPORTS("todo-exports", FunctionSettings.Variable.EXPORT_QUEUE_URL, ServiceFunction.Resource.EXPORT_QUEUE, "Export",
      (rowsVisibility, importerTimeout) -> StackLayout.controlVisibility(importerTimeout),
      new Output("ExportQueueUrl", "Export tasks: segments to read, files to assemble"), Optional.empty());

  /** A stack output: its name and description. */
  public record Output(String name, String description) {
  }

  private final String baseName;
  private final FunctionSettings.Variable urlVariable;
  private final ServiceFunction.Resource resource;
  private final String constructPrefix;
  private final BinaryOperator<Duration> visibility;
  private final Output output;
  private final Optional<Output> deadLetterOutput;

  ServiceQueue(String baseName, FunctionSettings.Variable urlVariable, ServiceFunction.Resource resource,
      String constructPrefix, BinaryOperator<Duration> visibility, Output output, Optional<Output> deadLetterOutput) {
    this.baseName = baseName;
    this.urlVariable = urlVariable;
    this.resource = resource;
    this.constructPrefix = constructPrefix;
    this.visibility = visibility;
    this.output = output;
    this.deadLetterOutput = deadLetterOutput;
  }

  /** The queue's name locally, before the suffix that tells two clouds' queues apart. */
  public String baseName() {
    return baseName;
  }

  /** The variable that tells the functions the queue's URL. */
  public FunctionSettings.Variable urlVariable() {
    return urlVariable;
  }

  /** What IAM statements name the queue as. */
  public ServiceFunction.Resource resource() {
    return resource;
  }

  /** The visibility timeout, given the import queue's and the importer's timeout (a continuation runs that long). */
  public Duration visibility(Duration rowsVisibility, Duration importerTimeout) {
    return visibility.apply(rowsVisibility, importerTimeout);
  }

  /** The stack's construct id of the queue. */
  public String constructId() {
    return constructPrefix + "Queue";
  }

  /** The stack's construct id of its dead-letter queue. */
  public String deadLetterConstructId() {
    return constructPrefix + "DeadLetterQueue";
  }

  public Output output() {
    return output;
  }

  /** The stack's output of the dead-letter queue's URL, where a person redrives it. */
  public Optional<Output> deadLetterOutput() {
    return deadLetterOutput;
  }
}
