package org.clouddisk.files;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
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
import org.clouddisk.platform.Dialect;
import org.clouddisk.web.ClientRequests;
import org.clouddisk.web.InvalidRequestException;
import org.clouddisk.web.JsonRequest;
import org.clouddisk.web.Reply;

/** POST /myfiles?cmd=count | normal | pvasc | pvdesc. */
@Path("myfiles")
@Consumes(MediaType.WILDCARD)
@Produces(Reply.JSON)
public class MyFilesResource {

    /** The count answer: {"num":"3","code":"110"}. */
    @JsonbPropertyOrder({"num", "code"})
    public record CountBody(String num, String code) {
    }

    /** The most items one page may hold. */
    public static final int MAX_PAGE = 100;

    @Inject
    AccountService accounts;

    @Inject
    FileService files;

    @Inject
    ClientRequests clients;

    @Context
    HttpServletRequest http;

    @POST
    public Response myFiles(@QueryParam("cmd") String cmd, String body) {
        Dialect dialect = clients.dialect(http);
        return Reply.guard(dialect, Code.LIST_FAILED, () -> {
            JsonRequest request = JsonRequest.parse(body);
            String user = request.user();
            accounts.requireToken(user, request.textOrEmpty(JsonRequest.TOKEN, 128));
            if ("count".equals(cmd)) {
                return Reply.json(new CountBody(Integer.toString(files.count(user)), Code.COUNTED.wire()));
            }
            FileOrder order = FileOrder.ofCommand(cmd).orElseThrow(() -> new InvalidRequestException("cmd " + cmd));
            return Reply.json(FileItem.page(files.list(user, order,
                    request.integer("start", 0, Integer.MAX_VALUE), request.integer("count", 1, MAX_PAGE)), dialect));
        });
    }
}
