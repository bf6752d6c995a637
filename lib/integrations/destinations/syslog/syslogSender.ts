import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import { Socket, connect as connectTcp, isIP } from "node:net";
import { hostname as machineHostname } from "node:os";
import { connect as connectTls } from "node:tls";
import type { Destination } from "../../../integrationsFile";
import { DeliveryError, type Sender } from "../sender";
import { octetCounted, syslogMessage, type SyslogHeader } from "./syslogMessage";

type SyslogDestination = Extract<Destination, { type: "syslog" }>;

/**
 * RFC 5424 messages over TCP with octet counting (RFC 6587), optionally TLS (RFC 5425), on one
 * connection kept between batches; or over UDP (RFC 5426), one datagram a message.
 * A TCP batch counts as delivered once the socket has taken all of it: syslog has no
 * acknowledgement, so what the kernel had buffered when a connection breaks can be lost (RELP or
 * an HTTP destination acknowledge each batch). UDP may lose any message, silently.
 */
export function syslogSender(destination: SyslogDestination): Sender {
  const header: SyslogHeader = { facility: destination.facility, hostname: destination.hostname ?? machineHostname(), appName: destination.appName };
  return destination.url.protocol === "udp:" ? udpSender(destination, header) : tcpSender(destination, header);
}

function tcpSender(destination: SyslogDestination, header: SyslogHeader): Sender {
  const host = destination.url.hostname;
  const port = Number(destination.url.port);
  const timeoutMs = destination.timeoutSeconds * 1000;
  const ca = destination.caFile ? readFileSync(destination.caFile) : undefined;
  let socket: Socket | null = null;

  const open = () =>
    new Promise<Socket>((resolve, reject) => {
      const onConnected = () => {
        opened.off("error", reject);
        opened.setTimeout(0);
        resolve(opened);
      };
      const opened: Socket = destination.tls
        ? connectTls({ host, port, servername: isIP(host) ? undefined : host, ca }, onConnected)
        : connectTcp({ host, port }, onConnected);
      opened.once("error", reject);
      opened.setTimeout(timeoutMs, () => opened.destroy(Object.assign(new Error(`no connection within ${timeoutMs / 1000} s`), { code: "ETIMEDOUT" })));
    });

  return {
    async send(batch, signal) {
      const frames = batch.map((event) => octetCounted(syslogMessage(header, event))).join("");
      try {
        if (!socket || socket.destroyed) {
          const opened = await open();
          // A receiver that closed the connection (a restart) gets a fresh one at the next batch,
          // rather than a write into a socket whose peer is gone.
          const forget = () => {
            if (socket === opened) socket = null;
            opened.destroy();
          };
          opened.on("error", forget);
          opened.on("end", forget);
          opened.on("close", forget);
          socket = opened;
        }
        await writeAll(socket, frames, timeoutMs, signal);
      } catch (error) {
        socket?.destroy();
        socket = null;
        throw new DeliveryError(
          `syslog ${destination.url.href}${destination.tls ? " (TLS)" : ""}: ${(error as NodeJS.ErrnoException).code ?? ""} ${(error as Error).message}`.trim(),
        );
      }
    },
    async close() {
      const current = socket;
      socket = null;
      if (current && !current.destroyed) await new Promise<void>((resolve) => current.end(resolve));
    },
  };
}

function writeAll(socket: Socket, data: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the receiver did not take the batch within ${timeoutMs / 1000} s`)), timeoutMs);
    const onClose = () => fail(new Error("the connection closed"));
    const onAbort = () => fail(new Error("stopped"));
    const done = () => {
      clearTimeout(timer);
      socket.off("close", onClose);
      signal.removeEventListener("abort", onAbort);
    };
    function fail(error: Error) {
      done();
      reject(error);
    }
    socket.once("close", onClose);
    signal.addEventListener("abort", onAbort, { once: true });
    socket.write(data, (error) => {
      if (error) return fail(error);
      done();
      resolve();
    });
  });
}

function udpSender(destination: SyslogDestination, header: SyslogHeader): Sender {
  const socket = createSocket(destination.url.hostname.includes(":") ? "udp6" : "udp4");
  socket.unref();
  const port = Number(destination.url.port);
  return {
    async send(batch) {
      for (const event of batch) {
        const message = Buffer.from(syslogMessage(header, event));
        await new Promise<void>((resolve, reject) =>
          socket.send(message, port, destination.url.hostname, (error) =>
            error ? reject(new DeliveryError(`syslog ${destination.url.href}: ${error.message}`)) : resolve(),
          ),
        );
      }
    },
    close: async () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
