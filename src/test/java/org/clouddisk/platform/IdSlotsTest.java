package org.clouddisk.platform;

import jakarta.persistence.Query;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdSlotsTest {

    @Test
    void theClauseHasTheSlotsOfTheSmallestWidthThatHoldsTheIds() {
        assertEquals(16, slotsIn(IdSlots.in("u.id", 1)));
        assertEquals(16, slotsIn(IdSlots.in("u.id", 16)));
        assertEquals(64, slotsIn(IdSlots.in("u.id", 17)));
        assertEquals(256, slotsIn(IdSlots.in("u.id", 100)));
        assertEquals(1024, slotsIn(IdSlots.in("u.id", 1000)));
        assertTrue(IdSlots.in("s.id", 3).startsWith("s.id in (:slot0, :slot1, "));
    }

    @Test
    void theSameWidthGivesTheSameTextSoThePlanIsReused() {
        assertEquals(IdSlots.in("u.id", 20), IdSlots.in("u.id", 64));
    }

    @Test
    void everySlotIsBoundAndThoseAfterTheIdsRepeatTheLast() {
        Map<String, Object> bound = new LinkedHashMap<>();
        IdSlots.bind(recording(bound), List.of(7L, 3L, 9L));
        assertEquals(16, bound.size());
        assertEquals(7L, bound.get("slot0"));
        assertEquals(3L, bound.get("slot1"));
        assertEquals(9L, bound.get("slot2"));
        for (int i = 3; i < 16; i++) {
            assertEquals(9L, bound.get("slot" + i));
        }
    }

    @Test
    void aFullWidthBindsEachIdOnce() {
        Map<String, Object> bound = new LinkedHashMap<>();
        List<Long> ids = LongStream.range(0, 64).boxed().toList();
        IdSlots.bind(recording(bound), ids);
        assertEquals(ids, List.copyOf(bound.values()));
    }

    @Test
    void noIdsOrTooManyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> IdSlots.in("u.id", 0));
        assertThrows(IllegalArgumentException.class, () -> IdSlots.in("u.id", 1025));
        assertThrows(IllegalArgumentException.class, () -> IdSlots.bind(recording(new LinkedHashMap<>()), List.of()));
    }

    private static int slotsIn(String clause) {
        return clause.split(":slot", -1).length - 1;
    }

    /** A Query that records its named parameters and answers itself. */
    private static Query recording(Map<String, Object> bound) {
        return (Query) Proxy.newProxyInstance(IdSlotsTest.class.getClassLoader(), new Class<?>[]{Query.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setParameter") && args.length == 2 && args[0] instanceof String name) {
                        bound.put(name, args[1]);
                        return proxy;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
