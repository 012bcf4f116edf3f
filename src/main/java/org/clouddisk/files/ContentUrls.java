package org.clouddisk.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clouddisk.platform.Settings;

/** Download URLs as clients reach them: {@code <CLOUDDISK_PUBLIC_URL>/<file id>}. */
@ApplicationScoped
public class ContentUrls {

    @Inject
    Settings settings;

    public String of(String fileId) {
        return settings.publicUrl() + "/" + fileId;
    }
}
