package dev.todo.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds SDK clients the standard way, from a map of environment variables: region and credentials as the
 * SDK reads them, endpoints overridable by {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>},
 * so the same code runs against AWS and against local services. Clients use the small url-connection HTTP client.
 */
public final class AwsClients {

  /** Idle connections the JDK keeps per host unless {@code http.maxConnections} says otherwise. */
  static final int KEEP_ALIVE_CONNECTIONS = 64;

  static {
    // The url-connection client reuses connections through the JDK's keep-alive cache, which by default keeps only
    // 5 idle ones per host. The writer sends 16 calls at once and waits for them all: without this, 11 connections
    // would be closed after every such wave and opened again (on AWS, TLS handshakes) for the next. The JDK reads
    // the property once, when the first connection goes back to the cache.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", Integer.toString(KEEP_ALIVE_CONNECTIONS));
    }
  }

  private final Map<String, String> env;

  /** Clients as the SDK's variables in {@code env} say (on Lambda: the function's environment). */
  public AwsClients(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** What a shell exports to aim the AWS CLI (v1 reads AWS_DEFAULT_REGION) at these servers' region with their keys. */
  public static String shellExports(Endpoints e) {
    return "AWS_ACCESS_KEY_ID=" + e.accessKey() + " AWS_SECRET_ACCESS_KEY=" + e.secretKey() + " AWS_REGION=" + e.region()
        + " AWS_DEFAULT_REGION=" + e.region();
  }

  /** Clients for AWS-compatible servers at these endpoints. */
  public AwsClients(Endpoints endpoints) {
    this(endpoints.toEnvironment());
  }

  /** AWS-compatible servers (local ones, LocalStack) and the region and static credentials they accept. */
  public record Endpoints(URI s3, URI sqs, URI dynamoDb, String region, String accessKey, String secretKey) {

    public Endpoints withDynamoDb(URI endpoint) {
      return new Endpoints(s3, sqs, endpoint, region, accessKey, secretKey);
    }

    /** The SDK's own variables that aim any AWS SDK or CLI at these servers. */
    public Map<String, String> toEnvironment() {
      return Map.of("AWS_REGION", region, "AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey,
          "AWS_ENDPOINT_URL_S3", s3.toString(), "AWS_ENDPOINT_URL_SQS", sqs.toString(),
          "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
    }
  }

  public S3Client s3() {
    Optional<URI> endpoint = endpoint("S3");
    var builder = S3Client.builder().httpClient(http()).region(region()).credentialsProvider(credentials())
        .forcePathStyle(endpoint.isPresent());
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  public SqsClient sqs() {
    var builder = SqsClient.builder().httpClient(http()).region(region()).credentialsProvider(credentials());
    endpoint("SQS").ifPresent(builder::endpointOverride);
    return builder.build();
  }

  public DynamoDbClient dynamoDb() {
    var builder = DynamoDbClient.builder().httpClient(http()).region(region()).credentialsProvider(credentials());
    endpoint("DYNAMODB").ifPresent(builder::endpointOverride);
    return builder.build();
  }

  public EventBridgeClient eventBridge() {
    var builder = EventBridgeClient.builder().httpClient(http()).region(region()).credentialsProvider(credentials());
    endpoint("EVENTBRIDGE").ifPresent(builder::endpointOverride);
    return builder.build();
  }

  public SnsClient sns() {
    var builder = SnsClient.builder().httpClient(http()).region(region()).credentialsProvider(credentials());
    endpoint("SNS").ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** The service's endpoint override, if the environment sets one. */
  public Optional<URI> endpoint(String service) {
    return get("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT)).or(() -> get("AWS_ENDPOINT_URL")).map(URI::create);
  }

  public Region region() {
    return get("AWS_REGION").or(() -> get("AWS_DEFAULT_REGION")).map(Region::of)
        .orElseGet(() -> DefaultAwsRegionProviderChain.builder().build().getRegion());
  }

  /** The credentials from the environment's variables, or else the SDK's default chain. */
  public AwsCredentialsProvider credentials() {
    Optional<String> key = get("AWS_ACCESS_KEY_ID");
    Optional<String> secret = get("AWS_SECRET_ACCESS_KEY");
    if (key.isPresent() && secret.isPresent()) {
      Optional<String> token = get("AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(token.isPresent()
          ? AwsSessionCredentials.create(key.get(), secret.get(), token.get())
          : AwsBasicCredentials.create(key.get(), secret.get()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /**
   * One HTTP client for every SDK client of this JVM: building one makes a TLS context (its trust store is loaded at the
   * first TLS handshake, {@link DeferredTrustManager}), and it holds nothing per client (connections are the JDK's keep-alive cache), so a client's
   * {@code close} leaves it for the others.
   */
  private static SdkHttpClient http() {
    return SharedHttp.CLIENT;
  }

  private static final class SharedHttp {
    static final SdkHttpClient CLIENT = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(60)).tlsTrustManagersProvider(DeferredTrustManager::trustManagers).build();
  }

  private Optional<String> get(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }
}
