package org.clouddisk.platform;

/** Every outcome code of the wire protocol (shared/PROTOCOL.md), in one place. */
public enum Code {
    LOGIN_OK("000"),
    LOGIN_FAILED("001"),
    REGISTERED("002"),
    USER_TAKEN("003"),
    REG_FAILED("004"),
    /** /md5: the user already has this md5 under this name (the same wire code as REG_FAILED). */
    ALREADY_OWNED("004"),
    INSTANT_UPLOADED("005"),
    CONTENT_UNKNOWN("006"),
    UPLOADED("008"),
    UPLOAD_FAILED("009"),
    SHARED("010"),
    SHARE_FAILED("011"),
    ALREADY_SHARED("012"),
    DELETED("013"),
    DELETE_FAILED("014"),
    LIST_FAILED("015"),
    PV_COUNTED("016"),
    PV_FAILED("017"),
    SHARE_CANCELLED("018"),
    CANCEL_FAILED("019"),
    SAVED("020"),
    SAVE_ALREADY_OWNED("021"),
    SAVE_FAILED("022"),
    COUNTED("110"),
    TOKEN_INVALID("111");

    private final String wire;

    Code(String wire) {
        this.wire = wire;
    }

    /** The three-digit string sent to clients. */
    public String wire() {
        return wire;
    }
}
