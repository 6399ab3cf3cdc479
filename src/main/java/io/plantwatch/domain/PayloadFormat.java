package io.plantwatch.domain;

/** How MQTT payloads are encoded. */
public enum PayloadFormat {
    /** One JSON reading or a JSON array of readings per message; device and sensor from the topic. */
    JSON,
    /** Sparkplug B (spBv1.0, protobuf): NBIRTH/DBIRTH, NDATA/DDATA, NDEATH/DDEATH. */
    SPARKPLUG
}
