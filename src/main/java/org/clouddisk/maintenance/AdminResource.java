package org.clouddisk.maintenance;

import jakarta.ejb.EJB;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.clouddisk.files.ContentDeletions;

/**
 * Operators' endpoints under /api/admin, for users of WildFly's management realm only (WEB-INF/web.xml and
 * jboss-web.xml; `bin/add-user.sh` creates them): run the reconciliation or the pending deletions now.
 *   curl -u admin:... -X POST http://<node>:8080/api/admin/reconcile
 */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    /** The answer of a deletion run. */
    public record DeletionRun(int deleted) {
    }

    @EJB
    Reconciliation reconciliation;

    @EJB
    ContentDeletions deletions;

    @POST
    @Path("reconcile")
    public ReconciliationReport reconcile() {
        return reconciliation.run();
    }

    @POST
    @Path("deletions")
    public DeletionRun retryDeletions() {
        return new DeletionRun(deletions.drain(Integer.MAX_VALUE));
    }
}
