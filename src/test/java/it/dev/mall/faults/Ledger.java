package it.dev.mall.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request the suite's clients made and what they were told, for the checks after recovery: what the client
 * saw as created must exist, what it never sent or was refused must not, and what is ambiguous is looked up.
 */
final class Ledger {

    /**
     * One order placement (ordinary or flash sale). {@code faultInCommit}: it asked for a fault in its commit (crash
     * or stall), after the commit decision: if it got no answer, it must have committed.
     */
    record Placement(String round, String node, Customers.Customer customer, String key, Map<Long, Integer> lines,
                     Long saleId, Answer answer, Long orderId, Instant sentAt, boolean faultInCommit) {
    }

    /** {@code answer}: the shop's to /pay; {@code acknowledged}: the provider's checkout page answered the submit. */
    record Payment(String round, long orderId, boolean succeed, Answer answer, Long paymentId, boolean acknowledged) {
    }

    record Cancel(String round, long orderId, Answer answer) {
    }

    /** The same key sent again right after a 2xx: it must name the same order. */
    record Replay(String round, long orderId, Answer answer) {
    }

    private final Queue<Placement> placements = new ConcurrentLinkedQueue<>();
    private final Queue<Payment> payments = new ConcurrentLinkedQueue<>();
    private final Queue<Cancel> cancels = new ConcurrentLinkedQueue<>();
    private final Queue<Replay> replays = new ConcurrentLinkedQueue<>();

    Placement placed(String round, String node, Customers.Customer customer, String key, Map<Long, Integer> lines,
                     Long saleId, Answer answer, Instant sentAt, boolean faultInCommit) {
        Long orderId = answer.ok() ? answer.json().getLong("id") : null;
        Placement placement = new Placement(round, node, customer, key, lines, saleId, answer, orderId, sentAt,
                faultInCommit);
        placements.add(placement);
        return placement;
    }

    void paid(String round, long orderId, boolean succeed, ShopApi.PayAttempt attempt) {
        Answer opened = attempt.opened();
        payments.add(new Payment(round, orderId, succeed, opened, opened.ok() ? opened.json().getLong("paymentId") : null,
                attempt.acknowledged()));
    }

    void cancelled(String round, long orderId, Answer answer) {
        cancels.add(new Cancel(round, orderId, answer));
    }

    void replayed(String round, long orderId, Answer answer) {
        replays.add(new Replay(round, orderId, answer));
    }

    List<Placement> placements() {
        return new ArrayList<>(placements);
    }

    List<Payment> payments() {
        return new ArrayList<>(payments);
    }

    List<Cancel> cancels() {
        return new ArrayList<>(cancels);
    }

    List<Replay> replays() {
        return new ArrayList<>(replays);
    }

    /** Requests of a round, of every kind, that failed: answered 5xx or not at all, or never sent. */
    long failedRequests(String round) {
        return failures(round).values().stream().mapToLong(Long::longValue).sum();
    }

    /** What the failed requests of a round got (status or error), with how many got it. */
    Map<String, Long> failures(String round) {
        return java.util.stream.Stream.of(
                        placements.stream().filter(p -> p.round().equals(round)).map(Placement::answer),
                        payments.stream().filter(p -> p.round().equals(round)).map(Payment::answer),
                        cancels.stream().filter(c -> c.round().equals(round)).map(Cancel::answer),
                        replays.stream().filter(r -> r.round().equals(round)).map(Replay::answer))
                .flatMap(s -> s).filter(Ledger::failed)
                .collect(java.util.stream.Collectors.groupingBy(Answer::toString, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
    }

    private static boolean failed(Answer answer) {
        return answer.outcome().ambiguous() || answer.outcome() == Answer.Outcome.NOT_SENT;
    }

    long countPlacements(String round, Answer.Outcome outcome) {
        return placements.stream().filter(p -> p.round().equals(round) && p.answer().outcome() == outcome).count();
    }
}
