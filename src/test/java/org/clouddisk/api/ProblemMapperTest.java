package org.clouddisk.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemMapperTest {

    @Test
    void mapsOnlyPathsOfTheV2Api() {
        for (String path : new String[]{"v2/nodes/root", "/v2/me", "/v2", "v2"}) {
            assertTrue(ProblemMapper.isV2(path), path);
        }
        for (String path : new String[]{"/v2x", "/myfiles", "/admin/reconcile", "", "/", "/v1/v2/"}) {
            assertFalse(ProblemMapper.isV2(path), path);
        }
    }
}
