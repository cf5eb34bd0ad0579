package it.dev.mall.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The suite's Liberty servers and the load balancer in front of them: clients send each request to a random server
 * that is in service. A killed server is taken out of service only after the kill (requests already on their way
 * to it fail as they would behind a real balancer) and back in once it is ready again.
 */
final class Cluster {

    final List<LibertyNode> nodes;
    private final Set<LibertyNode> inService = ConcurrentHashMap.newKeySet();

    Cluster(List<LibertyNode> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    LibertyNode pick() {
        List<LibertyNode> candidates = new ArrayList<>(inService);
        if (candidates.isEmpty()) {
            candidates = nodes;
        }
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    LibertyNode randomNode() {
        return nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
    }

    LibertyNode other(LibertyNode node) {
        return nodes.stream().filter(n -> n != node).findFirst().orElse(node);
    }

    void outOfService(LibertyNode node) {
        inService.remove(node);
    }

    void inService(LibertyNode node) {
        inService.add(node);
    }

    /** Any server that is in service, for the suite's own calls (admin, audit, replays). */
    LibertyNode anyInService() {
        return inService.stream().findAny().orElseThrow(() -> new IllegalStateException("no server in service"));
    }
}
