package org.clouddisk.files;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of a Content-Disposition header as the original desktop client writes them: separated by ';' or
 * spaces, values quoted (\" and \\ escaped) or bare. Keys are lowercased.
 */
final class DispositionParameters {

    private DispositionParameters() {
    }

    static Map<String, String> parse(String header) {
        Map<String, String> params = new HashMap<>();
        int colon = header.indexOf(':');
        String s = header.regionMatches(true, 0, "content-disposition", 0, 19) && colon > 0
                ? header.substring(colon + 1) : header;
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ';' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int keyStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(keyStart, i).toLowerCase(Locale.ROOT);
            if (i >= n || s.charAt(i) != '=') {
                continue; // a bare word such as form-data
            }
            i++;
            var value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    // Only \" and \\ are escapes: browsers send other backslashes as they are (a\b.txt).
                    if (s.charAt(i) == '\\' && i + 1 < n && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                i++; // the closing quote
            } else {
                while (i < n && s.charAt(i) != ';' && !Character.isWhitespace(s.charAt(i))) {
                    value.append(s.charAt(i++));
                }
            }
            if (!key.isEmpty()) {
                params.putIfAbsent(key, value.toString());
            }
        }
        return params;
    }
}
