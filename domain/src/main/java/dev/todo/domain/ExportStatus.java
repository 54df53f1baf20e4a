package dev.todo.domain;

/** Where an export stands: its segments still being read or its file being assembled, done, or given up with a reason. */
public enum ExportStatus { RUNNING, COMPLETED, FAILED }
