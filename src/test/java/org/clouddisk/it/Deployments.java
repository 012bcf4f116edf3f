package org.clouddisk.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;

/**
 * The base of every integration test: the packaged WAR (target/clouddisk.war, exactly what is shipped) deployed
 * on the managed WildFly, tests run as clients over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class Deployments {

    @Deployment(testable = false)
    public static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")))
                .as(WebArchive.class);
    }

    protected final CloudDiskClient client = newClient();

    /** A client of the server under test, also for static set-up (@BeforeAll) before there is an instance. */
    protected static CloudDiskClient newClient() {
        return new CloudDiskClient("http://127.0.0.1:" + System.getProperty("it.http.port"));
    }
}
