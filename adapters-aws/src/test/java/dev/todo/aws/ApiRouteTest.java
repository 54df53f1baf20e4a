package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRouteTest {

  @Test
  void everyRouteIsServedByAnApiFunctionAndEveryApiFunctionServesARoute() {
    assertThat(ApiRoute.values()).allSatisfy(r -> assertThat(r.function().trigger()).isInstanceOf(ServiceFunction.Trigger.Api.class));
    assertThat(Arrays.stream(ServiceFunction.values()).filter(f -> f.trigger() instanceof ServiceFunction.Trigger.Api))
        .allSatisfy(f -> assertThat(ApiRoute.values()).anySatisfy(r -> assertThat(r.function()).isEqualTo(f)));
    assertThat(Arrays.stream(ApiRoute.values()).map(r -> r.method() + " " + r.path())).doesNotHaveDuplicates();
  }

  @Test
  void aRequestFindsItsRouteAndItsPathParameters() {
    assertThat(ApiRoute.find("GET", List.of("todo", "abc"))).hasValue(new ApiRoute.Match(ApiRoute.GET_TODO, Map.of("todoId", "abc")));
    assertThat(ApiRoute.find("GET", List.of("imports"))).hasValue(new ApiRoute.Match(ApiRoute.LIST_IMPORTS, Map.of()));
    assertThat(ApiRoute.find("PUT", List.of("todo", "abc"))).isEmpty();
    assertThat(ApiRoute.methodsAt(List.of("todo", "abc"))).containsExactly("GET", "PATCH", "DELETE");
    assertThat(ApiRoute.methodsAt(List.of("nothing"))).isEmpty();
    assertThat(ApiRoute.find("GET", List.of("todo", "abc", "more"))).isEmpty();
  }
}
