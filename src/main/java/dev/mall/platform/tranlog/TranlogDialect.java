package dev.mall.platform.tranlog;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.NativeSession;
import com.mysql.cj.Query;
import com.mysql.cj.exceptions.CJException;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.StatementImpl;
import com.mysql.cj.jdbc.result.ResultSetFactory;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Lets Liberty keep its transaction log in MariaDB or MySQL. Liberty's database log (server.xml
 * {@code <transaction dataSourceRef="tranlogDataSource">}) knows DB2, Oracle, PostgreSQL and SQL Server; for any other
 * product it sends generic SQL with three Derby/DB2 idioms that MariaDB and MySQL reject, and then retries forever:
 * <ul>
 * <li>{@code CREATE TABLE ... DATA LONG VARCHAR FOR BIT DATA} (the log tables): a binary column, here {@code LONGBLOB};</li>
 * <li>{@code CREATE INDEX ... ("RU_ID" ASC, ...)}: double-quoted column names, here unquoted;</li>
 * <li>{@code SELECT ... FOR UPDATE OF LEASE_TIME} (peer-recovery leases, every lease check): a column list after
 * {@code FOR UPDATE}, here dropped — the statement reads one table, so the same rows are locked.</li>
 * </ul>
 * A Connector/J query interceptor on the transaction log's datasource only (its {@code queryInterceptors} property):
 * a statement that contains none of them passes untouched; one that does is executed in its corrected form on the
 * same connection, in the same transaction, and its result answers the original statement (the interceptor contract
 * of {@link QueryInterceptor#preProcess(Supplier, Query)}). Packaged into the server's JDBC library beside the driver
 * (pom: mall-jdbc.jar), never into the WAR.
 */
public class TranlogDialect implements QueryInterceptor {

    private static final Pattern BINARY_COLUMN = Pattern.compile("LONG\\s+VARCHAR\\s+FOR\\s+BIT\\s+DATA",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FOR_UPDATE_OF = Pattern.compile("(\\sFOR\\s+UPDATE)\\s+OF\\s+\\w+(\\s*,\\s*\\w+)*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_INDEX = Pattern.compile("^\\s*CREATE\\s+INDEX\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED_NAME = Pattern.compile("\"(\\w+)\"");

    private JdbcConnection connection;

    @Override
    public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
        this.connection = (JdbcConnection) connection;
        return this;
    }

    /** The statement in a form MariaDB/MySQL accept, or the very same string if it needs no change. */
    static String rewrite(String sql) {
        String rewritten = BINARY_COLUMN.matcher(sql).replaceAll("LONGBLOB");
        rewritten = FOR_UPDATE_OF.matcher(rewritten).replaceAll("$1");
        if (CREATE_INDEX.matcher(rewritten).find()) {
            rewritten = QUOTED_NAME.matcher(rewritten).replaceAll("$1");
        }
        return rewritten.equals(sql) ? sql : rewritten;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Resultset> T preProcess(Supplier<String> sql, Query query) {
        String original = sql.get();
        if (original == null) {
            return null;
        }
        String rewritten = rewrite(original);
        if (rewritten == original) {
            return null;
        }
        ResultSetFactory results;
        try {
            results = new ResultSetFactory(connection, query instanceof StatementImpl statement ? statement : null);
        } catch (SQLException e) {
            throw new CJException("cannot read results of " + rewritten, e);
        }
        // The corrected statement passes this interceptor again, unchanged. A failure (e.g. "table doesn't exist",
        // which makes Liberty create its tables) is a CJException that the calling statement reports as the
        // SQLException Liberty expects.
        return (T) ((NativeSession) connection.getSession()).execSQL(query, rewritten, -1, null, false, results,
                null, false);
    }

    @Override
    public boolean executeTopLevelOnly() {
        return false;
    }

    @Override
    public void destroy() {
        connection = null;
    }

    @Override
    public <T extends Resultset> T postProcess(Supplier<String> sql, Query query, T originalResultSet,
                                               ServerSession serverSession) {
        return null;
    }
}
