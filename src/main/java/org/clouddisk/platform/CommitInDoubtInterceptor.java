package org.clouddisk.platform;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;

import java.util.logging.Logger;

/**
 * Tells the application of every commit in doubt ({@link CommitInDoubt}). A WildFly container interceptor
 * (WEB-INF/jboss-ejb3.xml binds it to every bean): it runs outside the container-managed transaction, so it sees
 * what the commit threw, which the beans' own interceptors, inside the transaction, never see.
 */
public class CommitInDoubtInterceptor {

    private static final Logger LOG = Logger.getLogger(CommitInDoubtInterceptor.class.getName());

    @AroundInvoke
    public Object watch(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (Exception e) {
            if (CommitInDoubt.isCause(e)) {
                CommitInDoubt doubt = new CommitInDoubt(invocation.getMethod().getDeclaringClass().getSimpleName()
                        + "." + invocation.getMethod().getName());
                LOG.warning(() -> "the commit of " + doubt.method() + " has an unknown outcome: " + e);
                CDI.current().getBeanManager().getEvent().select(CommitInDoubt.class).fire(doubt);
            }
            throw e;
        }
    }
}
