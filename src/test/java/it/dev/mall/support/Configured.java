package it.dev.mall.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What the test server's configuration promises, read from the files that configure it, so that a timed test waits
 * as long as the configuration allows and never less: the Liberty variables of the test override
 * (src/test/liberty/configDropins/overrides/test.xml) and the broker's redelivery policy (etc/artemis/broker.xml).
 * Paths are relative to the project, the working directory of Maven's test plugins; inside the server (the in-container
 * tests, it.dev.mall.container) the same files are read from the deployment, under {@value #IN_DEPLOYMENT}.
 */
public final class Configured {

    private static final Path TEST_OVERRIDES = Path.of("src/test/liberty/configDropins/overrides/test.xml");
    private static final Path BROKER = Path.of("etc/artemis/broker.xml");

    /** Where the in-container deployment carries the two files (it.dev.mall.container.MallDeployment). */
    public static final String IN_DEPLOYMENT = "mall-configured/";

    private Configured() {
    }

    public static Path brokerFile() {
        return BROKER;
    }

    public static Path testOverridesFile() {
        return TEST_OVERRIDES;
    }

    /** SafetyNetSweep: how often it runs. {@code codeDefault} is the default of its @ConfigProperty. */
    public static Duration sweepInterval(Duration codeDefault) {
        return libertyVariable("mall.ordering.sweep.interval").map(Duration::parse).orElse(codeDefault);
    }

    /** SafetyNetSweep: how long after its expiry an unpaid order is expired by the sweep at the latest. */
    public static Duration sweepGrace(Duration codeDefault) {
        return libertyVariable("mall.ordering.sweep.grace").map(Duration::parse).orElse(codeDefault);
    }

    /** The broker's redelivery policy for the application addresses (address-setting match="#"). */
    public static Redelivery redelivery() {
        Element setting = element(BROKER, "address-setting", "match", "#");
        return new Redelivery(Integer.parseInt(child(setting, "max-delivery-attempts")),
                Duration.ofMillis(Long.parseLong(child(setting, "redelivery-delay"))),
                Double.parseDouble(child(setting, "redelivery-delay-multiplier")),
                Duration.ofMillis(Long.parseLong(child(setting, "max-redelivery-delay"))));
    }

    public record Redelivery(int maxDeliveryAttempts, Duration delay, double multiplier, Duration maxDelay) {

        /** The sum of the delays between the attempts: a message cannot reach the DLQ sooner than this. */
        public Duration delaysBeforeDeadLetter() {
            Duration total = Duration.ZERO;
            double next = delay.toMillis();
            for (int attempt = 1; attempt < maxDeliveryAttempts; attempt++) {
                total = total.plusMillis((long) Math.min(next, maxDelay.toMillis()));
                next *= multiplier;
            }
            return total;
        }
    }

    private static Optional<String> libertyVariable(String name) {
        Element variable = element(TEST_OVERRIDES, "variable", "name", name);
        return Optional.ofNullable(variable).map(v -> v.getAttribute("value"));
    }

    private static Element element(Path file, String tag, String attribute, String value) {
        try (var in = Files.exists(file) ? Files.newInputStream(file)
                : Configured.class.getClassLoader().getResourceAsStream(IN_DEPLOYMENT + file.getFileName())) {
            if (in == null) {
                throw new IllegalStateException("neither " + file.toAbsolutePath() + " nor " + IN_DEPLOYMENT
                        + file.getFileName() + " on the class path");
            }
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList elements = factory.newDocumentBuilder().parse(in).getElementsByTagName(tag);
            for (int i = 0; i < elements.getLength(); i++) {
                Element element = (Element) elements.item(i);
                if (value.equals(element.getAttribute(attribute))) {
                    return element;
                }
            }
            return null;
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read " + file.toAbsolutePath(), e);
        }
    }

    private static String child(Element parent, String tag) {
        if (parent == null || parent.getElementsByTagName(tag).getLength() == 0) {
            throw new IllegalStateException(BROKER + ": no " + tag + " in the address-setting for #");
        }
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }
}
