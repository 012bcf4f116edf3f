package org.clouddisk.sharing;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.resps.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ranking in Redis, in the original's structures, shared by every CloudDisk node. */
public class RedisShareRanking implements ShareRanking {

    static final String ZSET = "FILE_PUBLIC_ZSET";
    static final String HASH = "FILE_NAME_HASH";

    private final RedisClient redis;

    public RedisShareRanking(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public void add(RankedFile file) {
        redis.hset(HASH, file.member(), file.fileName());
        redis.zadd(ZSET, file.pv(), file.member());
    }

    @Override
    public void remove(String md5, String fileName) {
        redis.zrem(ZSET, md5 + fileName);
        redis.hdel(HASH, md5 + fileName);
    }

    @Override
    public void increment(String md5, String fileName) {
        redis.zincrby(ZSET, 1, md5 + fileName);
    }

    @Override
    public long size() {
        long ranked = redis.zcard(ZSET);
        return ranked == redis.hlen(HASH) ? ranked : -1;
    }

    @Override
    public List<RankedFile> page(boolean descending, int start, int count) {
        List<Tuple> tuples = descending
                ? redis.zrevrangeWithScores(ZSET, start, start + count - 1L)
                : redis.zrangeWithScores(ZSET, start, start + count - 1L);
        if (tuples.isEmpty()) {
            return List.of();
        }
        List<String> names = redis.hmget(HASH, tuples.stream().map(Tuple::getElement).toArray(String[]::new));
        var page = new ArrayList<RankedFile>(tuples.size());
        for (int i = 0; i < tuples.size(); i++) {
            String member = tuples.get(i).getElement();
            String name = names.get(i);
            if (name == null || member.length() != 32 + name.length()) {
                throw new StaleRankingException("ranking member without its file name: " + member);
            }
            page.add(new RankedFile(member.substring(0, 32), name, (long) tuples.get(i).getScore()));
        }
        return page;
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
        tx.exec();
    }
}
