package it.dev.mall.faults;

/** The faults the suite injects (docs/RELIABILITY.md describes each). */
enum Fault {
    LIBERTY_KILL("kill -9 Liberty at a random moment"),
    LIBERTY_KILL_IN_COMMIT("kill -9 Liberty between prepare and commit"),
    BROKER_KILL("kill -9 Artemis with delayed ReservationExpiry pending"),
    MARIADB_KILL("kill -9 mariadbd with prepared branches present"),
    REDIS_KILL("kill -9 Redis mid flash sale"),
    QUEUED_LIBERTY_KILL("kill -9 Liberty with queued flash purchases between their ticket and their order"),
    QUEUED_BROKER_KILL("kill -9 Artemis with queued flash purchases between their ticket and their order"),
    REDIS_FAILOVER("kill -9 the Redis primary mid flash sale; the Sentinels promote its replica"),
    BROKER_FAILOVER("kill -9 the primary of an Artemis primary/backup pair under load; the backup takes over, then the"
            + " primary fails back");

    final String description;

    Fault(String description) {
        this.description = description;
    }
}
