package dev.todo.cdk;

import dev.todo.aws.ApiRoute;
import dev.todo.aws.ServiceFunction;
import dev.todo.domain.TodoRules;
import dev.todo.usecase.ImportDesk;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
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
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/** The REST API in front of the functions: every {@link ApiRoute}, with validation where there is input. */
final class TodoRestApi {

  private TodoRestApi() {
  }

  /**
   * The API, its stage with access logs and throttling, the authorization every method requires, request validation
   * and models, and each route's function.
   */
  static RestApi create(Construct scope, StackSettings settings, Map<ServiceFunction, Alias> functions) {
    LogGroup access = LogGroup.Builder.create(scope, "ApiAccessLogs").retention(RetentionDays.ONE_MONTH)
        .removalPolicy(RemovalPolicy.DESTROY).build();
    RestApi api = RestApi.Builder.create(scope, "TodoApi").restApiName("todo-service")
        .description("Todos and their CSV import")
        .cloudWatchRole(true)
        .deployOptions(StageOptions.builder().stageName("prod").loggingLevel(MethodLoggingLevel.INFO)
            .metricsEnabled(true).accessLogDestination(new LogGroupLogDestination(access))
            .accessLogFormat(AccessLogFormat.jsonWithStandardFields())
            .throttlingRateLimit(settings.throttleRate()).throttlingBurstLimit(settings.throttleBurst()).build())
        .defaultMethodOptions(authorization(scope, settings.auth()))
        .build();
    api.getNode().tryRemoveChild("Endpoint"); // the stack's ApiUrl output says it once
    RequestValidator validator = RequestValidator.Builder.create(scope, "Validator").restApi(api)
        .validateRequestBody(true).validateRequestParameters(true).build();
    Model newTodo = api.addModel("NewTodo", ModelOptions.builder()
        .contentType("application/json").schema(JsonSchema.builder().type(JsonSchemaType.OBJECT)
            .required(List.of("name"))
            .properties(new TreeMap<>(Map.of("name", JsonSchema.builder().type(JsonSchemaType.STRING).minLength(1).maxLength(1024).build(),
                "completed", JsonSchema.builder().type(JsonSchemaType.BOOLEAN).build())))
            .build()).build());
    Model changes = api.addModel("TodoChanges", ModelOptions.builder()
        .contentType("application/json").schema(JsonSchema.builder().type(JsonSchemaType.OBJECT).minProperties(1)
            .properties(new TreeMap<>(Map.of("name", JsonSchema.builder().type(JsonSchemaType.STRING).minLength(1).maxLength(1024).build(),
                "completed", JsonSchema.builder().type(JsonSchemaType.BOOLEAN).build())))
            .build()).build());

    Model uploadRequest = api.addModel("UploadRequest", ModelOptions.builder()
        .contentType("application/json").schema(JsonSchema.builder().type(JsonSchemaType.OBJECT)
            .properties(new TreeMap<>(Map.of("fileName", JsonSchema.builder().type(JsonSchemaType.STRING).minLength(1)
                .maxLength(ImportDesk.MAX_FILE_NAME).build(),
                "format", JsonSchema.builder().type(JsonSchemaType.STRING).enumValue(List.of("csv", "tsv", "jsonl")).build(),
                "delimiter", JsonSchema.builder().type(JsonSchemaType.STRING).minLength(1).maxLength(3).build(),
                "header", JsonSchema.builder().type(JsonSchemaType.ARRAY).minItems(1)
                    .items(JsonSchema.builder().type(JsonSchemaType.STRING).build()).build())))
            .build()).build());

    Model exportRequest = api.addModel("ExportRequest", ModelOptions.builder()
        .contentType("application/json").schema(JsonSchema.builder().type(JsonSchemaType.OBJECT)
            .properties(new TreeMap<>(Map.of(
                "format", JsonSchema.builder().type(JsonSchemaType.STRING).enumValue(List.of("csv", "tsv", "jsonl")).build(),
                "completed", JsonSchema.builder().type(JsonSchemaType.BOOLEAN).build(),
                "importId", JsonSchema.builder().type(JsonSchemaType.STRING).minLength(1).maxLength(TodoRules.MAX_ID_LENGTH).build())))
            .build()).build());

    // every route of the table, its resource made on first use; validation where a route reads a query or a body
    Map<ApiRoute.Body, Model> models = Map.of(ApiRoute.Body.NEW_TODO, newTodo, ApiRoute.Body.TODO_CHANGES, changes,
        ApiRoute.Body.UPLOAD_REQUEST, uploadRequest, ApiRoute.Body.EXPORT_REQUEST, exportRequest);
    Map<ServiceFunction, LambdaIntegration> integrations = new EnumMap<>(ServiceFunction.class);
    for (ApiRoute route : ApiRoute.values()) {
      IResource resource = api.getRoot();
      for (String segment : route.segments()) {
        IResource child = resource.getResource(segment);
        resource = child != null ? child : resource.addResource(segment);
      }
      MethodOptions.Builder options = MethodOptions.builder();
      if (!route.queryParameters().isEmpty() || route.body() != ApiRoute.Body.NONE) {
        options.requestValidator(validator);
      }
      if (!route.queryParameters().isEmpty()) { // sorted: the same template on every synth
        Map<String, Boolean> query = new TreeMap<>();
        route.queryParameters().forEach(q -> query.put("method.request.querystring." + q, false));
        options.requestParameters(query);
      }
      if (route.body() != ApiRoute.Body.NONE) {
        options.requestModels(Map.of("application/json", models.get(route.body())));
      }
      resource.addMethod(route.method(), integrations.computeIfAbsent(route.function(), f -> new LambdaIntegration(functions.get(f))),
          options.build());
    }
    return api;
  }

