package it.dev.mall.faults;

import io.restassured.path.json.JsonPath;

/**
 * What a client got for one request, classified the way the fault suite counts it. Only a 2xx is a success and only
 * a 4xx a definite refusal; a 5xx, a timeout or a dropped connection leaves the outcome unknown until the databases
 * are asked after recovery. A refused connection means the request never reached a server.
 */
record Answer(Outcome outcome, int status, String body, String error) {

    enum Outcome {
        /** 2xx. */
        OK,
        /** 4xx: the server answered that it did nothing (or, for a replay, that the key is taken). */
        REFUSED,
        /** 5xx: the server answered, but the transaction may have committed before the error. */
        SERVER_ERROR,
        /** Timeout, reset, empty reply: the request may have been applied. */
        NO_ANSWER,
        /** The TCP connection was refused: the request was never sent. */
        NOT_SENT;

        /** Whether the request may or may not have been applied: it must be resolved after recovery. */
        boolean ambiguous() {
            return this == SERVER_ERROR || this == NO_ANSWER;
        }
    }

    static Answer of(int status, String body) {
        Outcome outcome = status >= 200 && status < 300 ? Outcome.OK
                : status >= 400 && status < 500 ? Outcome.REFUSED : Outcome.SERVER_ERROR;
        return new Answer(outcome, status, body, null);
    }

    static Answer failed(Outcome outcome, Throwable error) {
        return new Answer(outcome, 0, "", error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    boolean ok() {
        return outcome == Outcome.OK;
    }

    JsonPath json() {
        return JsonPath.from(body);
    }

    @Override
    public String toString() {
        return outcome + (status > 0 ? " " + status : "") + (error != null ? " (" + error + ")" : "");
    }
}
