package dev.wisp.eventing.dispatcher;

/** How an event taken from a Broker's topic was resolved for one Trigger; each lets its offset be committed. */
public enum Resolution { DELIVERED, FILTERED, DEAD_LETTERED, PARKED }
