package dev.mall.platform.messaging;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;

/**
 * The idempotent-consumer record: a consumer notes each message id in the {@code processed_message} table of the
 * database it changes, in the same XA transaction as the change. {@code INSERT IGNORE} makes the check and the note
 * one statement: a redelivered message finds its row (0 rows inserted) and is skipped; a concurrent duplicate waits on
 * the first one's key lock and then sees its row, or gets its own if the first rolled back.
 */
public final class ProcessedMessages {

    private ProcessedMessages() {
    }

    /** True the first time {@code consumer} sees {@code message}; false for a message already applied. */
    public static boolean firstDelivery(EntityManager database, String consumer, Message message) {
        String messageId;
        try {
            messageId = message.getJMSMessageID();
        } catch (JMSException e) {
            throw new IllegalStateException("message without an id", e);
        }
        if (messageId == null) {
            throw new IllegalStateException("message without an id");
        }
        int inserted = database.createNativeQuery(
                        "INSERT IGNORE INTO processed_message (consumer, message_id) VALUES (?1, ?2)")
                .setParameter(1, consumer)
                .setParameter(2, messageId)
                .executeUpdate();
        return inserted == 1;
    }
}
