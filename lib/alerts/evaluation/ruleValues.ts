import type { EventRule, GroupField } from "../../alertRules/ruleSchema";
import type { AlertEvent } from "./alertEvent";

/** The value of a grouping field of an event; null when the event has none (it is then not grouped). */
export function groupValue(event: AlertEvent, field: GroupField): string | null {
  if (field === "user") return String(event.userId);
  if (field === "host") return event.hostComputerName;
  return event.ip;
}

type NewValueRule = Extract<EventRule, { kind: "new-value" }>;

/** The value a new-value rule watches: the address, its network (IPv4 /24, IPv6 /48) or the computer. */
export function watchedValue(event: AlertEvent, value: NewValueRule["value"]): string | null {
  if (value === "host") return event.hostComputerName;
  if (!event.ip) return null;
  return value === "ip" ? event.ip : ipPrefix(event.ip);
}

/** "150.249.12." for 150.249.12.7; "2400:4051:1a2b:" for an IPv6 address: the text every address of the network starts with. */
export function ipPrefix(ip: string): string | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return `${ip.slice(0, ip.lastIndexOf(".") + 1)}`;
  if (ip.includes(":") && !ip.includes("::")) {
    const parts = ip.split(":");
    return parts.length >= 3 ? `${parts.slice(0, 3).join(":")}:` : null;
  }
  // A shortened IPv6 address (::) has no fixed text for its /48; it is watched whole.
  return ip.includes(":") ? ip : null;
}
