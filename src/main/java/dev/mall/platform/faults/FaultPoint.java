package dev.mall.platform.faults;

/** Places where a test may force a failure ({@link InjectableFaults}), to prove that everything before it rolls back. */
public enum FaultPoint {
    AFTER_ORDER_INSERT("after-order-insert"),
    AFTER_SEND("after-send"),
    AFTER_RESERVATION("after-reservation");

    private final String header;

    FaultPoint(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }
}
