package dev.mall.inventory.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mall.inventory.control.BucketChoice.Take;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketChoiceTest {

    @Test
    void theFirstBucketFromTheStartWithEnoughUnitsServesTheWholeQuantity() {
        assertThat(BucketChoice.take(List.of(5, 5, 5), 3, 1)).containsExactly(new Take(1, 3));
        assertThat(BucketChoice.take(List.of(5, 1, 5), 3, 1)).as("skips a bucket with too few")
                .containsExactly(new Take(2, 3));
        assertThat(BucketChoice.take(List.of(5, 1, 1), 3, 1)).as("wraps around to the first")
                .containsExactly(new Take(0, 3));
    }

    @Test
    void anyStartIsABucketEvenNegativeOrBeyondTheEnd() {
        assertThat(BucketChoice.take(List.of(5, 5, 5), 1, -1)).containsExactly(new Take(2, 1));
        assertThat(BucketChoice.take(List.of(5, 5, 5), 1, 7)).containsExactly(new Take(1, 1));
    }

    @Test
    void onlyWhenNoBucketHasEnoughIsTheQuantitySplitFromTheStartOn() {
        assertThat(BucketChoice.take(List.of(2, 0, 2, 1), 4, 2))
                .containsExactly(new Take(2, 2), new Take(3, 1), new Take(0, 1));
    }

    @Test
    void fewerUnitsInAllBucketsTogetherTakesNothing() {
        assertThat(BucketChoice.take(List.of(1, 1, 1), 4, 0)).isEmpty();
        assertThat(BucketChoice.take(List.of(0), 1, 0)).isEmpty();
    }

    @Test
    void exactlyAllUnitsCanBeTaken() {
        List<Take> takes = BucketChoice.take(List.of(1, 2, 3), 6, 0);
        assertThat(takes.stream().mapToInt(Take::quantity).sum()).isEqualTo(6);
        assertThat(takes).extracting(Take::index).doesNotHaveDuplicates();
    }

    @Test
    void nothingToTakeIsAnError() {
        assertThatThrownBy(() -> BucketChoice.take(List.of(5), 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BucketChoice.take(List.of(), 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spreadIsEvenWithTheRemainderOnTheFirstBuckets() {
        assertThat(BucketChoice.spread(10, 4)).containsExactly(3, 3, 2, 2);
        assertThat(BucketChoice.spread(8, 4)).containsExactly(2, 2, 2, 2);
        assertThat(BucketChoice.spread(2, 4)).containsExactly(1, 1, 0, 0);
        assertThat(BucketChoice.spread(7, 1)).containsExactly(7);
    }
}
