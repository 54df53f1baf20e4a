package dev.todo.aws;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's default trust manager, loaded at the first TLS handshake rather than when an HTTP client is built: the SDK's
 * url-connection client makes its TLS context at once, and the default trust manager parses every certificate of the
 * JDK's trust store (0.05-0.1 s of a start). Over plain HTTP (the local cloud, an emulator) it is never loaded; over
 * HTTPS every check is the default one's, unchanged.
 */
final class DeferredTrustManager extends X509ExtendedTrustManager {

  private static final class Loaded {
    static final X509ExtendedTrustManager DEFAULT = load();

    private static X509ExtendedTrustManager load() {
      try {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null); // the JDK's trust store, or javax.net.ssl.trustStore when set
        for (TrustManager manager : factory.getTrustManagers()) {
          if (manager instanceof X509ExtendedTrustManager x509) {
            return x509;
          }
        }
        throw new IllegalStateException("the JDK's default trust manager factory gave no X.509 trust manager");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK's default trust store could not be loaded: " + e.getMessage(), e);
      }
    }
  }

  static TrustManager[] trustManagers() {
    return new TrustManager[] {new DeferredTrustManager()};
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    Loaded.DEFAULT.checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    Loaded.DEFAULT.checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    Loaded.DEFAULT.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    Loaded.DEFAULT.checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    Loaded.DEFAULT.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    Loaded.DEFAULT.checkServerTrusted(chain, authType, engine);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return Loaded.DEFAULT.getAcceptedIssuers();
  }
}