  /** What every method requires: SigV4 (IAM), a Cognito user pool's token, or, when asked for, nothing. */
  private static MethodOptions authorization(Construct scope, StackSettings.Auth auth) {
    return switch (auth) {
      case IAM -> MethodOptions.builder().authorizationType(AuthorizationType.IAM).build();
      case NONE -> MethodOptions.builder().authorizationType(AuthorizationType.NONE).build();
      case COGNITO -> {
        UserPool users = UserPool.Builder.create(scope, "Users").selfSignUpEnabled(false)
            .signInAliases(SignInAliases.builder().email(true).username(true).build())
            .passwordPolicy(PasswordPolicy.builder().minLength(12).requireDigits(true).requireLowercase(true)
                .requireUppercase(true).requireSymbols(true).build())
            .mfa(Mfa.OPTIONAL).mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
            .accountRecovery(AccountRecovery.EMAIL_ONLY).removalPolicy(RemovalPolicy.RETAIN).build();
        UserPoolClient client = users.addClient("ApiClient", UserPoolClientOptions.builder()
            .authFlows(AuthFlow.builder().userSrp(true).userPassword(true).build()).generateSecret(false).build());
        CognitoUserPoolsAuthorizer authorizer = CognitoUserPoolsAuthorizer.Builder.create(scope, "UserPoolAuthorizer")
            .cognitoUserPools(List.of(users)).build();
        CfnOutput.Builder.create(scope, "UserPoolId").value(users.getUserPoolId()).build();
        CfnOutput.Builder.create(scope, "UserPoolClientId").value(client.getUserPoolClientId()).build();
        NagSuppressions.addResourceSuppressions(users, List.of(NagPackSuppression.builder().id("AwsSolutions-COG3")
            .reason("Threat protection (advanced security) is the Plus feature plan, paid per user; enable it for "
                + "a public user base.").build(), NagPackSuppression.builder().id("AwsSolutions-COG2")
            .reason("MFA is optional (TOTP) for this sample's operators; make it required for a public user base.").build()));
        yield MethodOptions.builder().authorizationType(AuthorizationType.COGNITO).authorizer(authorizer).build();
      }
    };
  }
}
