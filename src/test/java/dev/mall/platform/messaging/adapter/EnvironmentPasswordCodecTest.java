package dev.mall.platform.messaging.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvironmentPasswordCodecTest {

    private final EnvironmentPasswordCodec codec = new EnvironmentPasswordCodec();

    @Test
    void decodesTheNamedEnvironmentVariable() {
        Map.Entry<String, String> variable = System.getenv().entrySet().stream()
                .filter(e -> e.getKey().matches("[A-Z_][A-Z0-9_]*") && !e.getValue().isEmpty()).findAny().orElseThrow();
        assertThat(codec.decode(variable.getKey())).isEqualTo(variable.getValue());
        assertThat(EnvironmentPasswordCodec.resolveMasked("ENC(" + variable.getKey() + ")")).isEqualTo(variable.getValue());
    }

    @Test
    void leavesAPlainPasswordAsItIs() {
        String plain = UUID.randomUUID().toString();
        assertThat(EnvironmentPasswordCodec.resolveMasked(plain)).isEqualTo(plain);
        assertThat(EnvironmentPasswordCodec.resolveMasked(null)).isNull();
    }

    @Test
    void refusesAnUnsetVariableOrSomethingElseNamingOnlyTheName() {
        String unset = "MALL_UNSET_" + UUID.randomUUID().toString().replace("-", "_").toUpperCase();
        assertThatThrownBy(() -> codec.decode(unset)).hasMessageContaining(unset);
        assertThatThrownBy(() -> codec.decode("not a name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.encode("secret")).isInstanceOf(UnsupportedOperationException.class);
    }
}
