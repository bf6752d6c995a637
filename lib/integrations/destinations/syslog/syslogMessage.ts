import type { DeliveryEvent } from "../../delivery/deliveryEvent";

/** RFC 5612's enterprise number for documentation and private use: the SD-ID of our structured data. */
export const SD_ID = "parsec@32473";
const SEVERITY_INFORMATIONAL = 6;

export interface SyslogHeader {
  facility: number;
  hostname: string;
  appName: string;
}

/**
 * One event as an RFC 5424 message: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID [SD] MSG`, the
 * event's time, its name as MSGID, structured data naming the event id, name, user, computers and
 * exit code (and update="true" for a changed event), and the export line as the message.
 */
export function syslogMessage(header: SyslogHeader, event: DeliveryEvent): string {
  const pri = header.facility * 8 + SEVERITY_INFORMATIONAL;
  const params: [string, string | number | null][] = [
    ["id", event.id],
    ["name", event.name],
    ["team", event.teamId],
    ["user_id", event.userId],
    ["user", event.userEmail],
    ["host", event.hostComputerName],
    ["client", event.clientComputerName],
    ["exit_code", event.exitCode],
  ];
  if (event.update) params.push(["update", "true"]);
  const sd = `[${SD_ID}${params
    .filter((param): param is [string, string | number] => param[1] !== null)
    .map(([name, value]) => ` ${name}="${escapeParam(String(value))}"`)
    .join("")}]`;
  return `<${pri}>1 ${new Date(event.occurredAt).toISOString()} ${header.hostname} ${header.appName} - ${msgId(event.name)} ${sd} ${event.json}`;
}

/** RFC 6587 octet counting: the message's length in bytes, a space, the message. */
export function octetCounted(message: string): string {
  return `${Buffer.byteLength(message)} ${message}`;
}

/** RFC 5424 6.3.3: `"`, `\` and `]` are escaped with a backslash. */
function escapeParam(value: string): string {
  return value.replace(/["\\\]]/g, (c) => `\\${c}`);
}

/** MSGID is 1-32 printable US-ASCII characters. */
function msgId(name: string): string {
  const printable = name.replace(/[^\x21-\x7e]/g, "_").slice(0, 32);
  return printable || "-";
}
