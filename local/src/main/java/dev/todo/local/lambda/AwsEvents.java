package dev.todo.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.todo.aws.Provisioning;
import dev.todo.local.dynamodb.StreamRecord;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The event JSON AWS sends a function, field for field as its documentation shows it: S3's {@code ObjectCreated:Put}
 * notification, the SQS event source's batch, API Gateway's REST proxy request; and the proxy response read back.
 */
public final class AwsEvents {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGION = "us-east-1";

  private AwsEvents() {
  }

  /**
   * S3's notification of one object created by {@code operation} ({@code Put}, {@code Copy}, ...): the key URL-encoded
   * as S3 encodes it, the ETag unquoted.
   */
  public static String objectCreated(String bucket, String key, long size, String eTag, String operation,
      String sequencer) {
    ObjectNode record = JSON.createObjectNode().put("eventVersion", "2.1").put("eventSource", "aws:s3")
        .put("awsRegion", REGION).put("eventTime", Instant.now().toString()).put("eventName", "ObjectCreated:" + operation);
    record.putObject("userIdentity").put("principalId", "local");
    record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
    record.putObject("responseElements").put("x-amz-request-id", sequencer).put("x-amz-id-2", "local");
    ObjectNode s3 = record.putObject("s3").put("s3SchemaVersion", "1.0").put("configurationId", "import-created");
    s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket)
        .putObject("ownerIdentity").put("principalId", "local");
    s3.putObject("object").put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
        .put("size", size).put("eTag", eTag.replace("\"", "")).put("sequencer", sequencer);
    return records(List.of(record));
  }

  /** The SQS event source's batch: each message with its system attributes, from the queue named by its URL. */
  public static String sqsBatch(String queueUrl, List<Message> messages) {
    String arn = "arn:aws:sqs:" + REGION + ":" + Provisioning.LOCAL_ACCOUNT + ":" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    List<ObjectNode> records = messages.stream().map(m -> {
      ObjectNode record = JSON.createObjectNode().put("messageId", m.messageId()).put("receiptHandle", m.receiptHandle())
          .put("body", m.body());
      ObjectNode attributes = record.putObject("attributes");
      m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
      record.putObject("messageAttributes");
      return record.put("md5OfBody", m.md5OfBody()).put("eventSource", "aws:sqs").put("eventSourceARN", arn)
          .put("awsRegion", REGION);
    }).toList();
    return records(records);
  }

  /** One HTTP request as API Gateway's REST proxy integration hands it over. */
  public record HttpRequest(String method, String path, String resource, Map<String, List<String>> headers,
      Map<String, List<String>> query, Map<String, String> pathParameters, String body) {
  }

  /** The proxy event of {@code request}: single- and multi-value headers and query, path parameters, text body. */
  public static String apiRequest(HttpRequest request) {
    ObjectNode event = JSON.createObjectNode().put("resource", request.resource()).put("path", request.path())
        .put("httpMethod", request.method());
    putValues(event, "headers", "multiValueHeaders", request.headers());
    putValues(event, "queryStringParameters", "multiValueQueryStringParameters", request.query());
    if (request.pathParameters().isEmpty()) {
      event.putNull("pathParameters");
    } else {
      ObjectNode params = event.putObject("pathParameters");
      request.pathParameters().forEach(params::put);
    }
    event.putNull("stageVariables");
    ObjectNode context = event.putObject("requestContext").put("resourcePath", request.resource())
        .put("httpMethod", request.method()).put("path", "/local" + request.path()).put("stage", "local")
        .put("requestId", UUID.randomUUID().toString()).put("accountId", Provisioning.LOCAL_ACCOUNT).put("requestTimeEpoch", System.currentTimeMillis());
    context.putObject("identity").put("sourceIp", "127.0.0.1");
    return event.put("body", request.body().isEmpty() ? null : request.body()).put("isBase64Encoded", false).toString();
  }

  /** What API Gateway takes from a proxy response: status, headers, body (decoded when base64). */
  public record HttpResponse(int status, Map<String, String> headers, byte[] body) {
  }

  /** Reads a proxy response as API Gateway does; a status missing from it is an error there, a 502. */
  public static HttpResponse apiResponse(String json) {
    JsonNode response = tree(json);
    JsonNode status = response.path("statusCode");
    if (!status.canConvertToInt()) {
      return new HttpResponse(502, Map.of("Content-Type", "application/json"),
          "{\"message\":\"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    response.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
    JsonNode body = response.path("body");
    byte[] bytes = body.isTextual() ? response.path("isBase64Encoded").asBoolean()
        ? Base64.getDecoder().decode(body.asText()) : body.asText().getBytes(StandardCharsets.UTF_8) : new byte[0];
    return new HttpResponse(status.asInt(), headers, bytes);
  }

  /** The ids of the messages a partial batch response reports failed. */
  /** A DynamoDB stream's batch as the event source mapping hands it to a function. */
  public static String dynamodbStream(String streamArn, String region, List<StreamRecord> batch) {
    List<ObjectNode> records = new java.util.ArrayList<>();
    for (StreamRecord r : batch) {
      ObjectNode record = JSON.createObjectNode().put("eventID", r.eventId()).put("eventName", r.eventName())
          .put("eventVersion", "1.1").put("eventSource", "aws:dynamodb").put("awsRegion", region);
      record.set("dynamodb", r.dynamodb());
      record.put("eventSourceARN", streamArn);
      records.add(record);
    }
    return records(records);
  }

  /** The failed items of an SQS or a stream batch response: message ids, or the sequence number to resume from. */
  public static List<String> batchItemFailures(String json) {
    return tree(json).path("batchItemFailures").findValuesAsText("itemIdentifier");
  }

  private static void putValues(ObjectNode event, String single, String multi, Map<String, List<String>> values) {
    if (values.isEmpty()) {
      event.putNull(single);
      event.putNull(multi);
      return;
    }
    ObjectNode first = event.putObject(single);
    ObjectNode all = event.putObject(multi);
    values.forEach((k, v) -> {
      first.put(k, v.get(v.size() - 1)); // API Gateway keeps the last value in the single-value map
      ArrayNode list = all.putArray(k);
      v.forEach(list::add);
    });
  }

  private static String records(List<ObjectNode> records) {
    ObjectNode event = JSON.createObjectNode();
    event.putArray("Records").addAll(records);
    return event.toString();
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
