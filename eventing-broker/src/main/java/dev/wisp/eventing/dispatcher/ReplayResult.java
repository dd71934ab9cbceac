package dev.wisp.eventing.dispatcher;

import java.util.Map;

/** What a replay of a Trigger's parked events did: how many it sent again, and how each was resolved. */
public record ReplayResult(int replayed, Map<Resolution, Integer> resolutions) {
}
