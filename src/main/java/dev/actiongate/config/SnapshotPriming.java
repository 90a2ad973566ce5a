package dev.actiongate.config;

/**
 * Work a bean would otherwise leave to its first call, done before a SnapStart snapshot instead: the
 * Lambda handler calls every such bean while it primes, so the work is in the snapshot. An adapter
 * implements it without its SDK's types reaching the handler.
 */
public interface SnapshotPriming {

    void prime();
}
