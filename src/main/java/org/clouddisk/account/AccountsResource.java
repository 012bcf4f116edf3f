package org.clouddisk.account;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.clouddisk.platform.Code;
import org.clouddisk.web.ClientRequests;
import org.clouddisk.web.JsonRequest;
import org.clouddisk.web.Reply;

/** POST /reg and POST /login. */
@Path("/")
@Consumes(MediaType.WILDCARD)
@Produces(Reply.JSON)
public class AccountsResource {

    /** The login answer: {"code":"000","token":"..."}. */
    public record LoginBody(String code, String token) {
    }

    @Inject
    AccountService accounts;

    @Inject
    ClientRequests clients;

    @Context
    HttpServletRequest http;

    @POST
    @Path("reg")
    public Response register(String body) {
        return Reply.guard(clients.dialect(http), Code.REG_FAILED, () -> {
            Registration registration = Registration.from(JsonRequest.parse(body));
            return Reply.of(accounts.register(registration) ? Code.REGISTERED : Code.USER_TAKEN);
        });
    }

    @POST
    @Path("login")
    public Response login(String body) {
        return Reply.guard(clients.dialect(http), Code.LOGIN_FAILED, () -> {
            JsonRequest request = JsonRequest.parse(body);
            return accounts.login(request.user(), request.text(JsonRequest.PASSWORD, 128), clients.address(http))
                    .map(token -> Reply.json(new LoginBody(Code.LOGIN_OK.wire(), token)))
                    .orElseGet(() -> Reply.of(Code.LOGIN_FAILED));
        });
    }
}
