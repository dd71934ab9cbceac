package dev.wisp.platform.kubernetes;

/**
 * Settings of one Wisp process in Kubernetes mode, read by {@code wisp run} from its options or the
 * {@code WISP_*} environment variables of the Deployments under {@code deploy/}.
 *
 * @param roles                 which components this process runs
 * @param namespace             the namespace Wisp itself runs in ({@code wisp-system})
 * @param domain                the domain of Service URLs, {@code {name}.{namespace}.{domain}}
 * @param host                  the address the ingress ports bind (0.0.0.0 in a pod)
 * @param ingressPort           the activator's ingress port
 * @param brokerPort            the broker ingress port
 * @param kafkaBootstrapServers Kafka for the eventing roles
 * @param autoscalerUrl         where activators report their metrics
 * @param activatorHost         where the dispatcher delivers events for Service refs
 * @param activatorPort         the activator's port as the dispatcher reaches it
 * @param brokerUrl             the broker ingress as others reach it: Broker {@code status.address} and replies
 */
public record KubernetesSettings(WispRoles roles, String namespace, String domain, String host, int ingressPort,
                                 int brokerPort, String kafkaBootstrapServers, String autoscalerUrl,
                                 String activatorHost, int activatorPort, String brokerUrl) {
}
