package org.clouddisk.web;

/** A request the protocol cannot accept: malformed JSON, a missing field, a wrong type, an over-long value. */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
