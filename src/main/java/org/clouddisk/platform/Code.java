package org.clouddisk.platform;

/**
 * Every outcome code of the wire protocol (shared/PROTOCOL.md), in one place, with the few that the classic
 * desktop client's dialect spells differently (docs/CLASSIC-DIALECT.md).
 */
public enum Code {
    LOGIN_OK("000"),
    LOGIN_FAILED("001"),
    REGISTERED("002"),
    USER_TAKEN("003"),
    REG_FAILED("004"),
    /** /md5: the user already has this md5 under this name (the same wire code as REG_FAILED). */
    ALREADY_OWNED("004", "005"),
    INSTANT_UPLOADED("005", "006"),
    /** /md5: unknown content, do a real upload. In the classic dialect 006 would mean "instant upload done". */
    CONTENT_UNKNOWN("006", "007"),
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

    private final String seed;
    private final String classic;

    Code(String wire) {
        this(wire, wire);
    }

    Code(String seed, String classic) {
        this.seed = seed;
        this.classic = classic;
    }

    /** The three-digit string sent to clients of the seed's dialect (the one of every code that is the same in both). */
    public String wire() {
        return seed;
    }

    /** The three-digit string sent to clients of this dialect. */
    public String wire(Dialect dialect) {
        return dialect == Dialect.CLASSIC ? classic : seed;
    }
}
