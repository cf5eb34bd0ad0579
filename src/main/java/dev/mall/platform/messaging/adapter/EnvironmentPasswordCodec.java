package dev.mall.platform.messaging.adapter;

import java.util.regex.Pattern;
import org.apache.activemq.artemis.utils.PasswordMaskingUtil;
import org.apache.activemq.artemis.utils.SensitiveDataCodec;

/**
 * The broker password as the name of the environment variable that holds it: server.xml gives the adapter and the
 * connection factory {@code ENC(MALL_BROKER_PASSWORD)}, and only the Artemis client's session factory resolves it,
 * through this codec, at the moment it logs in to the broker.
 *
 * <p>Why: an FFDC incident dumps the objects around a failure field by field. When an XA commit failed, Liberty's dump
 * went through the transaction's resource into the Artemis managed connection and printed its {@code password} field:
 * MALL_BROKER_PASSWORD, in logs/ffdc of a test run. Liberty masks only fields of classes annotated with its
 * {@code @Sensitive}, an SPI that a resource adapter cannot see. With this codec the managed connection, the JMS
 * connection, the connection factory and the adapter's properties hold only the variable's name; the real value is
 * read from the environment each time a session is created (Artemis' {@code ClientSessionFactoryImpl} calls
 * {@link PasswordMaskingUtil#resolveMask(String, String)} with the server locator's codec, set by
 * {@link RecoveringResourceAdapter}).
 *
 * <p>Decoding only: there is nothing to encode, the "mask" is the variable's name.
 */
public class EnvironmentPasswordCodec implements SensitiveDataCodec<String> {

    private static final Pattern VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]*");

    @Override
    public String decode(Object mask) {
        return resolve(String.valueOf(mask));
    }

    @Override
    public String encode(Object secret) {
        throw new UnsupportedOperationException("the broker password is named, not encoded: ENC(<environment variable>)");
    }

    /** The value of the environment variable {@code name}; fails with the name (never a value) if it is unset. */
    static String resolve(String name) {
        if (!VARIABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("not an environment variable name: ENC(" + name + ")");
        }
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("the broker password's environment variable " + name + " is not set");
        }
        return value;
    }

    /** {@code ENC(NAME)} resolved, anything else as it is (a plain password configured by hand). */
    static String resolveMasked(String password) {
        return password != null && PasswordMaskingUtil.isEncMasked(password)
                ? resolve(PasswordMaskingUtil.unwrap(password)) : password;
    }
}
