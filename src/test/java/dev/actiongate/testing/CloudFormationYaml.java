package dev.actiongate.testing;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a CloudFormation/SAM template. Intrinsic functions in short form ({@code !Sub}, {@code !Ref},
 * {@code !If} ...) are read as their plain argument: a string, list or map; or, by {@link #readWithIntrinsics},
 * in their long form ({@code {"Fn::Sub": ...}}, {@code {"Ref": ...}}), as CloudFormation reads them.
 */
public final class CloudFormationYaml {

    private CloudFormationYaml() {
    }

    public static Map<String, Object> read(Path template) throws IOException {
        return new Yaml(new IntrinsicsAsValues()).load(Files.readString(template));
    }

    public static Map<String, Object> readWithIntrinsics(Path template) throws IOException {
        return new Yaml(new IntrinsicsInLongForm()).load(Files.readString(template));
    }

    private static class IntrinsicsAsValues extends SafeConstructor {

        IntrinsicsAsValues() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object argument = switch (node) {
                        case ScalarNode scalar -> constructScalar(scalar);
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> null;
                    };
                    return intrinsic(node.getTag().getValue().substring(1), argument);
                }
            });
        }

        Object intrinsic(String name, Object argument) {
            return argument;
        }
    }

    private static final class IntrinsicsInLongForm extends IntrinsicsAsValues {

        @Override
        Object intrinsic(String name, Object argument) {
            return Map.of(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, argument);
        }
    }
}
