package org.clouddisk.sharing;

import org.clouddisk.it.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The ranking's pages from Redis (one script: the completeness check, the page and its names) and from memory
 * answer alike, and only when the ranking is complete and of the size asked. Redis database 7 of the run's
 * redis-server, so that the deployed server's ranking in database 0 is left alone.
 */
class RankingPagesIT {

    private static final String A = "a".repeat(32);
    private static final String B = "b".repeat(32);
    private static final List<RankedFile> ENTRIES = List.of(new RankedFile(A, "one.txt", 5),
            new RankedFile(B, "two.txt", 5), new RankedFile(A, "three.txt", 9), new RankedFile(B, "four.txt", 0));

    private static RedisClient redis;

    @BeforeAll
    static void connect() {
        redis = RedisClient.create(URI.create("redis://127.0.0.1:" + TestEnvironment.redis().port() + "/7"));
    }

    @AfterAll
    static void close() {
        redis.flushDB();
        redis.close();
    }

    static Stream<ShareRanking> rankings() {
        redis.flushDB();
        return Stream.of(new RedisShareRanking(redis), new InMemoryShareRanking());
    }

    @ParameterizedTest
    @MethodSource("rankings")
    void aRankingNeverBuiltHasNoPages(ShareRanking ranking) {
        assertEquals(Optional.empty(), ranking.pageIfSize(0, true, 0, 10));
        assertThrows(StaleRankingException.class, () -> ranking.page(true, 0, 10));
    }

    @ParameterizedTest
    @MethodSource("rankings")
    void pagesGoByPvThenMemberEitherWay(ShareRanking ranking) {
        ranking.replaceAll(ENTRIES);
        assertEquals(List.of("three.txt 9", "two.txt 5", "one.txt 5", "four.txt 0"),
                names(ranking.pageIfSize(4, true, 0, 10).orElseThrow()));
        assertEquals(List.of("four.txt 0", "one.txt 5", "two.txt 5", "three.txt 9"),
                names(ranking.pageIfSize(4, false, 0, 10).orElseThrow()));
        assertEquals(List.of("two.txt 5", "one.txt 5"), names(ranking.pageIfSize(4, true, 1, 2).orElseThrow()));
        assertEquals(List.of(), ranking.pageIfSize(4, true, 4, 10).orElseThrow());
        assertEquals(List.of("three.txt 9", "two.txt 5", "one.txt 5"), names(ranking.page(true, 0, 3)));
    }

    @ParameterizedTest
    @MethodSource("rankings")
    void aRankingOfAnotherSizeOrDroppedHasNoPages(ShareRanking ranking) {
        ranking.replaceAll(ENTRIES);
        assertEquals(Optional.empty(), ranking.pageIfSize(3, true, 0, 10));
        assertEquals(Optional.empty(), ranking.pageIfSize(5, true, 0, 10));
        ranking.increment(B, "four.txt");
        ranking.add(new RankedFile(A, "five.txt", 1));
        assertEquals(List.of("three.txt 9", "two.txt 5", "one.txt 5", "four.txt 1", "five.txt 1"),
                names(ranking.pageIfSize(5, true, 0, 10).orElseThrow()));
        ranking.drop();
        assertEquals(Optional.empty(), ranking.pageIfSize(5, true, 0, 10));
    }

    @Test
    void aRedisRankingMissingANameOrWithAWrongOneHasNoPages() {
        redis.flushDB();
        var ranking = new RedisShareRanking(redis);
        ranking.replaceAll(ENTRIES);
        redis.hdel(RedisShareRanking.HASH, A + "one.txt");
        assertEquals(Optional.empty(), ranking.pageIfSize(4, true, 0, 10), "ZSET and HASH differ");
        redis.hset(RedisShareRanking.HASH, A + "one.txt", "other.txt");
        assertThrows(StaleRankingException.class, () -> ranking.pageIfSize(4, true, 0, 10));
    }

    private static List<String> names(List<RankedFile> page) {
        return page.stream().map(f -> f.fileName() + " " + f.pv()).toList();
    }
}
