package org.clouddisk.drive;

import org.clouddisk.web.FileNames;
import org.clouddisk.web.InvalidRequestException;

/**
 * Names the v2 API gives to nodes (API.md): 1..255 characters, no control characters, no {@code /}, not {@code .}
 * or {@code ..}. (The seed's protocol keeps accepting any label for the files it adds.)
 */
final class NodeNames {

    private NodeNames() {
    }

    static String requireValid(String name) {
        if (!FileNames.isValid(name) || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new InvalidRequestException("a name is 1 to 255 characters without control characters or '/',"
                    + " and not '.' or '..'");
        }
        return name;
    }
}
