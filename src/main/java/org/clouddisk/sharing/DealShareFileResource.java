package org.clouddisk.sharing;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.clouddisk.account.AccountService;
import org.clouddisk.platform.Code;
import org.clouddisk.platform.Conflicts;
import org.clouddisk.web.JsonRequest;
import org.clouddisk.web.Reply;

/** POST /dealsharefile?cmd=pv | cancel | save. */
@Path("dealsharefile")
@Consumes(MediaType.WILDCARD)
@Produces(Reply.JSON)
public class DealShareFileResource {

    @Inject
    AccountService accounts;

    @Inject
    ShareService shares;

    @POST
    public Response deal(@QueryParam("cmd") String cmd, String body) {
        if ("cancel".equals(cmd)) {
            return Reply.guard(Code.CANCEL_FAILED, () -> {
                JsonRequest request = signed(body);
                String user = request.user();
                return Reply.of(Conflicts.retry(() -> shares.cancel(user, request.md5(), request.filename()))
                        ? Code.SHARE_CANCELLED : Code.CANCEL_FAILED);
            });
        }
        if ("save".equals(cmd)) {
            return Reply.guard(Code.SAVE_FAILED, () -> {
                JsonRequest request = signed(body);
                String user = request.user();
                return Reply.of(switch (Conflicts.retry(() -> shares.save(user, request.md5(), request.filename()))) {
                    case ADDED -> Code.SAVED;
                    case ALREADY_OWNED -> Code.SAVE_ALREADY_OWNED;
                    case UNKNOWN_CONTENT -> Code.SAVE_FAILED;
                });
            });
        }
        // pv (no token: anybody may download a public file), and the answer to an unknown cmd
        return Reply.guard(Code.PV_FAILED, () -> {
            JsonRequest request = JsonRequest.parse(body);
            return Reply.of("pv".equals(cmd)
                    && Conflicts.retry(() -> shares.countDownload(request.md5(), request.filename()))
                    ? Code.PV_COUNTED : Code.PV_FAILED);
        });
    }

    private JsonRequest signed(String body) {
        JsonRequest request = JsonRequest.parse(body);
        accounts.requireToken(request.user(), request.textOrEmpty(JsonRequest.TOKEN, 128));
        return request;
    }
}
