import type { Destination } from "../../integrationsFile";
import { elasticsearchSender } from "./http/elasticsearchSender";
import { httpSender } from "./http/httpSender";
import { lokiSender } from "./http/lokiSender";
import { splunkHecSender } from "./http/splunkHecSender";
import { s3Sender } from "./s3/s3Sender";
import type { Sender } from "./sender";
import { syslogSender } from "./syslog/syslogSender";

/** The wire format of each destination type. */
export function createSender(destination: Destination): Sender {
  switch (destination.type) {
    case "s3":
      return s3Sender(destination);
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
  }
}
