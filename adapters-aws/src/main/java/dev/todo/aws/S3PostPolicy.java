package dev.todo.aws;

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
 * that allows exactly one key, one content type and a size from 1 byte to a maximum, until it expires. The SDK
 * presigns only GET and PUT, and a PUT cannot limit the size of what is uploaded.
 */
final class S3PostPolicy {

  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private S3PostPolicy() {
  }

  /** The fields to send, in order, before the file itself (which goes last, as the field {@code file}). */
  static Map<String, String> fields(String bucket, String key, String contentType, long maxBytes, Instant expires,
      AwsCredentials credentials, String region, Instant now) {
    String credential = credentials.accessKeyId() + "/" + DAY.format(now) + "/" + region + "/s3/aws4_request";
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", key);
    fields.put("Content-Type", contentType);
    fields.put("x-amz-algorithm", ALGORITHM);
    fields.put("x-amz-credential", credential);
    fields.put("x-amz-date", STAMP.format(now));
    if (credentials instanceof AwsSessionCredentials session) {
      fields.put("x-amz-security-token", session.sessionToken());
    }
    StringBuilder conditions = new StringBuilder("[{\"bucket\":" + quote(bucket) + "}");
    fields.forEach((name, value) -> conditions.append(",{").append(quote(name)).append(':').append(quote(value)).append('}'));
    conditions.append(",[\"content-length-range\",1,").append(maxBytes).append("]]");
    String policy = "{\"expiration\":" + quote(expires.toString()) + ",\"conditions\":" + conditions + "}";
    String encoded = Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8));
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

  /** A JSON string (the values here are keys, names and tokens; control characters are escaped all the same). */
  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
