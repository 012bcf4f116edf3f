package org.clouddisk.sharing;

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
import org.clouddisk.platform.Dialect;
import org.clouddisk.web.ClientRequests;
import org.clouddisk.web.JsonRequest;
import org.clouddisk.web.Reply;

/**
 * POST /dealsharefile?cmd=pv | cancel | save. Cancel and save act for a user: with that user's token, or, in the
 * classic dialect whose client sends none, from the address of one of that user's live logins.
 */
@Path("dealsharefile")
@Consumes(MediaType.WILDCARD)
@Produces(Reply.JSON)
public class DealShareFileResource {

    @Inject
    AccountService accounts;

    @Inject
    ShareService shares;

    @Inject
    ClientRequests clients;

    @Context
    HttpServletRequest http;

    @POST
    public Response deal(@QueryParam("cmd") String cmd, String body) {
        Dialect dialect = clients.dialect(http);
        if ("cancel".equals(cmd)) {
            return Reply.guard(dialect, Code.CANCEL_FAILED, () -> {
                JsonRequest request = signed(body, dialect);
                String user = request.user();
                return Reply.of(Conflicts.retry(() -> shares.cancel(user, request.md5(), request.filename()))
                        ? Code.SHARE_CANCELLED : Code.CANCEL_FAILED);
            });
        }
        if ("save".equals(cmd)) {
            return Reply.guard(dialect, Code.SAVE_FAILED, () -> {
                JsonRequest request = signed(body, dialect);
                String user = request.user();
                return Reply.of(switch (Conflicts.retry(() -> shares.save(user, request.md5(), request.filename()))) {
                    case ADDED -> Code.SAVED;
                    case ALREADY_OWNED -> Code.SAVE_ALREADY_OWNED;
                    case UNKNOWN_CONTENT, QUOTA_EXCEEDED -> Code.SAVE_FAILED;
                });
            });
        }
        // pv (no token: anybody may download a public file), and the answer to an unknown cmd
        return Reply.guard(dialect, Code.PV_FAILED, () -> {
            JsonRequest request = JsonRequest.parse(body);
            return Reply.of("pv".equals(cmd)
                    && Conflicts.retry(() -> shares.countDownload(request.md5(), request.filename()))
                    ? Code.PV_COUNTED : Code.PV_FAILED);
        });
    }

    /** The request, once it is known to act for its user. */
    private JsonRequest signed(String body, Dialect dialect) {
        JsonRequest request = JsonRequest.parse(body);
        String token = request.textOrEmpty(JsonRequest.TOKEN, 128);
        if (token.isEmpty() && dialect == Dialect.CLASSIC) {
            accounts.requireLiveLoginFrom(request.user(), clients.address(http));
        } else {
            accounts.requireToken(request.user(), token);
        }
        return request;
    }
}
