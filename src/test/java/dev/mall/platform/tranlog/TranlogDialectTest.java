package dev.mall.platform.tranlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The statements are the ones Liberty 26 sends for a database it does not know (seen in its trace). */
class TranlogDialectTest {

    @Test
    void theBinaryColumnOfTheLogTablesBecomesALongBlob() {
        assertThat(TranlogDialect.rewrite("CREATE TABLE WAS_TRAN_LOGfaults1( SERVER_NAME VARCHAR(128), SERVICE_ID SMALLINT,"
                + " RU_ID BIGINT, RUSECTION_ID BIGINT, RUSECTION_DATA_INDEX SMALLINT, DATA LONG VARCHAR FOR BIT DATA) "))
                .isEqualTo("CREATE TABLE WAS_TRAN_LOGfaults1( SERVER_NAME VARCHAR(128), SERVICE_ID SMALLINT,"
                        + " RU_ID BIGINT, RUSECTION_ID BIGINT, RUSECTION_DATA_INDEX SMALLINT, DATA LONGBLOB) ");
    }

    @Test
    void indexColumnsLoseTheirDoubleQuotes() {
        assertThat(TranlogDialect.rewrite(
                "CREATE INDEX IXWSPARTNER_LOG ON WAS_PARTNER_LOG( \"RU_ID\" ASC, \"SERVICE_ID\" ASC, \"SERVER_NAME\" ASC) "))
                .isEqualTo("CREATE INDEX IXWSPARTNER_LOG ON WAS_PARTNER_LOG( RU_ID ASC, SERVICE_ID ASC, SERVER_NAME ASC) ");
    }

    @Test
    void theLeaseLockLosesItsColumnList() {
        assertThat(TranlogDialect.rewrite(
                "SELECT LEASE_TIME, LEASE_OWNER FROM WAS_LEASES_LOG WHERE SERVER_IDENTITY='faults1' FOR UPDATE OF LEASE_TIME"))
                .isEqualTo("SELECT LEASE_TIME, LEASE_OWNER FROM WAS_LEASES_LOG WHERE SERVER_IDENTITY='faults1' FOR UPDATE");
    }

    @Test
    void everythingElsePassesAsTheSameString() {
        String lock = "SELECT SERVER_NAME, RUSECTION_ID FROM WAS_PARTNER_LOG WHERE RU_ID=-1 FOR UPDATE";
        String insert = "INSERT INTO WAS_TRAN_LOG (SERVER_NAME, SERVICE_ID, RU_ID, RUSECTION_ID,"
                + " RUSECTION_DATA_INDEX, DATA) VALUES (?,?,?,?,?,?)";
        String quotedValue = "UPDATE WAS_LEASES_LOG SET LEASE_OWNER = 'a \"b\"' WHERE SERVER_IDENTITY='x'";
        assertThat(TranlogDialect.rewrite(lock)).isSameAs(lock);
        assertThat(TranlogDialect.rewrite(insert)).isSameAs(insert);
        assertThat(TranlogDialect.rewrite(quotedValue)).isSameAs(quotedValue);
    }
}
