package org.clouddisk.sharing;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.clouddisk.files.FileItem;
import org.clouddisk.files.MyFilesResource;
import org.clouddisk.platform.Code;
import org.clouddisk.platform.Dialect;
import org.clouddisk.web.ClientRequests;
import org.clouddisk.web.InvalidRequestException;
import org.clouddisk.web.JsonRequest;
import org.clouddisk.web.Reply;

import java.util.List;

/** /sharefiles?cmd=count | normal | pvasc | pvdesc: the public list, readable by anybody. */
@Path("sharefiles")
@Consumes(MediaType.WILDCARD)
@Produces(Reply.JSON)
public class ShareFilesResource {

    /** A ranking entry on the wire. */
    public record RankingItem(String md5, String filename, long pv) {
    }

    /** The ranking answer: {"file":[...]}. */
    public record RankingPage(List<RankingItem> file) {

        /** By its length, not every entry (see {@link FileItem.Page#hashCode()}). */
        @Override
        public int hashCode() {
            return file.size();
        }
    }

    /** A ranking entry as the classic client reads it. */
    public record ClassicRankingItem(String filename, long pv) {
    }

    /** The classic client's ranking answer: {"files":[...]}. */
    public record ClassicRankingPage(List<ClassicRankingItem> files) {

        /** As {@link RankingPage#hashCode()}. */
        @Override
        public int hashCode() {
            return files.size();
        }
    }

    @Inject
    ShareService shares;

    @Inject
    ClientRequests clients;

    @Context
    HttpServletRequest http;

    @GET
    public Response get(@QueryParam("cmd") String cmd) {
        return post(cmd, "");
    }

    @POST
    public Response post(@QueryParam("cmd") String cmd, String body) {
        Dialect dialect = clients.dialect(http);
        return Reply.guard(dialect, Code.LIST_FAILED, () -> {
            if ("count".equals(cmd)) {
                return Reply.json(shares.count()); // the original's bare number
            }
            JsonRequest request = JsonRequest.parse(body);
            int start = request.integer("start", 0, Integer.MAX_VALUE);
            int count = request.integer("count", 1, MyFilesResource.MAX_PAGE);
            return switch (cmd == null ? "" : cmd) {
                case "normal" -> Reply.json(FileItem.page(shares.list(start, count), dialect));
                case "pvasc", "pvdesc" -> Reply.json(ranking(shares.ranking("pvdesc".equals(cmd), start, count), dialect));
                default -> throw new InvalidRequestException("cmd " + cmd);
            };
        });
    }

    private static Object ranking(List<RankedFile> files, Dialect dialect) {
        return dialect == Dialect.CLASSIC
                ? new ClassicRankingPage(files.stream().map(f -> new ClassicRankingItem(f.fileName(), f.pv())).toList())
                : new RankingPage(files.stream().map(f -> new RankingItem(f.md5(), f.fileName(), f.pv())).toList());
    }
}
