package org.clouddisk.links;

import jakarta.json.bind.annotation.JsonbProperty;

/** The answer to an unlock: the access token for this link and how many seconds it lives. */
public record Access(String access, @JsonbProperty("expires_in") long expiresIn) {
}
