package dev.mall.bench;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An HTTPS client for the bench's own local Liberty server (127.0.0.1 only), whose certificate Liberty generated
 * itself at first start and nobody signed. Never for any other host.
 */
final class LocalTls {

    private static final HttpClient CLIENT = build();

    private LocalTls() {
    }

    static HttpClient client() {
        return CLIENT;
    }

    private static HttpClient build() {
        TrustManager[] trustLocalServer = {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trustLocalServer, null);
            SSLParameters parameters = new SSLParameters();
            // The certificate names "localhost", the URL 127.0.0.1.
            parameters.setEndpointIdentificationAlgorithm(null);
            return HttpClient.newBuilder().sslContext(tls).sslParameters(parameters)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
