package dev.actiongate.oauth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The instance's own claims: one holder per id, repeats get its answer, and the memory stays bounded. */
class ClaimMemoryTest {

    private static final Instant NOW = Instant.parse("2031-03-01T10:00:00Z");

    private final ClaimMemory memory = new ClaimMemory();

    @Test
    void aRepeatGetsTheHoldersAnswerAndAfterALetGoMayClaimAgain() throws Exception {
        ClaimMemory.Claim first = ((ClaimMemory.Mine) memory.claim("a", NOW, NOW.plusSeconds(60), NOW.plusSeconds(300), false)).claim();
        ClaimMemory.Claim seen = ((ClaimMemory.Taken) memory.claim("a", NOW, NOW.plusSeconds(60), NOW.plusSeconds(300), false)).claim();

        memory.answer(first, new byte[] {1, 2});
        assertArrayEquals(new byte[] {1, 2}, seen.await(Duration.ofSeconds(1)).orElseThrow());

        ClaimMemory.Claim other = ((ClaimMemory.Mine) memory.claim("b", NOW, NOW.plusSeconds(60), NOW.plusSeconds(300), false)).claim();
        ClaimMemory.Claim waiting = ((ClaimMemory.Taken) memory.claim("b", NOW, NOW.plusSeconds(60), NOW.plusSeconds(300), false)).claim();
        memory.letGo("b", other);
        assertEquals(Optional.empty(), waiting.await(Duration.ofSeconds(1)));
        assertInstanceOf(ClaimMemory.Mine.class, memory.claim("b", NOW, NOW.plusSeconds(60), NOW.plusSeconds(300), false));
    }

    @Test
    void aCodeStaysUsedAfterItsWindowAndARefreshTokenMayBeRedeemedAgain() {
        memory.claim("code", NOW, NOW.plusSeconds(60), NOW.plusSeconds(300), false);
        memory.claim("refresh", NOW, NOW.plusSeconds(60), NOW.plusSeconds(60), true);
        Instant later = NOW.plusSeconds(61);

        assertInstanceOf(ClaimMemory.Taken.class, memory.claim("code", later, later.plusSeconds(60), later.plusSeconds(300), false));
        assertInstanceOf(ClaimMemory.Mine.class, memory.claim("refresh", later, later.plusSeconds(60), later.plusSeconds(60), true));
        assertTrue(memory.claimOnce("callback", NOW, NOW.plusSeconds(600)));
        assertFalse(memory.claimOnce("callback", NOW.plusSeconds(599), NOW.plusSeconds(1199)));
        assertTrue(memory.claimOnce("callback", NOW.plusSeconds(600), NOW.plusSeconds(1200)), "forgotten once the state has expired");
    }

    @Test
    void pastItsCapacityTheMemoryForgetsExpiredClaimsFirstThenTheOldest() {
        memory.claimOnce("expires-soon", NOW, NOW.plusSeconds(1));
        for (int i = 1; i < ClaimMemory.CAPACITY; i++) {
            memory.claimOnce("claim-" + i, NOW, NOW.plusSeconds(600));
        }
        assertEquals(ClaimMemory.CAPACITY, memory.size());

        Instant later = NOW.plusSeconds(2);
        assertTrue(memory.claimOnce("one-more", later, later.plusSeconds(600)));
        assertTrue(memory.claimOnce("and-another", later, later.plusSeconds(600)));

        assertEquals(ClaimMemory.CAPACITY, memory.size());
        assertFalse(memory.claimOnce("claim-2", later, later.plusSeconds(600)), "still remembered");
        assertTrue(memory.claimOnce("claim-1", later, later.plusSeconds(600)), "the oldest went to make room");
    }
}
