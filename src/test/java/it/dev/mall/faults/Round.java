package it.dev.mall.faults;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One fault of the run and what was observed around it. {@code peerRecovery}: a killed server stays down until its
 * peer has recovered its transactions (two servers, one recovery group), and is restarted only then.
 */
final class Round {

    final int number;
    final Fault fault;
    final boolean peerRecovery;
    /** MARIADB_KILL only: a server is killed in commit first (else a live server's commit is stalled). */
    final boolean serverKilledToo;
    String node = "-";
    int preparedInMariaDb = -1;
    int preparedInBroker = -1;
    double recoverySeconds = -1;
    /** BROKER_FAILOVER: from the primary's kill to the first order placed (sent after the kill) through the backup. */
    double failoverSeconds = -1;
    double peerRecoverySeconds = -1;
    double seconds;
    /** Behind HAProxy: seconds from a server's kill until the balancer's health check took it out of rotation. */
    double balancerOutSeconds = -1;
    /** Behind HAProxy: requests it sent to the other server because a connection could not be made. */
    long redispatched = -1;
    /** Requests of the round (every kind) answered 5xx or not at all, or never sent. */
    long failedRequests;
    final Map<Answer.Outcome, Integer> placements = new EnumMap<>(Answer.Outcome.class);
    int ambiguousCommitted;
    int ambiguousAbsent;
    int callbacksRetried;
    /** Branches that Liberty's recovery (the restarted server's or the peer's) committed or rolled back. */
    int recoveredCommits;
    int recoveredRollbacks;
    final List<String> notes = new ArrayList<>();
    final List<String> violations = new ArrayList<>();

    Round(int number, Fault fault, boolean peerRecovery, boolean serverKilledToo) {
        this.number = number;
        this.fault = fault;
        this.peerRecovery = peerRecovery;
        this.serverKilledToo = serverKilledToo;
    }

    String label() {
        return String.format("%02d-%s%s%s", number, fault.name().toLowerCase().replace('_', '-'),
                peerRecovery ? "-peer" : "", serverKilledToo ? "+liberty-kill" : "");
    }

    /**
     * The run's plan: "short" for the README's test command, "full" for bin/mall faults, "queued" for the two rounds
     * of a queued flash sale alone (bin/mall faults --queued), "balancer" for server kills behind HAProxy alone,
     * "broker-ha" for kills of the primary of a broker pair (bin/mall faults --broker-ha), "redis-ha" for kills of the
     * Redis primary of a Sentinel-watched pair (bin/mall faults --redis-ha). "short", "full" and "redis-ha" run with
     * Redis as that pair (bin/mall sets MALL_REDIS_HA=on); bin/mall faults (full) runs "broker-ha" after "full".
     */
    static List<Round> plan(String mode) {
        List<Round> plan = new ArrayList<>();
        if ("queued".equals(mode)) {
            add(plan, Fault.QUEUED_LIBERTY_KILL, true);
            add(plan, Fault.QUEUED_BROKER_KILL, false);
            return plan;
        }
        if ("broker-ha".equals(mode)) {
            // bin/mall faults --broker-ha (MALL_BROKER_HA=on): the pair's primary killed under load, twice, so that
            // the second kill also tests the pair as the first fail-back left it.
            add(plan, Fault.BROKER_FAILOVER, false);
            add(plan, Fault.BROKER_FAILOVER, false);
            return plan;
        }
        if ("redis-ha".equals(mode)) {
            // The primary killed twice (the second time the node promoted by the first failover), and between them
            // both nodes at once, which leaves the Sentinels nobody to promote: Redis comes back empty.
            add(plan, Fault.REDIS_FAILOVER, false);
            add(plan, Fault.REDIS_KILL, false);
            add(plan, Fault.REDIS_FAILOVER, false);
            return plan;
        }
        if ("balancer".equals(mode)) {
            // Each server killed once at a random moment, then one in its commit: the balancer's rounds alone.
            add(plan, Fault.LIBERTY_KILL, false);
            add(plan, Fault.LIBERTY_KILL, false);
            add(plan, Fault.LIBERTY_KILL_IN_COMMIT, false);
            return plan;
        }
        if ("short".equals(mode)) {
            add(plan, Fault.LIBERTY_KILL, false);
            add(plan, Fault.LIBERTY_KILL_IN_COMMIT, true);
            add(plan, Fault.BROKER_KILL, false);
            add(plan, Fault.MARIADB_KILL, false);
            // Redis as a Sentinel-watched pair: its kill is the primary's, which the replica replaces (as cheap as
            // the single Redis's kill, and it exercises the servers' Sentinel client in every bin/mall test).
            add(plan, Fault.REDIS_FAILOVER, false);
            add(plan, Fault.QUEUED_BROKER_KILL, false);
            return plan;
        }
        // Ten random kills (three left to the peer), four kills in commit (two recovered by the peer), two of each
        // backing service (Redis: both nodes of the pair), two failovers of the Redis primary; interleaved so that
        // every kind of fault follows the others. (The broker pair's rounds follow in a run of their own, bin/mall.)
        add(plan, Fault.LIBERTY_KILL, false);
        add(plan, Fault.LIBERTY_KILL_IN_COMMIT, false);
        add(plan, Fault.LIBERTY_KILL, false);
        add(plan, Fault.BROKER_KILL, false);
        add(plan, Fault.LIBERTY_KILL, true);
        add(plan, Fault.MARIADB_KILL, false);
        add(plan, Fault.LIBERTY_KILL, false);
        add(plan, Fault.LIBERTY_KILL_IN_COMMIT, true);
        add(plan, Fault.REDIS_KILL, false);
        add(plan, Fault.LIBERTY_KILL, false);
        add(plan, Fault.REDIS_FAILOVER, false);
        add(plan, Fault.LIBERTY_KILL, true);
        add(plan, Fault.LIBERTY_KILL_IN_COMMIT, false);
        add(plan, Fault.BROKER_KILL, false);
        add(plan, Fault.LIBERTY_KILL, false);
        addWithServerKill(plan, Fault.MARIADB_KILL);
        add(plan, Fault.LIBERTY_KILL, true);
        add(plan, Fault.LIBERTY_KILL_IN_COMMIT, true);
        add(plan, Fault.REDIS_KILL, false);
        add(plan, Fault.LIBERTY_KILL, false);
        add(plan, Fault.REDIS_FAILOVER, false);
        add(plan, Fault.QUEUED_LIBERTY_KILL, true);
        add(plan, Fault.QUEUED_BROKER_KILL, false);
        add(plan, Fault.LIBERTY_KILL, false);
        return plan;
    }

    private static void add(List<Round> plan, Fault fault, boolean peer) {
        plan.add(new Round(plan.size() + 1, fault, peer, false));
    }

    private static void addWithServerKill(List<Round> plan, Fault fault) {
        plan.add(new Round(plan.size() + 1, fault, false, true));
    }
}
