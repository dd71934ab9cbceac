package dev.wisp.deploy;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields of a fabric8 model object that its class does not know (they land in its
 * {@code @JsonAnyGetter} map), with their paths: a misspelt field such as {@code readinesProbe}
 * parses without error but would be rejected or ignored by the API server.
 */
public final class UnknownModelFields {
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private UnknownModelFields() {
    }

    /** The paths of unknown fields under {@code object}; empty when every field is known. */
    public static List<String> in(Object object) {
        List<String> out = new ArrayList<>();
        walk("", object, out);
        return out;
    }

    private static void walk(String path, Object value, List<String> out) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(path + "[" + i++ + "]", item, out);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(path + "." + k, v, out));
        } else if (value != null && value.getClass().getPackageName().startsWith(MODEL_PACKAGE)) {
            walkModel(path, value, out);
        }
    }

    private static void walkModel(String path, Object model, List<String> out) {
        for (Method getter : model.getClass().getMethods()) {
            if (!isGetter(getter)) {
                continue;
            }
            Object value = invoke(getter, model);
            if (getter.isAnnotationPresent(JsonAnyGetter.class)) {
                if (value != null) {
                    ((Map<?, ?>) value).keySet().forEach(k -> out.add(path + "." + k));
                }
            } else {
                walk(path + "." + propertyName(getter), value, out);
            }
        }
    }

    private static boolean isGetter(Method m) {
        return m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getName().startsWith("get")
                && !m.getName().equals("getClass") && m.getDeclaringClass().getPackageName().startsWith(MODEL_PACKAGE);
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
