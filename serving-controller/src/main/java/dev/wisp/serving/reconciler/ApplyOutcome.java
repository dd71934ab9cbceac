package dev.wisp.serving.reconciler;

/** What the uniform apply step did to a child resource. */
public enum ApplyOutcome { CREATED, UPDATED, UNCHANGED }
