package org.clouddisk.sharing;

import redis.clients.jedis.RedisClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ranking in Redis, in the original's structures, shared by every CloudDisk node. A marker key written with
 * each rebuild tells a complete ranking from one Redis lost (restart, FLUSHALL): changes are applied only to a
 * complete ranking, atomically with that check (Lua); otherwise the partial keys are dropped, so the ranking is
 * either exact or absent, and the next read rebuilds it.
 */
public class RedisShareRanking implements ShareRanking {

    static final String ZSET = "FILE_PUBLIC_ZSET";
    static final String HASH = "FILE_NAME_HASH";
    static final String BUILT = "clouddisk:ranking:built";

    private static final String IF_BUILT = "if redis.call('EXISTS', KEYS[3]) == 0 then"
            + " redis.call('DEL', KEYS[1], KEYS[2]) return 0 end ";
    private static final String ADD = IF_BUILT
            + "redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) return 1";
    private static final String REMOVE = IF_BUILT
            + "redis.call('ZREM', KEYS[1], ARGV[1]) redis.call('HDEL', KEYS[2], ARGV[1]) return 1";
    private static final String INCREMENT = IF_BUILT + "redis.call('ZINCRBY', KEYS[1], 1, ARGV[1]) return 1";
    private static final List<String> KEYS = List.of(ZSET, HASH, BUILT);
    /**
     * A page with its names, read only when the ranking is complete and holds ARGV[1] entries (-1: any number), in
     * one round trip: nil otherwise, else member, score and name of each entry (a missing name as nil).
     */
    private static final String PAGE = "if redis.call('EXISTS', KEYS[3]) == 0 then return false end "
            + "local n = redis.call('ZCARD', KEYS[1]) "
            + "if n ~= redis.call('HLEN', KEYS[2]) then return false end "
            + "if ARGV[1] ~= '-1' and n ~= tonumber(ARGV[1]) then return false end "
            + "local ranked = redis.call(ARGV[2], KEYS[1], ARGV[3], ARGV[4], 'WITHSCORES') "
            + "local page = {} "
            + "for i = 1, #ranked, 2 do "
            + "page[#page + 1] = ranked[i] page[#page + 1] = ranked[i + 1] "
            + "page[#page + 1] = redis.call('HGET', KEYS[2], ranked[i]) end "
            + "return page";

    private final RedisClient redis;

    public RedisShareRanking(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public void add(RankedFile file) {
        applyIfBuilt(ADD, file.member(), file.fileName(), Long.toString(file.pv()));
    }

    @Override
    public void remove(String md5, String fileName) {
        applyIfBuilt(REMOVE, md5 + fileName);
    }

    @Override
    public void increment(String md5, String fileName) {
        applyIfBuilt(INCREMENT, md5 + fileName);
    }

    private void applyIfBuilt(String script, String... args) {
        if (Long.valueOf(0).equals(redis.eval(script, KEYS, List.of(args)))) {
            throw new StaleRankingException("the ranking was lost (Redis restarted or flushed)");
        }
    }

    @Override
    public Optional<List<RankedFile>> pageIfSize(long size, boolean descending, int start, int count) {
        Object reply = redis.eval(PAGE, KEYS, List.of(Long.toString(size), descending ? "ZREVRANGE" : "ZRANGE",
                Integer.toString(start), Long.toString(start + count - 1L)));
        if (reply == null) {
            return Optional.empty();
        }
        List<?> values = (List<?>) reply;
        var page = new ArrayList<RankedFile>(values.size() / 3);
        for (int i = 0; i < values.size(); i += 3) {
            String member = (String) values.get(i);
            String name = (String) values.get(i + 2);
            if (name == null || member.length() != 32 + name.length()) {
                throw new StaleRankingException("ranking member without its file name: " + member);
            }
            long pv = (long) Double.parseDouble((String) values.get(i + 1));
            page.add(new RankedFile(member.substring(0, 32), name, pv));
        }
        return Optional.of(page);
    }

    @Override
    public void replaceAll(List<RankedFile> entries) {
        Map<String, Double> scores = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (RankedFile f : entries) {
            scores.put(f.member(), (double) f.pv());
            names.put(f.member(), f.fileName());
        }
        var tx = redis.multi();
        tx.del(ZSET, HASH);
        if (!entries.isEmpty()) {
            tx.zadd(ZSET, scores);
            tx.hset(HASH, names);
        }
        tx.set(BUILT, "1");
        tx.exec();
    }

    @Override
    public void drop() {
        redis.del(BUILT, ZSET, HASH); // the marker first: no change applies to what is left meanwhile
    }
}
