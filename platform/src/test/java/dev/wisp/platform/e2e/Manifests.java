package dev.wisp.platform.e2e;

/** Service manifests the end-to-end tests apply. */
final class Manifests {
    private Manifests() {
    }

    /** The sample hello app as a Knative Service, allowed to scale to zero. */
    static String hello(String name, String target) {
        return """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: %s
                  namespace: default
                spec:
                  template:
                    spec:
                      containers:
                        - image: wisp.local/hello
                          command: ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-jar", "%s"]
                          env:
                            - name: TARGET
                              value: "%s"
                """.formatted(name, WispProcess.HELLO_JAR, target);
    }
}
