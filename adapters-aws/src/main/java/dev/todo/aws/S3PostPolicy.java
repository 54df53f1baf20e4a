package dev.todo.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The form fields of an S3 POST upload (a "presigned POST"): a policy S3 enforces, signed with Signature Version 4,
 * that allows exactly one key, one content type, the given metadata and a size from 1 byte to a maximum, until it
 * expires. The SDK
 * presigns only GET and PUT, and a PUT cannot limit the size of what is uploaded.
 */
final class S3PostPolicy {

  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private S3PostPolicy() {
  }

  /** The fields to send, in order, before the file itself (which goes last, as the field {@code file}). */
  static Map<String, String> fields(String bucket, String key, String contentType, Map<String, String> metadata, long maxBytes,
      Instant expires, AwsCredentials credentials, String region, Instant now) {
    String credential = credentials.accessKeyId() + "/" + DAY.format(now) + "/" + region + "/s3/aws4_request";
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", key);
    fields.put("Content-Type", contentType);
    new java.util.TreeMap<>(metadata).forEach((name, value) -> fields.put("x-amz-meta-" + name, value)); // pinned below
    fields.put("x-amz-algorithm", ALGORITHM);
    fields.put("x-amz-credential", credential);
    fields.put("x-amz-date", STAMP.format(now));
    if (credentials instanceof AwsSessionCredentials session) {
      fields.put("x-amz-security-token", session.sessionToken());
    }
    ObjectNode policy = JsonNodeFactory.instance.objectNode().put("expiration", expires.toString());
    ArrayNode conditions = policy.putArray("conditions");
    conditions.addObject().put("bucket", bucket);
    fields.forEach((name, value) -> conditions.addObject().put(name, value));
    conditions.addArray().add("content-length-range").add(1).add(maxBytes);
    String encoded = Base64.getEncoder().encodeToString(policy.toString().getBytes(StandardCharsets.UTF_8));
    fields.put("policy", encoded);
    byte[] signingKey = hmac(hmac(hmac(hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8),
        DAY.format(now)), region), "s3"), "aws4_request");
    fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(signingKey, encoded)));
    return fields;
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
