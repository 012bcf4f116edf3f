package org.clouddisk.api;

import java.util.List;

/** A page of a v2 list: {"items":[...],"total":n}. */
public record Page<T>(List<T> items, long total) {
}
