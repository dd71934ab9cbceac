/**
 * Knative Eventing on Kafka: the broker receiver (HTTP to Kafka), the trigger dispatcher (Kafka to
 * subscribers, with filters, retries and dead-letter sinks) and the embedded KRaft broker of
 * standalone mode. Empty until the eventing issue: no behaviour is pretended here.
 */
package dev.wisp.eventing;
