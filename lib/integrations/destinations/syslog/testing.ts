/**
 * Debian's rsyslog (scripts/ensure-rsyslog.sh installs it) started on 127.0.0.1 with a
 * configuration of its own: a plain TCP and a TLS (RFC 5425) input, writing each message it
 * parsed as RFC 5424 to a file, one tab-separated line of its fields. Only tests import this file.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, connect, type AddressInfo } from "node:net";
import { makeTempDir } from "../../../store/testing";

export interface RsyslogMessage {
  timestamp: string;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  structuredData: string;
  pri: string;
  msg: string;
}

export interface LocalRsyslog {
  tcpPort: number;
  tlsPort: number;
  /** The self-signed certificate rsyslog presents, as the destination's caFile. */
  caFile: string;
  messages(): RsyslogMessage[];
  /** Waits until rsyslog has written `count` messages (or 15 s passed). */
  waitFor(count: number): Promise<RsyslogMessage[]>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const RSYSLOGD = existsSync("/usr/sbin/rsyslogd") ? "/usr/sbin/rsyslogd" : "rsyslogd";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startRsyslog(): Promise<LocalRsyslog> {
  const dir = makeTempDir("parsec-viewer-rsyslog-");
  const [tcpPort, tlsPort] = [await freePort(), await freePort()];
  const caFile = dir.file("cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      dir.file("key.pem"),
      "-out",
      caFile,
    ],
    { stdio: "ignore" },
  );
  const output = dir.file("messages.log");
  const fields = ["timereported:::date-rfc3339", "hostname", "app-name", "procid", "msgid", "structured-data", "pri", "msg"].map((f) => `%${f}%`).join("\\t");
  writeFileSync(
    dir.file("rsyslog.conf"),
    `global(workDirectory="${dir.path}" maxMessageSize="64k"
  defaultNetstreamDriverCAFile="${caFile}" defaultNetstreamDriverCertFile="${caFile}" defaultNetstreamDriverKeyFile="${dir.file("key.pem")}")
module(load="imtcp")
template(name="fields" type="string" string="${fields}\\n")
ruleset(name="out") { action(type="omfile" file="${output}" template="fields") }
input(type="imtcp" address="127.0.0.1" port="${tcpPort}" ruleset="out")
input(type="imtcp" address="127.0.0.1" port="${tlsPort}" ruleset="out" streamDriver.name="ossl" streamDriver.mode="1" streamDriver.authMode="anon")
`,
  );
  let child: ChildProcess | null = null;
  let stderr = "";
  const messages = (): RsyslogMessage[] =>
    existsSync(output)
      ? readFileSync(output, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => {
            const [timestamp, hostname, appName, procId, msgId, structuredData, pri, ...msg] = line.split("\t");
            return {
              timestamp: timestamp!,
              hostname: hostname!,
              appName: appName!,
              procId: procId!,
              msgId: msgId!,
              structuredData: structuredData!,
              pri: pri!,
              msg: msg.join("\t"),
            };
          })
      : [];
  const rsyslog: LocalRsyslog = {
    tcpPort,
    tlsPort,
    caFile,
    messages,
    async waitFor(count) {
      const until = Date.now() + 15_000;
      while (messages().length < count && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      return messages();
    },
    async start() {
      child = spawn(RSYSLOGD, ["-n", "-f", dir.file("rsyslog.conf"), "-i", dir.file("rsyslogd.pid")], { stdio: ["ignore", "ignore", "pipe"] });
      child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const until = Date.now() + 15_000;
      while (!((await accepting(tcpPort)) && (await accepting(tlsPort)))) {
        if (child.exitCode !== null || Date.now() > until) throw new Error(`rsyslogd did not start: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGTERM");
      await exited;
    },
    async close() {
      await rsyslog.stop();
      dir.remove();
    },
  };
  await rsyslog.start();
  return rsyslog;
}
