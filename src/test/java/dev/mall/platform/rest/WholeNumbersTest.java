package dev.mall.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

public class WholeNumbersTest {

    /** Public, as JSON-B needs its accessors to be. */
    public record Body(Integer quantity, Long skuId, List<Integer> counts) {
    }

    private final Jsonb jsonb = new WholeNumbers().getContext(Body.class);

    private Body read(String json) {
        return jsonb.fromJson(json, Body.class);
    }

    @Test
    void fractionsAndNumbersThatDoNotFitAreRefused() {
        int whole = ThreadLocalRandom.current().nextInt(1, 1000);
        for (String json : List.of(
                "{\"quantity\": " + whole + ".5}",
                "{\"quantity\": 4294967297}",
                "{\"quantity\": 2147483648}",
                "{\"quantity\": 1e-3}",
                "{\"quantity\": 1e999999999}",
                "{\"skuId\": " + whole + ".000001}",
                "{\"skuId\": 18446744073709551617}",
                "{\"skuId\": 1e30}",
                "{\"counts\": [1, 2.5]}",
                "{\"quantity\": \"1.5\"}",
                "{\"quantity\": \"many\"}",
                "{\"quantity\": true}",
                "{\"quantity\": [1]}")) {
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOf(JsonbException.class);
        }
    }

    @Test
    void wholeNumbersBindAsBefore() {
        long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        assertThat(read("{\"quantity\": 3, \"skuId\": " + id + ", \"counts\": [1, -2]}"))
                .isEqualTo(new Body(3, id, List.of(1, -2)));
        assertThat(read("{\"quantity\": 2.0, \"skuId\": 1e2}")).isEqualTo(new Body(2, 100L, null));
        assertThat(read("{\"quantity\": \"5\", \"skuId\": \"" + id + "\"}")).isEqualTo(new Body(5, id, null));
        assertThat(read("{\"quantity\": null, \"skuId\": null}")).isEqualTo(new Body(null, null, null));
        assertThat(read("{\"quantity\": -2147483648, \"skuId\": 9223372036854775807}"))
                .isEqualTo(new Body(Integer.MIN_VALUE, Long.MAX_VALUE, null));
    }

    @Test
    void answersStillWriteWithJsonbDefaults() {
        assertThat(jsonb.toJson(new Body(1, 2L, List.of(3)))).isEqualTo("{\"counts\":[3],\"quantity\":1,\"skuId\":2}");
    }

    /**
     * JSON-B passes only boxed fields through a deserializer, so a primitive number in a request body would bind 1.5
     * as 1 again: every JSON body of every shop resource method (records, their lists and nested records) has none.
     */
    @Test
    void requestBodiesHoldNoPrimitiveNumbers() {
        List<String> primitives = new ArrayList<>();
        int bodies = 0;
        for (JavaClass resource : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mall")) {
            if (resource.getPackageName().startsWith("dev.mall.provider") || !resource.isAnnotatedWith(Path.class)) {
                continue;
            }
            for (Method method : resource.reflect().getDeclaredMethods()) {
                if (!isResourceMethod(method)) {
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    if (isEntity(parameter) && parameter.getType() != byte[].class) { // byte[]: raw, not JSON
                        bodies++;
                        primitives(parameter.getParameterizedType(), method.getDeclaringClass().getSimpleName() + "."
                                + method.getName(), new HashSet<>(), primitives);
                    }
                }
            }
        }
        assertThat(bodies).as("request bodies found").isGreaterThan(15);
        assertThat(primitives).as("primitive numbers in request bodies").isEmpty();
    }

    private static boolean isResourceMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    private static final Set<Class<? extends Annotation>> NOT_THE_BODY = Set.of(PathParam.class, QueryParam.class,
            HeaderParam.class, CookieParam.class, MatrixParam.class, FormParam.class, BeanParam.class, Context.class,
            Suspended.class);

    private static boolean isEntity(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (NOT_THE_BODY.contains(annotation.annotationType())) {
                return false;
            }
        }
        return true;
    }

    private static void primitives(Type type, String where, Set<Type> seen, List<String> found) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                primitives(argument, where, seen, found);
            }
        } else if (type instanceof Class<?> type1 && type1.isPrimitive() && type1 != boolean.class) {
            found.add(where + ": " + type1);
        } else if (type instanceof Class<?> type1 && type1.isArray()) {
            primitives(type1.getComponentType(), where + "[]", seen, found);
        } else if (type instanceof Class<?> type1 && type1.isRecord()) {
            for (RecordComponent component : type1.getRecordComponents()) {
                primitives(component.getGenericType(), where + " " + type1.getSimpleName() + "." + component.getName(),
                        seen, found);
            }
        }
    }
}
