package dev.tributary.catalog.query;

/** How many of a site's episodes carry one rejection or flag reason. */
public record ReasonCount(String reason, long count) {}
