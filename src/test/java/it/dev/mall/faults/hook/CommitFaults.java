package it.dev.mall.faults.hook;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import java.io.IOException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Faults exactly between the two phases of a commit, for the fault suite (faults 2 and 4). A Connector/J query
 * interceptor, installed only on the fault-suite servers (their JDBC library and the {@code queryInterceptors}
 * property of their XA datasources, src/test/liberty/faults). Connector/J creates one instance per physical
 * connection, so the state here is the state of one connection.
 * <p>
 * A request with {@code X-Mall-Fault: crash-in-commit} or {@code stall-in-commit} makes the application run a marker
 * statement on each of its database connections (dev.mall.platform.faults.FaultInjection, a CDI interceptor). When Liberty then sends
 * {@code XA COMMIT} on a marked connection, every branch of the transaction has voted in {@code XA PREPARE} and the
 * transaction manager has forced its commit decision to its log. Liberty commits branches in enlistment order and
 * both databases are enlisted before the broker, so this is the transaction's first commit: every branch is prepared.
 * <ul>
 * <li>crash: the process kills itself with SIGKILL before the statement leaves; only recovery can finish the
 * transaction;</li>
 * <li>stall: the statement is held back for {@link #STALL}, long enough for the suite to kill and restart the
 * database under the prepared branches; then it goes out (and fails on the dead connection, so the live transaction
 * manager must retry the commit).</li>
 * </ul>
 */
public class CommitFaults implements QueryInterceptor {

    /** Must match dev.mall.platform.faults.CommitFaultMarkers (the marker is "mall_fault_" + the directive). */
    static final String CRASH_MARKER = "mall_fault_crash_in_commit";
    static final String STALL_MARKER = "mall_fault_stall_in_commit";
    static final long STALL = TimeUnit.SECONDS.toMillis(40);

    private enum Armed { NO, CRASH, STALL }

    /**
     * Global transaction ids whose commit was held back already: the transaction's second database branch (committed
     * after the first one's stall) goes out at once, so that the stall is one fault of {@link #STALL}, not two.
     */
    private static final Set<String> STALLED = ConcurrentHashMap.newKeySet();

    private volatile Armed armed = Armed.NO;

    /** {@code XA COMMIT gtrid,bqual,formatId}: the gtrid, the same for every branch of one transaction. */
    static String globalTransactionId(String xaCommit) {
        String xid = xaCommit.substring(9).trim();
        int comma = xid.indexOf(',');
        return comma < 0 ? xid : xid.substring(0, comma);
    }

    @Override
    public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
        return this;
    }

    @Override
    public <T extends Resultset> T preProcess(Supplier<String> sql, Query query) {
        String statement = sql.get();
        if (statement == null) {
            return null;
        }
        if (statement.contains(CRASH_MARKER)) {
            armed = Armed.CRASH;
        } else if (statement.contains(STALL_MARKER)) {
            armed = Armed.STALL;
        } else if (armed != Armed.NO && statement.regionMatches(true, 0, "XA COMMIT", 0, 9)) {
            Armed fault = armed;
            armed = Armed.NO;
            if (fault == Armed.CRASH) {
                killThisProcess();
            } else if (STALLED.add(globalTransactionId(statement))) {
                stall();
            }
        } else if (statement.regionMatches(true, 0, "XA ROLLBACK", 0, 11)) {
            // The marked transaction ended without a commit (it failed or was retried): the physical connection goes
            // back to the pool and must not hit a later, unmarked transaction.
            armed = Armed.NO;
        }
        return null;
    }

    /** SIGKILL, as {@code kill -9} from outside would: no shutdown hooks, no log flush, sockets dropped by the OS. */
    private static void killThisProcess() {
        long pid = ProcessHandle.current().pid();
        System.err.println("CommitFaults: XA COMMIT of a marked transaction: kill -9 " + pid);
        try {
            new ProcessBuilder("kill", "-KILL", Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No kill command: halting is the same for the transaction (no finally block, no hook runs).
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(137);
    }

    /** The fault itself is time: the commit is late, whatever happens to the database meanwhile. */
    private static void stall() {
        System.err.println("CommitFaults: XA COMMIT of a marked transaction held back for " + STALL + " ms");
        try {
            Thread.sleep(STALL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean executeTopLevelOnly() {
        return false;
    }

    @Override
    public void destroy() {
    }

    @Override
    public <T extends Resultset> T postProcess(Supplier<String> sql, Query query, T result, ServerSession session) {
        return null;
    }
}
