package dev.mall.provider.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The provider's endpoints, under its own context root: {@code /provider/checkout}, {@code /provider/api/refunds}. */
@ApplicationPath("/")
public class ProviderApplication extends Application {
}
