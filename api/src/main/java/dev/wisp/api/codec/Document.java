package dev.wisp.api.codec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One resource found in a text, with the label error messages use to point at it
 * ({@code document 2}, {@code item 1}, {@code document 1, items[3]}).
 */
record Document(String label, JsonNode tree) {
}
