package org.clouddisk.bench;

import org.clouddisk.it.CloudDiskClient;
import org.clouddisk.it.CloudDiskClient.User;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import static org.clouddisk.bench.Context.expect;

/**
 * Users with n files in their root (one real upload, seed.txt, then n - 1 more names for the same content filled
 * through SQL: file-000001.txt …), made once per n for the sections that list them, checked through
 * /myfiles?cmd=count.
 */
final class ListUsers {

    static final byte[] SEED = "CloudDisk benchmark seed content\n".getBytes(StandardCharsets.UTF_8);
    static final String SEED_MD5 = CloudDiskClient.md5(SEED);

    private final CloudDiskClient client;
    private final Fill fill;
    private final Map<Integer, User> users = new HashMap<>();

    ListUsers(CloudDiskClient client) {
        this.client = client;
        this.fill = new Fill(client);
    }

    User withFiles(int n) throws SQLException {
        User u = users.get(n);
        if (u == null) {
            u = client.newUser("bench_list" + n);
            expect("008", client.uploadLegacy(u, "seed.txt", SEED), "seed upload");
            if (n > 1) {
                fill.rootFiles(u, SEED_MD5, "file-", 1, n - 1, false);
            }
            expect(Integer.toString(n), Integer.toString(client.myCount(u)), "myfiles?cmd=count");
            users.put(n, u);
        }
        return u;
    }

    static String fileName(int i) {
        return String.format("file-%06d.txt", i);
    }
}
