package org.clouddisk.api;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks v2 resources for administrators only ({@link AdministratorCheck}); they are {@link Authenticated} too, and the
 * check runs after authentication.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdministratorsOnly {
}
