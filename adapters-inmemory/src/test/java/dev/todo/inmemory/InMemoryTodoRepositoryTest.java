package dev.todo.inmemory;

import dev.todo.ports.TodoRepository;
import dev.todo.ports.contract.TodoRepositoryContract;

class InMemoryTodoRepositoryTest extends TodoRepositoryContract {

  private final InMemoryTodoRepository repository = new InMemoryTodoRepository();

  @Override
  protected TodoRepository repository() {
    return repository;
  }
}
