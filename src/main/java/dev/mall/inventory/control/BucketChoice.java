package dev.mall.inventory.control;

import java.util.ArrayList;
import java.util.List;

/**
 * Which stock rows (buckets) of a SKU a reservation takes its units from. Buyers start at a random bucket so that
 * concurrent buyers of a hot SKU spread over the rows instead of all updating the same one; the first bucket (from
 * there, wrapping around) that has enough units serves the whole quantity, and only if none has enough is the
 * quantity split across buckets. With one bucket this is simply "that row".
 */
public final class BucketChoice {

    private BucketChoice() {
    }

    /** Units to take from the bucket at {@code index} of the list the choice was made from. */
    public record Take(int index, int quantity) {
    }

    /**
     * @param available units available per bucket, in bucket order
     * @param start     the bucket to look at first
     * @return the takes, or an empty list if all buckets together have fewer than {@code quantity} units
     */
    public static List<Take> take(List<Integer> available, int quantity, int start) {
        int buckets = available.size();
        if (quantity <= 0 || buckets == 0) {
            throw new IllegalArgumentException("nothing to take");
        }
        if (available.stream().mapToLong(Integer::longValue).sum() < quantity) {
            return List.of();
        }
        for (int i = 0; i < buckets; i++) {
            int index = Math.floorMod(start + i, buckets);
            if (available.get(index) >= quantity) {
                return List.of(new Take(index, quantity));
            }
        }
        List<Take> takes = new ArrayList<>();
        int missing = quantity;
        for (int i = 0; i < buckets && missing > 0; i++) {
            int index = Math.floorMod(start + i, buckets);
            int part = Math.min(available.get(index), missing);
            if (part > 0) {
                takes.add(new Take(index, part));
                missing -= part;
            }
        }
        return takes;
    }

    /** Splits {@code units} as evenly as possible over {@code buckets} (the first ones get the remainder). */
    public static List<Integer> spread(int units, int buckets) {
        List<Integer> shares = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            shares.add(units / buckets + (i < units % buckets ? 1 : 0));
        }
        return shares;
    }
}
