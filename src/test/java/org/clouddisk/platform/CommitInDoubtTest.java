package org.clouddisk.platform;

import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommitInDoubtTest {

    @Test
    void aHeuristicOutcomeOrAFailedCommitIsInDoubtWhereverItIsWrapped() {
        assertTrue(CommitInDoubt.isCause(new EJBException(new HeuristicMixedException())));
        assertTrue(CommitInDoubt.isCause(new IllegalStateException(new EJBException(new SystemException()))));
    }

    @Test
    void aRollbackOrAnyOtherFailureIsNot() {
        assertFalse(CommitInDoubt.isCause(new EJBTransactionRolledbackException("rolled back", new RollbackException())));
        assertFalse(CommitInDoubt.isCause(new EJBException(new IllegalArgumentException())));
        assertFalse(CommitInDoubt.isCause(new IllegalStateException()));
    }
}
