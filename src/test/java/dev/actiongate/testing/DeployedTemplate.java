package dev.actiongate.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudFormation template as a stack created with some parameter values would hold it: the parameters
 * (given, else their defaults) put in for {@code Ref} and {@code ${Name}} in {@code Fn::Sub}, the conditions
 * evaluated, each {@code Fn::If} replaced by its chosen branch, {@code AWS::NoValue} and the resources and
 * outputs whose condition is false left out. What only AWS knows stays as written: references to resources
 * and pseudo parameters ({@code ${HttpApi}}, {@code {"Ref": "Table"}}, {@code Fn::GetAtt}). The template's
 * {@code Rules} are evaluated too: {@link #brokenRules()} names the assertions these values fail.
 */
public final class DeployedTemplate {

    private static final Object NO_VALUE = new Object();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}!]+)}");

    private final Map<String, Object> template;
    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, Boolean> conditions = new HashMap<>();

    @SuppressWarnings("unchecked")
    private DeployedTemplate(Map<String, Object> template, Map<String, String> values) {
        this.template = template;
        ((Map<String, Map<String, Object>>) template.get("Parameters")).forEach((name, parameter) -> {
            Object value = values.containsKey(name) ? values.get(name) : parameter.get("Default");
            if (value != null) {
                parameters.put(name, String.valueOf(value));
            }
        });
        values.keySet().forEach(name -> {
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("the template has no parameter " + name);
            }
        });
    }

    /** template.yaml with these parameter values. */
    public static DeployedTemplate of(Map<String, String> values) throws IOException {
        return new DeployedTemplate(CloudFormationYaml.readWithIntrinsics(Path.of("template.yaml")), values);
    }

    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            @SuppressWarnings("unchecked")
            Object definition = ((Map<String, Object>) template.get("Conditions")).get(name);
            if (definition == null) {
                throw new IllegalArgumentException("the template has no condition " + name);
            }
            known = truth(definition);
            conditions.put(name, known);
        }
        return known;
    }

    /** The resources this stack would have, by logical id. */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) section("Resources");
    }

    /** The outputs this stack would print: name to value. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> outputs() {
        Map<String, Object> values = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) (Map<String, ?>) section("Outputs")).forEach((name, output) -> values.put(name, output.get("Value")));
        return values;
    }

    /** The SAM Globals of every function (Runtime, Environment ...), resolved. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> functionGlobals() {
        return (Map<String, Object>) resolved(((Map<String, Object>) template.get("Globals")).get("Function"));
    }

    /** The AssertDescription of every rule assertion these values fail, in template order. */
    @SuppressWarnings("unchecked")
    public List<String> brokenRules() {
        List<String> broken = new ArrayList<>();
        ((Map<String, Map<String, Object>>) template.getOrDefault("Rules", Map.of())).forEach((name, rule) -> {
            if (rule.get("RuleCondition") == null || truth(rule.get("RuleCondition"))) {
                for (Map<String, Object> assertion : (List<Map<String, Object>>) rule.get("Assertions")) {
                    if (!truth(assertion.get("Assert"))) {
                        broken.add((String) assertion.get("AssertDescription"));
                    }
                }
            }
        });
        return broken;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String section) {
        Map<String, Object> kept = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) template.get(section)).forEach((name, entry) -> {
            if (!(entry.get("Condition") instanceof String condition) || condition(condition)) {
                kept.put(name, resolved(entry));
            }
        });
        return kept;
    }

    @SuppressWarnings("unchecked")
    private Object resolved(Object value) {
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            for (Object item : list) {
                Object resolved = resolved(item);
                if (resolved != NO_VALUE) {
                    items.add(resolved);
                }
            }
            return items;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1) {
            Map.Entry<String, Object> only = ((Map<String, Object>) map).entrySet().iterator().next();
            Object argument = only.getValue();
            switch (only.getKey()) {
                case "Ref" -> {
                    if ("AWS::NoValue".equals(argument)) {
                        return NO_VALUE;
                    }
                    return parameters.containsKey((String) argument) ? parameters.get((String) argument) : map;
                }
                case "Fn::If" -> {
                    List<Object> branches = (List<Object>) argument;
                    return resolved(condition((String) branches.get(0)) ? branches.get(1) : branches.get(2));
                }
                case "Fn::Sub" -> {
                    return substituted(argument);
                }
                default -> {
                }
            }
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<String, Object>) map).forEach((key, nested) -> {
            Object resolved = resolved(nested);
            if (resolved != NO_VALUE) {
                copy.put(key, resolved);
            }
        });
        return copy;
    }

    /** A {@code Fn::Sub}: parameters and the given variables put in, every other placeholder kept as written. */
    @SuppressWarnings("unchecked")
    private String substituted(Object argument) {
        String text = argument instanceof List<?> list ? (String) list.get(0) : (String) argument;
        Map<String, Object> variables = argument instanceof List<?> list ? (Map<String, Object>) resolved(list.get(1)) : Map.of();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (placeholder.find()) {
            Object value = variables.containsKey(placeholder.group(1)) ? variables.get(placeholder.group(1)) : parameters.get(placeholder.group(1));
            placeholder.appendReplacement(result, Matcher.quoteReplacement(value instanceof String known ? known : placeholder.group()));
        }
        placeholder.appendTail(result);
        return result.toString();
    }

    @SuppressWarnings("unchecked")
    private boolean truth(Object expression) {
        Map.Entry<String, Object> only = ((Map<String, Object>) expression).entrySet().iterator().next();
        List<Object> arguments = only.getValue() instanceof List<?> list ? (List<Object>) list : List.of(only.getValue());
        return switch (only.getKey()) {
            case "Condition" -> condition((String) only.getValue());
            case "Fn::Not" -> !truth(arguments.get(0));
            case "Fn::And" -> arguments.stream().allMatch(this::truth);
            case "Fn::Or" -> arguments.stream().anyMatch(this::truth);
            case "Fn::Equals" -> String.valueOf(resolved(arguments.get(0))).equals(String.valueOf(resolved(arguments.get(1))));
            default -> throw new IllegalArgumentException("not a condition: " + expression);
        };
    }
}
