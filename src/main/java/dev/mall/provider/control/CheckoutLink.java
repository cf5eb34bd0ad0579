package dev.mall.provider.control;

import java.math.BigDecimal;

/**
 * What the shop put into a checkout URL and signed with MALL_PROVIDER_API_SECRET: the payment, its order and the
 * amount. A customer who edits any of them (a smaller amount, another payment) breaks the signature.
 */
public record CheckoutLink(long paymentId, long orderId, BigDecimal amount) {

    /** The signed text; the shop's {@code dev.mall.payment.control.CheckoutLinks} builds the same. */
    public String canonical() {
        return "payment=" + paymentId + "&order=" + orderId + "&amount=" + amount.toPlainString();
    }

    /** The link's parameters, or null if any is missing or malformed. */
    public static CheckoutLink parse(String payment, String order, String amount) {
        try {
            BigDecimal value = new BigDecimal(amount);
            if (value.scale() > 2 || value.signum() < 0) {
                return null;
            }
            return new CheckoutLink(Long.parseLong(payment), Long.parseLong(order), value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
