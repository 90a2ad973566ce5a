package dev.actiongate.devops;

import dev.actiongate.web.ErrorCode;

/** Bounds for the page and limit parameters, so no answer grows past what a GPT can take. */
public final class Paging {

    public static final int MAX_PAGE = 100;

    private Paging() {
    }

    static int page(int page) {
        if (page < 1 || page > MAX_PAGE) {
            throw ErrorCode.PAGE_INVALID.refusal("Pages are numbered from 1 to " + MAX_PAGE + ".");
        }
        return page;
    }

    static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw ErrorCode.LIMIT_INVALID.refusal("Ask for between 1 and " + max + " at a time.");
        }
        return limit;
    }
}
