"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

interface ImportResult {
  name: string;
  format: string;
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  runId: number;
}

/**
 * A refusal as the form says it: the HTTP status names the kind of refusal in the reader's
 * language; the server's own sentence (the route's JSON stays English, as every API answer)
 * follows as the detail, since it quotes the file and the line at fault.
 */
type Refusal = { kind: "status"; status: number; detail: string | null } | { kind: "unreachable" };
type Outcome = { kind: "done"; result: ImportResult } | { kind: "refused"; refusal: Refusal } | null;

/** Uploads one file as the request body, with the session's CSRF token in a header. */
export function ImportUploadForm({ csrfToken, maxBytes }: { csrfToken: string; maxBytes: number }) {
  const t = useTranslations("ImportForm");
  const format = useFormatter();
  const number = (value: number) => format.number(value, { maximumFractionDigits: 1 });
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const tooLarge = file !== null && file.size > maxBytes;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file || tooLarge) return;
    setBusy(true);
    setOutcome(null);
    try {
      const response = await fetch("/admin/import/upload", {
        method: "POST",
        body: file,
        headers: { "x-csrf-token": csrfToken, "x-file-name": encodeURIComponent(file.name), "content-type": "application/octet-stream" },
      });
      const body = (await response.json().catch(() => ({}))) as ImportResult & { message?: unknown };
      const detail = typeof body.message === "string" && body.message !== "" ? body.message : null;
      setOutcome(response.ok ? { kind: "done", result: body } : { kind: "refused", refusal: { kind: "status", status: response.status, detail } });
    } catch {
      setOutcome({ kind: "refused", refusal: { kind: "unreachable" } });
    } finally {
      setBusy(false);
    }
  }

  const refusalText = (refusal: Refusal) => {
    if (refusal.kind === "unreachable") return t("unreachable");
    const { status, detail } = refusal;
    const reason =
      status === 400
        ? t("refusedFile")
        : status === 413
          ? t("refusedTooLarge", { megabytes: number(maxBytes / 1024 / 1024) })
          : status === 401
            ? t("refusedSignedOut")
            : status === 403
              ? t("refusedSecurity")
              : t("refusedStatus", { status });
    return detail ? `${reason} ${t("detail", { detail })}` : reason;
  };

  return (
    <form className="auth-form" onSubmit={submit}>
      <label>
        {t("file")}
        <input type="file" name="file" accept=".json,.ndjson,.jsonl,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
      </label>
      {tooLarge && (
        <p className="notice notice--error" role="alert">
          {t("tooLarge", { name: file.name, size: number(Math.ceil(file.size / 1024 / 1024)), limit: number(maxBytes / 1024 / 1024) })}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy || !file || tooLarge}>
        {busy ? t("importing") : t("import")}
      </button>
      {outcome?.kind === "refused" && (
        <p className="notice notice--error" role="alert" data-testid="import-outcome">
          {refusalText(outcome.refusal)}
        </p>
      )}
      {outcome?.kind === "done" && (
        <p className="notice notice--ok" role="status" data-testid="import-outcome">
          {t("done", {
            name: outcome.result.name,
            format: outcome.result.format,
            received: number(outcome.result.received),
            inserted: number(outcome.result.inserted),
            updated: number(outcome.result.updated),
            unchanged: number(outcome.result.unchanged),
            quarantined: number(outcome.result.quarantined),
            runId: outcome.result.runId,
          })}
        </p>
      )}
    </form>
  );
}
