package dev.actiongate.dynamodb;

/**
 * The one table's layout, shared by every kind of item in it: a partition key and a sort key (both
 * strings), and a TTL attribute in epoch seconds. template.yaml declares the same names.
 */
public final class TableKeys {

    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    public static final String TIME_TO_LIVE = "ttl";

    private TableKeys() {
    }
}
