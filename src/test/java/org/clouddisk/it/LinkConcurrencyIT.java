package org.clouddisk.it;

import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.clouddisk.it.DriveClient.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Limits of share links under parallel requests: each download counts exactly once, never past the limit; wrong
 * passwords get exactly their ten tries a minute per link and address, however many arrive at once.
 */
class LinkConcurrencyIT extends Deployments {

    private static final int CLIENTS = 50;
    private static final int LIMIT = 10;
    private static final int WRONG_PASSWORDS = 40;
    /** API.md: {@code 429} after 10 wrong tries a minute per link and address. */
    private static final int PASSWORD_TRIES = 10;

    private final DriveClient drive = new DriveClient(client);

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    private String link(User u, String node, String... more) {
        Object[] fields = new Object[4 + more.length];
        fields[0] = "node";
        fields[1] = node;
        fields[2] = "max_downloads";
        fields[3] = LIMIT;
        System.arraycopy(more, 0, fields, 4, more.length);
        Answer a = drive.send(u, "POST", "/links", json(fields).toString());
        assertEquals(201, a.status(), a.text());
        return a.json().asJsonObject().getString("id");
    }

    private Answer unlock(String id, String password, String address) {
        return drive.unlock(id, password, "X-Real-IP", address); // the tests connect from a trusted proxy
    }

    private static int count(List<Answer> answers, int status) {
        return (int) answers.stream().filter(a -> a.status() == status).count();
    }

    @Test
    void fiftyParallelDownloadsOfALinkLimitedToTenLetExactlyTenThrough() {
        User u = client.newUser("linkrace");
        byte[] content = uniqueContent("race", 256 * 1024);
        String file = id(drive.uploadToRoot(u, "race.bin", content));
        String id = link(u, file);
        List<Answer> answers = CloudDiskClient.concurrently(CLIENTS,
                i -> drive.send(null, "GET", "/public/links/" + id + "/content", null));
        assertEquals(LIMIT, count(answers, 200), "exactly the limit got the file");
        assertEquals(CLIENTS - LIMIT, count(answers, 410), "every other one was told the link is used up");
        for (Answer a : answers) {
            if (a.status() == 200) {
                assertArrayEquals(content, a.body());
            } else {
                drive.expectProblem(410, "gone", a);
            }
        }
        assertEquals(LIMIT, Db.number("select downloads from share_link where id = ?", id));
        assertEquals(LIMIT, drive.node(u, file).getInt("downloads"), "the file counted the same downloads");
        drive.expectProblem(410, "gone", drive.send(null, "GET", "/public/links/" + id, null));
    }

    @Test
    void parallelDownloadsOfDifferentFilesShareTheFolderLinksLimit() {
        User u = client.newUser("linkrace");
        String folder = id(drive.createFolder(u, "root", "race"));
        List<String> files = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] content = uniqueContent("race" + i, 10_000);
            String f = id(drive.uploadToRoot(u, "f" + i + ".bin", content));
            drive.move(u, f, folder);
            files.add(f);
            contents.add(content);
        }
        String id = link(u, folder, "password", "pw");
        Answer unlocked = drive.unlock(id, "pw");
        assertEquals(200, unlocked.status(), unlocked.text());
        String access = unlocked.json().asJsonObject().getString("access");
        // each of the 50 asks for one file; every third one continues a download (Range from byte 100): not counted
        List<Answer> answers = CloudDiskClient.concurrently(CLIENTS, i -> {
            String path = "/public/links/" + id + "/nodes/" + files.get(i % 5) + "/content?access=" + access;
            return i % 3 == 0 ? drive.send(null, "GET", path, null, "Range", "bytes=100-") : drive.send(null, "GET", path, null);
        });
        int fromStart = 0;
        for (int i = 0; i < CLIENTS; i++) {
            Answer a = answers.get(i);
            if (i % 3 != 0) {
                fromStart++;
                if (a.status() == 200) {
                    assertArrayEquals(contents.get(i % 5), a.body());
                }
            } else if (a.status() == 206) {
                byte[] whole = contents.get(i % 5);
                assertArrayEquals(java.util.Arrays.copyOfRange(whole, 100, whole.length), a.body());
            }
        }
        int counted = (int) java.util.stream.IntStream.range(0, CLIENTS)
                .filter(i -> i % 3 != 0 && answers.get(i).status() == 200).count();
        assertEquals(LIMIT, counted, "exactly the limit of the " + fromStart + " downloads from the first byte");
        assertEquals(CLIENTS, count(answers, 200) + count(answers, 206) + count(answers, 410), "nothing else");
        assertEquals(LIMIT, Db.number("select downloads from share_link where id = ?", id));
        JsonObject listed = drive.expect(200, u, "GET", "/links", null).getJsonArray("items").getJsonObject(0);
        assertEquals(LIMIT, listed.getInt("downloads"));
        assertEquals("used_up", listed.getString("state"));
    }

    @Test
    void fortyParallelWrongPasswordsFromOneAddressGetTenTriesAndThenEvenTheRightOneWaits() {
        User u = client.newUser("linkrace");
        String file = id(drive.uploadToRoot(u, "locked.bin", uniqueContent("locked", 1000)));
        String id = link(u, file, "password", "right");
        String address = "198.51.100." + (1 + (int) (Math.random() * 250));
        List<Answer> answers = CloudDiskClient.concurrently(WRONG_PASSWORDS, i -> unlock(id, "wrong" + i, address));
        assertEquals(PASSWORD_TRIES, count(answers, 401), "wrong passwords checked");
        assertEquals(WRONG_PASSWORDS - PASSWORD_TRIES, count(answers, 429), "every other one was refused unchecked");
        for (Answer a : answers) {
            drive.expectProblem(a.status(), a.status() == 401 ? "password_required" : "too_many_requests", a);
        }
        drive.expectProblem(429, "too_many_requests", unlock(id, "right", address));
        assertEquals(200, unlock(id, "right", "203.0.113.7").status(), "another address still gets in");
    }
}
