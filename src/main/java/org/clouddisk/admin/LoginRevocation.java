package org.clouddisk.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.clouddisk.account.TokenStore;

/** Once the disabling of a user committed, that user's tokens are revoked again (see AdminService.update). */
@ApplicationScoped
class LoginRevocation {

    @Inject
    TokenStore tokens;

    void onDisabled(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserDisabled disabled) {
        tokens.revokeAll(disabled.user());
    }
}
