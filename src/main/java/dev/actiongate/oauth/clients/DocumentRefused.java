package dev.actiongate.oauth.clients;

/** Why a Client ID Metadata Document could not be used, as the end of a sentence a person reads. */
final class DocumentRefused extends Exception {

    DocumentRefused(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
