package org.clouddisk.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clouddisk.platform.Conflicts;
import org.clouddisk.platform.Settings;

/**
 * The seed's instant upload (/md5), which hands a file to whoever names its MD5, as CLOUDDISK_LEGACY_INSTANT_UPLOAD
 * allows it: when the setting is false, every request is answered as for content the server does not hold, without
 * looking, so the client uploads the bytes instead. The setting is read at every request.
 */
@ApplicationScoped
public class LegacyInstantUpload {

    @Inject
    Settings settings;

    @Inject
    FileService files;

    @Inject
    LivePlaces live;

    public ReferenceOutcome reference(String user, String md5, String fileName) {
        if (!settings.legacyInstantUpload()) {
            return ReferenceOutcome.UNKNOWN_CONTENT;
        }
        if (!live.holds(md5)) {
            // the common miss: one read and no JTA transaction (addReference checks again in its own)
            return ReferenceOutcome.UNKNOWN_CONTENT;
        }
        if (files.owns(user, md5, fileName)) {
            // a client asking again for a file it has: answered by reads, not queued behind the lock on the user's
            // counter that every change of the user's files holds until its commit; a file not found here is
            // looked for again under that lock by addReference
            return ReferenceOutcome.ALREADY_OWNED;
        }
        return Conflicts.retry(() -> files.addReference(user, md5, fileName));
    }
}
