package dev.todo.bench;

import java.util.Map;

/** The cost model: AWS list prices, and what a run's calls, write units and GB-seconds cost at them. */
final class Prices {

  /**
   * Which prices these are: AWS list prices for us-east-1 as published in June 2025, no free tier (this
   * machine cannot reach the price pages: re-check them before quoting a cost).
   */
  static final String PRICES_TAKEN = "us-east-1 list prices of 2025-06";
  static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;
  static final double LAMBDA_ARM64_PER_GB_SECOND = 0.0000133334;
  static final double SQS_STANDARD_PER_MILLION_REQUESTS = 0.40;
  static final double DYNAMODB_ON_DEMAND_PER_MILLION_WRITE_UNITS = 0.625;
  static final double S3_GET_PER_THOUSAND = 0.0004;
  static final double S3_PUT_PER_THOUSAND = 0.005;

  private Prices() {
  }

  /** US dollars per million rows of a run: its requests, GB-seconds, write units and S3 requests. */
  static double costPerMillionRows(Report.Run run) {
    double s3Gets = run.calls().getOrDefault("S3.GetObject", 0L) + run.calls().getOrDefault("S3.HeadObject", 0L);
    double s3Puts = CallCounter.service(run.calls(), "S3") - s3Gets;
    double dollars = run.invocationCount() * LAMBDA_PER_MILLION_REQUESTS / 1e6
        + run.gbSeconds() * LAMBDA_ARM64_PER_GB_SECOND
        + run.sqsBilledRequests() * SQS_STANDARD_PER_MILLION_REQUESTS / 1e6
        + run.writeUnits() * DYNAMODB_ON_DEMAND_PER_MILLION_WRITE_UNITS / 1e6
        + s3Gets * S3_GET_PER_THOUSAND / 1e3 + s3Puts * S3_PUT_PER_THOUSAND / 1e3;
    return dollars * 1e6 / run.rows();
  }

  /** The prices, for the JSON results. */
  static Map<String, Object> asJson() {
    return Map.of("taken", PRICES_TAKEN, "lambdaPerMillionRequests", LAMBDA_PER_MILLION_REQUESTS,
        "lambdaArm64PerGbSecond", LAMBDA_ARM64_PER_GB_SECOND, "sqsPerMillionRequests", SQS_STANDARD_PER_MILLION_REQUESTS,
        "dynamoDbPerMillionWriteUnits", DYNAMODB_ON_DEMAND_PER_MILLION_WRITE_UNITS, "s3GetPerThousand", S3_GET_PER_THOUSAND,
        "s3PutPerThousand", S3_PUT_PER_THOUSAND);
  }
}
