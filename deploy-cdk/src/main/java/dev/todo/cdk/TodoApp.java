package dev.todo.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/** The CDK app: one stack, checked by cdk-nag's AwsSolutions pack at every synth. */
public final class TodoApp {

  private TodoApp() {
  }

  public static void main(String[] args) {
    App app = new App();
    StackSettings settings = StackSettings.from(name -> Optional.ofNullable(app.getNode().tryGetContext(name)).map(Object::toString));
    new TodoStack(app, "TodoImportStack", StackProps.builder()
        .description("Todo service with a scalable CSV import (API Gateway, Lambda, SQS, DynamoDB, S3)").build(), settings);
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    app.synth();
  }
}
