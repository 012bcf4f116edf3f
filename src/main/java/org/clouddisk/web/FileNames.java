package org.clouddisk.web;

import java.util.Locale;
import java.util.regex.Pattern;

/** File names are labels kept exactly as sent, never paths; their extension gives the file's type. */
public final class FileNames {

    public static final int MAX_LENGTH = 255;
    private static final Pattern TYPE = Pattern.compile("[a-z0-9]{1,16}");

    private FileNames() {
    }

    /** Answers the name when it is 1..255 characters without control characters. */
    public static String requireValid(String name) {
        if (!isValid(name)) {
            throw new InvalidRequestException("file name is empty, too long or holds control characters");
        }
        return name;
    }

    public static boolean isValid(String name) {
        return name != null && !name.isEmpty() && name.codePointCount(0, name.length()) <= MAX_LENGTH
                && name.codePoints().noneMatch(Character::isISOControl);
    }

    /** The lowercased extension without the dot ("" when there is none or it is not a plain word). */
    public static String type(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return "";
        }
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPE.matcher(ext).matches() ? ext : "";
    }

    /** The extension a content id keeps: FastDFS keeps at most 6 characters, so longer ones are left off (not the type). */
    public static String storeExtension(String fileName) {
        String type = type(fileName);
        return type.length() <= 6 ? type : "";
    }
}
