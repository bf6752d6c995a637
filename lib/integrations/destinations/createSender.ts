import type { Destination } from "../../integrationsFile";
import { elasticsearchSender } from "./http/elasticsearchSender";
import { httpSender } from "./http/httpSender";
import { lokiSender } from "./http/lokiSender";
import { splunkHecSender } from "./http/splunkHecSender";
import type { Sender } from "./sender";
import { syslogSender } from "./syslog/syslogSender";

/**
 * A sender whose module is loaded when it is first needed: the cloud SDKs are large, and a viewer
 * without such a destination never loads them.
 */
function lazySender(loading: Promise<Sender>): Sender {
  // A failure to load surfaces at the first send, as that destination's error.
  loading.catch(() => undefined);
  return {
    send: async (batch, signal) => (await loading).send(batch, signal),
    close: async () => (await loading).close(),
  };
}

/** The wire format of each destination type. */
export function createSender(destination: Destination): Sender {
  switch (destination.type) {
    case "s3":
      return lazySender(import("./s3/s3Sender").then(({ s3Sender }) => s3Sender(destination)));
    case "http":
      return httpSender(destination);
    case "splunk-hec":
      return splunkHecSender(destination);
    case "elasticsearch":
      return elasticsearchSender(destination);
    case "loki":
      return lokiSender(destination);
    case "syslog":
      return syslogSender(destination);
    case "cloudwatch-logs":
      return lazySender(import("./cloud/cloudwatchLogsSender").then(({ cloudwatchLogsSender }) => cloudwatchLogsSender(destination)));
    case "google-cloud-logging":
      return lazySender(import("./cloud/googleCloudLoggingSender").then(({ googleCloudLoggingSender }) => googleCloudLoggingSender(destination)));
  }
}
