package dev.todo.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Deferring the trust store's load changes no trust decision: the SDK's clients still refuse what the JDK refuses. */
class DeferredTrustManagerTest {

  private static final char[] PASSWORD = "secret".toCharArray();

  @TempDir
  static Path dir;
  private static KeyStore selfSigned;

  /** A key and a self-signed certificate for 127.0.0.1 that no trust store holds, made by the JDK's keytool. */
  @BeforeAll
  static void makeCertificate() throws Exception {
    Path store = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
        "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    selfSigned = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      selfSigned.load(in, PASSWORD);
    }
  }

  @Test
  void anSdkClientStillRefusesACertificateNoOneTrusts() throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(selfSigned, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    try (DynamoDbClient dynamoDb = new AwsClients(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
        "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL_DYNAMODB",
        "https://127.0.0.1:" + server.getAddress().getPort())).dynamoDb()) {
      assertThatThrownBy(dynamoDb::describeLimits).isInstanceOf(SdkClientException.class)
          .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class)
          .satisfies(e -> assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void itTrustsWhatTheJdksDefaultTrustsAndRefusesTheRest() throws Exception {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    X509TrustManager jdk = (X509TrustManager) factory.getTrustManagers()[0];
    DeferredTrustManager deferred = (DeferredTrustManager) DeferredTrustManager.trustManagers()[0];

    assertThat(deferred.getAcceptedIssuers()).isNotEmpty()
        .containsExactlyInAnyOrder(jdk.getAcceptedIssuers());
    X509Certificate[] chain = Arrays.stream(selfSigned.getCertificateChain("server")).map(X509Certificate.class::cast)
        .toArray(X509Certificate[]::new);
    assertThatThrownBy(() -> jdk.checkServerTrusted(chain, "ECDHE_ECDSA")).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> deferred.checkServerTrusted(chain, "ECDHE_ECDSA")).isInstanceOf(CertificateException.class);
  }

  private static java.util.List<Throwable> causes(Throwable e) {
    java.util.List<Throwable> all = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
      all.add(t);
    }
    return all;
  }
}
