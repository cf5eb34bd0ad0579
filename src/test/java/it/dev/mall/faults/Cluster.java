package it.dev.mall.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The suite's Liberty servers and the load balancer in front of them. With the HAProxy that bin/mall starts
 * ({@link Balancer}) every client request goes through it, and its health check takes a killed server out. Without one
 * (no haproxy on a machine where bin/mall may not install it) the suite plays the balancer: each request goes to a
 * random server in service, a killed server is taken out right after the kill (requests already on their way to it
 * fail as they would behind a real balancer) and back in once it is ready again.
 */
final class Cluster {

    /** Where one client request goes, and what the ledger calls that ("haproxy" or the server's id). */
    record Route(String baseUri, String via) {
    }

    final List<LibertyNode> nodes;
    final Optional<Balancer> balancer;
    private final Set<LibertyNode> inService = ConcurrentHashMap.newKeySet();

    Cluster(List<LibertyNode> nodes, Optional<Balancer> balancer) {
        this.nodes = List.copyOf(nodes);
        this.balancer = balancer;
    }

    /** The route of a client's next request. */
    Route route() {
        if (balancer.isPresent()) {
            return new Route(balancer.get().baseUri(), "haproxy");
        }
        List<LibertyNode> candidates = new ArrayList<>(inService);
        if (candidates.isEmpty()) {
            candidates = nodes;
        }
        LibertyNode node = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        return new Route(node.baseUri(), node.id);
    }

    /** The balancer's name of a server: mall1, mall2 in the order of the nodes (etc/haproxy/mall.cfg). */
    String balancerName(LibertyNode node) {
        return "mall" + (nodes.indexOf(node) + 1);
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
