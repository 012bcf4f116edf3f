package org.clouddisk.api;

import jakarta.enterprise.context.RequestScoped;

/** The user a v2 request acts for, set by {@link BearerAuthentication} before the resource runs. */
@RequestScoped
public class Caller {

    private String user;

    void authenticate(String user) {
        this.user = user;
    }

    public String user() {
        if (user == null) {
            throw new IllegalStateException("no authenticated user: the resource lacks @Authenticated");
        }
        return user;
    }
}
