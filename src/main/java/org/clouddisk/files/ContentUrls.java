package org.clouddisk.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clouddisk.platform.Settings;

/** Download URLs as clients reach them: {@code <CLOUDDISK_PUBLIC_URL>/<file id>}. */
@ApplicationScoped
public class ContentUrls {

    @Inject
    Settings settings;

    /**
     * The public URL with its slash, read once: CLOUDDISK_PUBLIC_URL is set when the server starts, and reading it
     * for every item of every list was 6% of /myfiles in its JFR profile (the configuration lookup and URI check).
     */
    private volatile String prefix;

    public String of(String fileId) {
        String p = prefix;
        if (p == null) {
            p = settings.publicUrl() + "/";
            prefix = p;
        }
        return p + fileId;
    }
}
