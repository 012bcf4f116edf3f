package org.clouddisk.files;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.clouddisk.account.AccountService;
import org.clouddisk.platform.Code;
import org.clouddisk.platform.Dialect;
import org.clouddisk.web.ClientRequests;
import org.clouddisk.web.JsonRequest;
import org.clouddisk.web.Reply;

/**
 * POST /md5: instant upload (unless CLOUDDISK_LEGACY_INSTANT_UPLOAD turned it off, {@link LegacyInstantUpload}). Any failure answers "unknown content" (seed 006, classic 007), which sends the client to
 * a real upload. In the classic dialect that answer also grants the single-use permission the client's token-less
 * upload of this file needs.
 */
@Path("md5")
@Consumes(MediaType.WILDCARD)
@Produces(Reply.JSON)
public class Md5Resource {

    @Inject
    AccountService accounts;

    @Inject
    LegacyInstantUpload instant;

    @Inject
    UploadMetrics metrics;

    @Inject
    UploadPermits permits;

    @Inject
    ClientRequests clients;

    @Context
    HttpServletRequest http;

    @POST
    public Response instantUpload(String body) {
        Dialect dialect = clients.dialect(http);
        return Reply.guard(dialect, Code.CONTENT_UNKNOWN, () -> {
            JsonRequest request = JsonRequest.parse(body);
            String user = request.user();
            accounts.requireToken(user, request.textOrEmpty(JsonRequest.TOKEN, 128));
            String md5 = request.md5();
            String fileName = request.filename();
            return Reply.of(switch (instant.reference(user, md5, fileName)) {
                case ADDED -> {
                    metrics.instantUploaded();
                    yield Code.INSTANT_UPLOADED;
                }
                case ALREADY_OWNED -> Code.ALREADY_OWNED;
                case UNKNOWN_CONTENT, QUOTA_EXCEEDED -> { // over quota: the upload the client tries next gets 009
                    if (dialect == Dialect.CLASSIC) {
                        permits.grant(new UploadPermits.Subject(user, md5, fileName));
                    }
                    yield Code.CONTENT_UNKNOWN;
                }
            }, dialect);
        });
    }
}
