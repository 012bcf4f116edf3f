package org.clouddisk.it;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** System properties of the running server, which CloudDisk's settings read at every request (Settings.value). */
final class ServerProperties {

    private ServerProperties() {
    }

    static void set(ManagementClient management, String name, String value) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("add");
        op.get("address").add("system-property", name);
        op.get("value").set(value);
        ModelNode result = management.getControllerClient().execute(op);
        assertEquals("success", result.get("outcome").asString(), result.toString());
    }

    static void remove(ManagementClient management, String name) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("remove");
        op.get("address").add("system-property", name);
        management.getControllerClient().execute(op);
    }
}
