package org.clouddisk.files;

import org.clouddisk.platform.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CLOUDDISK_LEGACY_INSTANT_UPLOAD decides, at every request, whether /md5 may hand out a file by its MD5. */
class LegacyInstantUploadTest {

    private static final String PROPERTY = "clouddisk.legacy.instant.upload";
    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private static final String UNHELD = "fedcba9876543210fedcba9876543210";
    private static final String OWNED_NAME = "had.jpg";

    private final List<String> references = new ArrayList<>();
    private final LegacyInstantUpload legacy = new LegacyInstantUpload();

    LegacyInstantUploadTest() {
        legacy.settings = new Settings();
        legacy.live = new LivePlaces() {
            @Override
            public boolean holds(String md5) {
                return !md5.equals(UNHELD);
            }
        };
        legacy.files = (FileService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{FileService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("owns")) {
                        return args[2].equals(OWNED_NAME);
                    }
                    if (method.getName().equals("addReference") && args.length == 3) {
                        references.add(args[0] + " " + args[1] + " " + args[2]);
                        return ReferenceOutcome.ADDED;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aMissIsAnsweredWithoutAddingAReference() {
        assertEquals(ReferenceOutcome.UNKNOWN_CONTENT, legacy.reference("mike", UNHELD, "a.jpg"));
        assertEquals(List.of(), references);
    }

    @Test
    void aFileTheUserHasIsAnsweredWithoutAddingAReference() {
        assertEquals(ReferenceOutcome.ALREADY_OWNED, legacy.reference("mike", MD5, OWNED_NAME));
        assertEquals(List.of(), references);
    }

    @AfterEach
    void unset() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void onByDefault() {
        assertEquals(ReferenceOutcome.ADDED, legacy.reference("mike", MD5, "a.jpg"));
        assertEquals(List.of("mike " + MD5 + " a.jpg"), references);
    }

    @Test
    void offAnswersUnknownContentWithoutLookingAndIsReadPerRequest() {
        System.setProperty(PROPERTY, "false");
        assertEquals(ReferenceOutcome.UNKNOWN_CONTENT, legacy.reference("mike", MD5, "a.jpg"));
        assertEquals(List.of(), references, "no file was handed out");
        System.setProperty(PROPERTY, "true");
        assertEquals(ReferenceOutcome.ADDED, legacy.reference("mike", MD5, "a.jpg"));
        System.setProperty(PROPERTY, "FALSE");
        assertEquals(ReferenceOutcome.UNKNOWN_CONTENT, legacy.reference("mike", MD5, "b.jpg"));
        assertEquals(List.of("mike " + MD5 + " a.jpg"), references);
    }
}
