package dev.actiongate.devops;

/** A GitHub repository as {@code owner/name}. */
public record Repository(String owner, String name) {

    public static Repository parse(String ownerAndName) {
        int slash = ownerAndName.indexOf('/');
        return new Repository(ownerAndName.substring(0, slash), ownerAndName.substring(slash + 1));
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
