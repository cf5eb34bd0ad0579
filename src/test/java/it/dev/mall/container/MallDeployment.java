package it.dev.mall.container;

import it.dev.mall.support.Broker;
import it.dev.mall.support.Configured;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.assertj.core.api.Assertions;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.jboss.shrinkwrap.api.asset.ClassLoaderAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployment of the in-container tests: the shop's WAR exactly as the build made it (target/mall.war), named
 * mall.war so that the server's activation specs ("mall/PaymentSucceededListener" ...) apply to it, plus this package,
 * the two support classes it uses, the files that say what the configuration promises (read by {@link Configured}),
 * the ejb-jar.xml binding {@link DeliveryLog}, AssertJ, and a plain Artemis client for {@link DuplicateSender}: the
 * client jars of the resource adapter archive the build made (target/artemis-ra.rar), minus the adapter itself.
 */
final class MallDeployment {

    /** In the adapter archive but not wanted beside the shop: the adapter, its recovery subclass, cluster discovery,
     * macOS transports, and the SLF4J the shop's WAR has already. */
    private static final Set<String> NOT_CLIENT = Set.of("artemis-jakarta-ra-", "mall-artemis-recovery", "jgroups-",
            "netty-transport-native-kqueue-", "netty-transport-classes-kqueue-", "slf4j-");

    private MallDeployment() {
    }

    static WebArchive shopWithTests() {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "mall.war").importFrom(new File("target/mall.war"))
                .as(WebArchive.class);
        war.addPackage(MallDeployment.class.getPackage())
                .addClasses(Configured.class, Broker.class)
                .addAsResource(Configured.brokerFile().toFile(), Configured.IN_DEPLOYMENT + "broker.xml")
                .addAsResource(Configured.testOverridesFile().toFile(), Configured.IN_DEPLOYMENT + "test.xml")
                .addAsWebInfResource(new ClassLoaderAsset("it/dev/mall/container/ejb-jar.xml"), "ejb-jar.xml")
                .addAsLibrary(jarOf(Assertions.class));
        addArtemisClient(war, Path.of("target/artemis-ra.rar"));
        return war;
    }

    private static void addArtemisClient(WebArchive war, Path adapter) {
        try (ZipFile rar = new ZipFile(adapter.toFile())) {
            rar.stream().filter(entry -> entry.getName().endsWith(".jar")).filter(MallDeployment::isClient)
                    .forEach(entry -> {
                        try {
                            war.addAsLibrary(new ByteArrayAsset(rar.getInputStream(entry).readAllBytes()),
                                    entry.getName());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + adapter.toAbsolutePath(), e);
        }
    }

    private static boolean isClient(ZipEntry entry) {
        return NOT_CLIENT.stream().noneMatch(entry.getName()::startsWith);
    }

    private static File jarOf(Class<?> type) {
        try {
            Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(type + " does not come from a jar: " + jar);
            }
            return jar.toFile();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
