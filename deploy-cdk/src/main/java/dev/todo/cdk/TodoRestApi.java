package dev.todo.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/** The REST API in front of the functions: one resource per route group, with validation where there is input. */
final class TodoRestApi {

  private TodoRestApi() {
  }

  /** The API, its stage with access logs, request validation and models, and each route's function. */
  static RestApi create(Construct scope, Alias todosApi, Alias importsApi, Alias uploadsApi) {
    LogGroup access = LogGroup.Builder.create(scope, "ApiAccessLogs").retention(RetentionDays.ONE_MONTH)
        .removalPolicy(RemovalPolicy.DESTROY).build();
    RestApi api = RestApi.Builder.create(scope, "TodoApi").restApiName("todo-service")
        .description("Todos and their CSV import")
        .cloudWatchRole(true)
        .deployOptions(StageOptions.builder().stageName("prod").loggingLevel(MethodLoggingLevel.INFO)
            .metricsEnabled(true).accessLogDestination(new LogGroupLogDestination(access))
            .accessLogFormat(AccessLogFormat.jsonWithStandardFields()).build())
        .build();
    RequestValidator validator = RequestValidator.Builder.create(scope, "Validator").restApi(api)
        .validateRequestBody(true).validateRequestParameters(true).build();
    Model newTodo = api.addModel("NewTodo", ModelOptions.builder()
        .contentType("application/json").schema(JsonSchema.builder().type(JsonSchemaType.OBJECT)
            .required(List.of("name"))
            .properties(Map.of("name", JsonSchema.builder().type(JsonSchemaType.STRING).minLength(1).maxLength(1024).build(),
                "completed", JsonSchema.builder().type(JsonSchemaType.BOOLEAN).build()))
            .build()).build());
    Model changes = api.addModel("TodoChanges", ModelOptions.builder()
        .contentType("application/json").schema(JsonSchema.builder().type(JsonSchemaType.OBJECT).minProperties(1)
            .properties(Map.of("name", JsonSchema.builder().type(JsonSchemaType.STRING).minLength(1).maxLength(1024).build(),
                "completed", JsonSchema.builder().type(JsonSchemaType.BOOLEAN).build()))
            .build()).build());

    LambdaIntegration todosIntegration = new LambdaIntegration(todosApi);
    IResource todo = api.getRoot().addResource("todo");
    todo.addMethod("GET", todosIntegration, MethodOptions.builder().requestValidator(validator)
        .requestParameters(Map.of("method.request.querystring.limit", false, "method.request.querystring.next_token", false)).build());
    todo.addMethod("POST", todosIntegration, MethodOptions.builder().requestValidator(validator)
        .requestModels(Map.of("application/json", newTodo)).build());
    IResource oneTodo = todo.addResource("{todoId}");
    oneTodo.addMethod("GET", todosIntegration);
    oneTodo.addMethod("PATCH", todosIntegration, MethodOptions.builder().requestValidator(validator)
        .requestModels(Map.of("application/json", changes)).build());
    oneTodo.addMethod("DELETE", todosIntegration);
    IResource imports = api.getRoot().addResource("imports");
    imports.addMethod("POST", new LambdaIntegration(uploadsApi));
    imports.addMethod("GET", new LambdaIntegration(importsApi));
    imports.addResource("{importId}").addMethod("GET", new LambdaIntegration(importsApi));
    return api;
  }
}
