package dev.tributary.catalog.trainingset;

/**
 * One episode of a training set, in selection order within its group.
 *
 * @param group the (scene, task) group: {@code site_id + " / " + task} (site stands in for scene)
 */
public record Member(String episodeId, String siteId, String task, String group) {}
