package org.clouddisk.it;

import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.clouddisk.it.CloudDiskClient.concurrently;
import static org.clouddisk.it.DriveClient.folderBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tree changes of one user racing each other (API.md: "Concurrent moves never make a cycle or lose a node", names
 * unique per folder): each scenario asserts every answer, the resulting tree, then every invariant.
 */
class TreeConcurrencyIT extends Deployments {

    private final DriveClient drive = new DriveClient(client);

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    private static String id(JsonObject node) {
        return node.getString("id");
    }

    private List<String> statusesOf(List<Answer> answers) {
        return answers.stream().map(a -> a.status() + (a.status() == 200 ? "" : " " + a.json().asJsonObject()
                .getString("code"))).toList();
    }

    @Test
    void crossedMovesNeverMakeACycle() {
        User u = client.newUser("crossed");
        String a = id(drive.createFolder(u, "root", "a"));
        String b = id(drive.createFolder(u, "root", "b"));
        for (int round = 0; round < 20; round++) {
            List<String> answers = statusesOf(concurrently(2, i -> drive.patch(u, i == 0 ? a : b, "parent",
                    i == 0 ? b : a)));
            assertEquals(Set.of("200", "409 cycle"), Set.copyOf(answers), "round " + round + ": " + answers);
            boolean aMoved = answers.get(0).equals("200");
            assertEquals(aMoved ? b : drive.root(u).getString("id"), drive.node(u, a).getString("parent"));
            assertEquals(aMoved ? drive.root(u).getString("id") : a, drive.node(u, b).getString("parent"));
            drive.move(u, aMoved ? a : b, "root");
        }
    }

    /**
     * Sharing a file (the seed's /dealfile share) while its folder goes to the trash: either the share came first and
     * the trash took the file out of the public list, or the trash came first and the share found no live file.
     * Never a shared file inside the trash, which its owner could no longer unshare.
     */
    @Test
    void aShareRacingTheTrashOfItsFolderLeavesNoSharedFileInTheTrash() {
        User u = client.newUser("sharetrash");
        for (int round = 0; round < 20; round++) {
            byte[] content = CloudDiskClient.uniqueContent("sharetrash" + round, 100);
            String md5 = CloudDiskClient.md5(content);
            String folder = id(drive.createFolder(u, "root", "public" + round));
            drive.move(u, id(drive.uploadToRoot(u, "f.txt", content)), folder);
            List<String> answers = concurrently(2, i -> i == 0 ? client.dealFile("share", u, md5, "f.txt")
                    : Integer.toString(drive.send(u, "DELETE", "/nodes/" + folder, null).status()));
            assertTrue(Set.of("010", "011").contains(answers.get(0)), "round " + round + ": " + answers);
            assertEquals("204", answers.get(1), "round " + round);
            assertEquals(0L, Invariants.number("select count(*) from share_file_list where user = ? and md5 = ?",
                    u.name(), md5), "round " + round + ": a shared file in the trash");
        }
    }

    @Test
    void aStormOfRandomMovesKeepsOneTree() {
        User u = client.newUser("storm");
        List<String> folders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            folders.add(id(drive.createFolder(u, "root", "f" + i)));
        }
        Random random = new Random(12);
        List<String[]> moves = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            moves.add(new String[]{folders.get(random.nextInt(8)), folders.get(random.nextInt(8))});
        }
        List<String> answers = statusesOf(concurrently(moves.size(), i -> drive.patch(u, moves.get(i)[0], "parent",
                moves.get(i)[1])));
        assertTrue(Set.of("200", "409 cycle").containsAll(answers), answers.toString());
        assertTrue(answers.contains("200"), answers.toString());
        int reachable = 0;
        for (List<String> level = List.of("root"); !level.isEmpty(); ) {
            List<String> next = new ArrayList<>();
            for (String folder : level) {
                drive.children(u, folder, "?limit=1000").getJsonArray("items")
                        .forEach(n -> next.add(n.asJsonObject().getString("id")));
            }
            reachable += next.size();
            level = next;
        }
        assertEquals(folders.size(), reachable, "every folder is reachable from root, none twice");
    }

    @Test
    void theFirstReadsOfANewUsersRootMakeOneRoot() {
        User u = client.newUser("fresh");
        List<Answer> answers = concurrently(16, i -> drive.send(u, "GET", i % 2 == 0 ? "/nodes/root"
                : "/nodes/root/children", null));
        assertEquals(Collections.nCopies(16, 200), answers.stream().map(Answer::status).toList());
        assertEquals(1L, Db.number("select count(*) from user_folder f where f.user = ?", u.name()));
        assertEquals(Set.of(id(drive.root(u))), answers.stream().filter(a -> a.json().asJsonObject().containsKey("id"))
                .map(a -> id(a.json().asJsonObject())).collect(Collectors.toSet()));
    }

    @Test
    void concurrentCreatesOfOneNameMakeOneFolder() {
        User u = client.newUser("creates");
        String parent = id(drive.createFolder(u, "root", "parent"));
        for (String name : List.of("same", "same again")) {
            List<Integer> statuses = concurrently(16, i -> drive.send(u, "POST", "/nodes/" + parent + "/children",
                    folderBody(name)).status());
            assertEquals(1, Collections.frequency(statuses, 201), statuses.toString());
            assertEquals(15, Collections.frequency(statuses, 409), statuses.toString());
        }
        assertEquals(List.of("same", "same again"), drive.names(u, parent, ""));
    }

    @Test
    void concurrentRenamesOntoOneNameLeaveOneHolder() {
        User u = client.newUser("renames");
        List<String> folders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            folders.add(id(drive.createFolder(u, "root", "r" + i)));
        }
        List<String> answers = statusesOf(concurrently(folders.size(), i -> drive.patch(u, folders.get(i), "name",
                "taken")));
        assertEquals(1, Collections.frequency(answers, "200"), answers.toString());
        assertEquals(folders.size() - 1, Collections.frequency(answers, "409 name_conflict"), answers.toString());
        assertEquals(1, Collections.frequency(drive.names(u, "root", ""), "taken"));
        assertEquals(folders.size(), drive.names(u, "root", "").size());
    }
}
