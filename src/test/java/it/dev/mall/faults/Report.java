package it.dev.mall.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The run's report: one line per round, then per fault type the counts, as docs/RELIABILITY.md quotes them. */
final class Report {

    private Report() {
    }

    static String render(List<Round> rounds, int planned, Duration took, String mode, boolean balanced,
                         Invariants.Figures totals) {
        StringBuilder out = new StringBuilder();
        out.append("\n# Fault suite report (").append(mode).append(" run)\n\n");
        out.append(balanced ? "Clients through HAProxy (etc/haproxy/mall.cfg).\n\n"
                : "No HAProxy: the suite chose the servers itself (a killed one left its rotation at once).\n\n");
        out.append(String.format("%d of %d rounds in %d min %02d s; violations: %d%n%n", rounds.size(), planned,
                took.toMinutes(), took.toSecondsPart(), rounds.stream().mapToInt(r -> r.violations.size()).sum()));
        if (totals != null) {
            out.append(String.format("Orders placed by the run: %d (paid %d, expired %d, cancelled %d); ambiguous"
                    + " placements resolved: %d committed, %d absent; replays checked: %d.%n%n", totals.orders(),
                    totals.paid(), totals.expired(), totals.cancelled(), totals.ambiguousCommitted(),
                    totals.ambiguousAbsent(), totals.replaysChecked()));
        }
        out.append("| round | node | requests (ok/4xx/5xx/no answer/not sent) | ambiguous → committed/absent"
                + " | prepared at fault (MariaDB/Artemis) | branches recovered (commit/rollback)"
                + " | recovery s | peer s | failed requests | balancer out s | redispatched | s |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Round r : rounds) {
            out.append(String.format("| %s | %s | %s | %d/%d | %s/%s | %d/%d | %s | %s | %d | %s | %s | %.0f |%n",
                    r.label(), r.node, counts(r.placements), r.ambiguousCommitted, r.ambiguousAbsent,
                    figure(r.preparedInMariaDb), figure(r.preparedInBroker), r.recoveredCommits, r.recoveredRollbacks,
                    seconds(r.recoverySeconds), seconds(r.peerRecoverySeconds), r.failedRequests,
                    r.balancerOutSeconds < 0 ? "-" : String.format("%.1f", r.balancerOutSeconds),
                    r.redispatched < 0 ? "-" : Long.toString(r.redispatched), r.seconds));
        }
        out.append("\nrecovery s: from the restart of the killed server to its WTRN0133I (fault 4: from the database's"
                + " restart to the stalled branches' commit; broker failover: from the primary's restart to its"
                + " fail-back; Redis failover: from the old primary's restart to its sync as the new primary's"
                + " replica); peer s: from the kill to the peer's CWRLS0011I; failed"
                + " requests: of every kind (place, replay, pay, cancel), answered 5xx or not at all, or never sent;"
                + " balancer out s: from a server's kill until HAProxy's health check marked it DOWN; redispatched:"
                + " requests HAProxy sent to the other server because the connection to the first was refused.\n");
        out.append("\n## Per fault type\n\n");
        out.append("| fault | injected | requests | ambiguous → committed/absent | max prepared branches at fault"
                + " | branches recovered | peer recoveries | max recovery s | violations |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        Map<Fault, List<Round>> byFault = new EnumMap<>(Fault.class);
        rounds.forEach(r -> byFault.computeIfAbsent(r.fault, f -> new ArrayList<>()).add(r));
        for (Map.Entry<Fault, List<Round>> entry : byFault.entrySet()) {
            List<Round> of = entry.getValue();
            out.append(String.format("| %s | %d | %d | %d/%d | %d | %d | %d | %s | %d |%n", entry.getKey().description,
                    of.size(), of.stream().mapToInt(r -> r.placements.values().stream().mapToInt(i -> i).sum()).sum(),
                    of.stream().mapToInt(r -> r.ambiguousCommitted).sum(),
                    of.stream().mapToInt(r -> r.ambiguousAbsent).sum(),
                    of.stream().mapToInt(r -> Math.max(0, r.preparedInMariaDb) + Math.max(0, r.preparedInBroker)).max()
                            .orElse(0),
                    of.stream().mapToInt(r -> r.recoveredCommits + r.recoveredRollbacks).sum(),
                    of.stream().filter(r -> r.peerRecoverySeconds >= 0).count(),
                    seconds(of.stream().mapToDouble(r -> r.recoverySeconds).max().orElse(-1)),
                    of.stream().mapToInt(r -> r.violations.size()).sum()));
        }
        out.append("\n## Notes and violations\n\n");
        for (Round r : rounds) {
            r.notes.forEach(n -> out.append("- ").append(r.label()).append(": ").append(n).append('\n'));
            if (r.callbacksRetried > 0) {
                out.append("- ").append(r.label()).append(": ").append(r.callbacksRetried)
                        .append(" payment webhooks delivered only after the provider retried them\n");
            }
            r.violations.forEach(v -> out.append("- ").append(r.label()).append(": VIOLATION ").append(v).append('\n'));
        }
        return out.toString();
    }

    private static String counts(Map<Answer.Outcome, Integer> placements) {
        return placements.getOrDefault(Answer.Outcome.OK, 0) + "/" + placements.getOrDefault(Answer.Outcome.REFUSED, 0)
                + "/" + placements.getOrDefault(Answer.Outcome.SERVER_ERROR, 0) + "/"
                + placements.getOrDefault(Answer.Outcome.NO_ANSWER, 0) + "/"
                + placements.getOrDefault(Answer.Outcome.NOT_SENT, 0);
    }

    private static String figure(int value) {
        return value < 0 ? "-" : Integer.toString(value);
    }

    private static String seconds(double value) {
        return value < 0 ? "-" : String.format("%.0f", value);
    }
}
