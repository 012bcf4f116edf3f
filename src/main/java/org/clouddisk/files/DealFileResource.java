package org.clouddisk.files;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.clouddisk.account.AccountService;
import org.clouddisk.platform.Code;
import org.clouddisk.platform.Conflicts;
import org.clouddisk.sharing.ShareService;
import org.clouddisk.web.ClientRequests;
import org.clouddisk.web.JsonRequest;
import org.clouddisk.web.Reply;

/** POST /dealfile?cmd=share | del | pv: a user acting on one of their files. */
@Path("dealfile")
@Consumes(MediaType.WILDCARD)
@Produces(Reply.JSON)
public class DealFileResource {

    @Inject
    AccountService accounts;

    @Inject
    FileService files;

    @Inject
    ShareService shares;

    @Inject
    ClientRequests clients;

    @Context
    HttpServletRequest http;

    @POST
    public Response deal(@QueryParam("cmd") String cmd, String body) {
        if ("share".equals(cmd)) {
            return act(body, Code.SHARE_FAILED, (user, md5, name) -> switch (
                    Conflicts.retry(() -> shares.share(user, md5, name))) {
                case SHARED -> Code.SHARED;
                case ALREADY_SHARED -> Code.ALREADY_SHARED;
                case NO_SUCH_FILE -> Code.SHARE_FAILED;
            });
        }
        if ("del".equals(cmd)) {
            return act(body, Code.DELETE_FAILED, (user, md5, name) ->
                    Conflicts.retry(() -> files.trash(user, md5, name)) ? Code.DELETED : Code.DELETE_FAILED);
        }
        // pv, and the answer to an unknown cmd
        return act(body, Code.PV_FAILED, (user, md5, name) -> "pv".equals(cmd)
                && Conflicts.retry(() -> files.countDownload(user, md5, name)) ? Code.PV_COUNTED : Code.PV_FAILED);
    }

    /** The work of one command on the file (md5, filename) of the token's user. */
    @FunctionalInterface
    interface FileAction {
        Code on(String user, String md5, String fileName);
    }

    private Response act(String body, Code failure, FileAction action) {
        return Reply.guard(clients.dialect(http), failure, () -> {
            JsonRequest request = JsonRequest.parse(body);
            String user = request.user();
            accounts.requireToken(user, request.textOrEmpty(JsonRequest.TOKEN, 128));
            return Reply.of(action.on(user, request.md5(), request.filename()));
        });
    }
}
