package dev.todo.aws.handler;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;

/** A DynamoDB stream record's item image, in the event library's types, as the SDK's item map. */
final class StreamImages {

  private StreamImages() {
  }

  static Optional<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> item(Map<String, AttributeValue> image) {
    return image == null || image.isEmpty() ? Optional.empty() : Optional.of(map(image));
  }

  private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> map(Map<String, AttributeValue> image) {
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new LinkedHashMap<>();
    image.forEach((name, value) -> item.put(name, value(value)));
    return item;
  }

  private static software.amazon.awssdk.services.dynamodb.model.AttributeValue value(AttributeValue v) {
    var sdk = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
    if (v.getS() != null) {
      sdk.s(v.getS());
    } else if (v.getN() != null) {
      sdk.n(v.getN());
    } else if (v.getBOOL() != null) {
      sdk.bool(v.getBOOL());
    } else if (v.getNULL() != null) {
      sdk.nul(v.getNULL());
    } else if (v.getB() != null) {
      sdk.b(SdkBytes.fromByteBuffer(v.getB()));
    } else if (v.getSS() != null) {
      sdk.ss(v.getSS());
    } else if (v.getNS() != null) {
      sdk.ns(v.getNS());
    } else if (v.getBS() != null) {
      sdk.bs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
    } else if (v.getM() != null) {
      sdk.m(map(v.getM()));
    } else if (v.getL() != null) {
      List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> list = v.getL().stream().map(StreamImages::value).toList();
      sdk.l(list);
    }
    return sdk.build();
  }
}
