package dev.todo.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3NotifierTest {

  @Test
  void folderMarkersAndEntriesWithoutAnETagAreNotUploads() {
    assertThat(S3Notifier.isFile(S3Object.builder().key("import/sub/").eTag("\"d41d8cd98f00b204e9800998ecf8427e\"").build())).isFalse();
    assertThat(S3Notifier.isFile(S3Object.builder().key("import/sub/").build())).isFalse();
    assertThat(S3Notifier.isFile(S3Object.builder().key("import/sub/b.csv").build())).isFalse();
    assertThat(S3Notifier.isFile(S3Object.builder().key("import/sub/b.csv").eTag("\"abc\"").build())).isTrue();
  }
}
