/**
 * Knative Eventing on Kafka: the embedded KRaft broker of standalone mode ({@code kafka}), the broker
 * receiver, HTTP to Kafka ({@code receiver}), the trigger dispatcher, Kafka to subscribers with
 * filters, retries, dead-letter sinks and parking ({@code dispatcher}, {@code filter},
 * {@code delivery}), and the Broker and Trigger reconcilers ({@code reconciler}).
 */
package dev.wisp.eventing;
