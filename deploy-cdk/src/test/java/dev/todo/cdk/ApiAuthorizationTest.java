package dev.todo.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.aws.ApiRoute;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Secure by default: every method authorized (IAM unless told otherwise), the stage throttled, uploads validated. */
class ApiAuthorizationTest {

  @Test
  void byDefaultEveryMethodRequiresSigV4() {
    Map<String, Map<String, Object>> methods = methods(Template.fromStack(TodoStackTest.stack(Map.of())));
    assertThat(methods).hasSize(ApiRoute.values().length);
    assertThat(methods.values()).allSatisfy(m -> assertThat(properties(m)).containsEntry("AuthorizationType", "AWS_IAM"));
  }

  @Test
  void withCognitoEveryMethodRequiresATokenOfTheStacksUserPool() {
    Template template = Template.fromStack(TodoStackTest.stack(Map.of("auth", "cognito")));
    template.resourceCountIs("AWS::Cognito::UserPool", 1);
    template.hasResourceProperties("AWS::Cognito::UserPool", Map.of("AdminCreateUserConfig",
        Map.of("AllowAdminCreateUserOnly", true)));
    template.resourceCountIs("AWS::Cognito::UserPoolClient", 1);
    template.hasResourceProperties("AWS::ApiGateway::Authorizer", Map.of("Type", "COGNITO_USER_POOLS"));
    assertThat(methods(template).values()).allSatisfy(m -> {
      assertThat(properties(m)).containsEntry("AuthorizationType", "COGNITO_USER_POOLS");
      assertThat(properties(m)).containsKey("AuthorizerId");
    });
    assertThat(template.findOutputs("*").keySet()).contains("UserPoolId", "UserPoolClientId");
  }

  @Test
  void noAuthorizationOnlyWhenAskedForAndThenCdkNagSaysSo() {
    TodoStack open = nagged("none");
    assertThat(methods(Template.fromStack(open)).values())
        .allSatisfy(m -> assertThat(properties(m)).containsEntry("AuthorizationType", "NONE"));
    assertThat(Annotations.fromStack(open).findError("*", Match.stringLikeRegexp("AwsSolutions-APIG4.*"))).isNotEmpty();
    assertThatThrownBy(() -> TodoStackTest.stack(Map.of("auth", "open"))).hasMessageContaining("auth must be iam, cognito or none");
  }

  @Test
  void cognitoModePassesCdkNagWithEveryRemainingFindingExplained() {
    TodoStack stack = nagged("cognito");
    assertThat(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
  }

  @Test
  void theStageIsThrottledAsTheContextSays() {
    Template defaults = Template.fromStack(TodoStackTest.stack(Map.of()));
    defaults.hasResourceProperties("AWS::ApiGateway::Stage", Map.of("MethodSettings", Match.arrayWith(List.of(
        Match.objectLike(Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100))))));
    Template tuned = Template.fromStack(TodoStackTest.stack(Map.of("throttleRate", "5", "throttleBurst", "10")));
    tuned.hasResourceProperties("AWS::ApiGateway::Stage", Map.of("MethodSettings", Match.arrayWith(List.of(
        Match.objectLike(Map.of("ThrottlingRateLimit", 5, "ThrottlingBurstLimit", 10))))));
  }

  @Test
  void anUploadRequestIsValidatedAgainstItsModel() {
    Template template = Template.fromStack(TodoStackTest.stack(Map.of()));
    template.hasResourceProperties("AWS::ApiGateway::Model", Map.of("Name", Match.absent(), "Schema", Match.objectLike(Map.of(
        "properties", Map.of("fileName", Map.of("type", "string", "minLength", 1, "maxLength", 200))))));
    assertThat(methods(template).values()).filteredOn(m -> "POST".equals(properties(m).get("HttpMethod")))
        .hasSize(3).allSatisfy(m -> assertThat(properties(m)).containsKeys("RequestModels", "RequestValidatorId"));
  }

  /** The stack with {@code auth}, synthesized under cdk-nag's AWS Solutions checks. */
  private static TodoStack nagged(String auth) {
    App app = new App();
    TodoStack stack = new TodoStack(app, "Nagged", StackProps.builder().build(),
        StackSettings.from(name -> Optional.ofNullable(Map.of("auth", auth).get(name))));
    Aspects.of(app).add(new AwsSolutionsChecks());
    app.synth();
    return stack;
  }

  private static Map<String, Map<String, Object>> methods(Template template) {
    return template.findResources("AWS::ApiGateway::Method");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }
}
