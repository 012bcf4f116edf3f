package org.clouddisk.account;

import org.clouddisk.web.InvalidRequestException;
import org.clouddisk.web.JsonRequest;

import java.util.regex.Pattern;

/** A validated /reg request (the rules of PROTOCOL.md). */
public record Registration(String userName, String nickName, String password, String phone, String email) {

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    private static final Pattern PHONE = Pattern.compile("[0-9+ -]{5,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public static Registration from(JsonRequest request) {
        var r = new Registration(request.user(), request.text(JsonRequest.NICK, 32),
                request.text(JsonRequest.PASSWORD, 128), request.textOrEmpty(new String[]{"phone"}, 20),
                request.textOrEmpty(new String[]{"email"}, 64));
        require(USER_NAME.matcher(r.userName).matches(), "userName must be 3..32 of A-Z a-z 0-9 _ . -");
        require(r.nickName.codePoints().noneMatch(Character::isISOControl) && !r.nickName.isBlank(),
                "nickName must be 1..32 printable characters");
        require(r.phone.isEmpty() || PHONE.matcher(r.phone).matches(), "phone must be empty or 5..20 of 0-9 + - space");
        require(r.email.isEmpty() || EMAIL.matcher(r.email).matches(), "email must be empty or an address");
        return r;
    }

    private static void require(boolean ok, String rule) {
        if (!ok) {
            throw new InvalidRequestException(rule);
        }
    }

    @Override
    public String toString() {
        return "Registration[" + userName + "]"; // never log the secret
    }
}
