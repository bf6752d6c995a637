"use client";

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

type Outcome = { kind: "done"; result: ImportResult } | { kind: "refused"; message: string } | null;

const number = new Intl.NumberFormat("en");

/** Uploads one file as the request body, with the session's CSRF token in a header. */
export function ImportUploadForm({ csrfToken, maxBytes }: { csrfToken: string; maxBytes: number }) {
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
      const body = (await response.json().catch(() => ({ message: `The server answered ${response.status}.` }))) as ImportResult & { message?: string };
      setOutcome(response.ok ? { kind: "done", result: body } : { kind: "refused", message: body.message ?? `The server answered ${response.status}.` });
    } catch {
      setOutcome({ kind: "refused", message: "The upload did not reach the server. Try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="auth-form" onSubmit={submit}>
      <label>
        File
        <input type="file" name="file" accept=".json,.ndjson,.jsonl,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
      </label>
      {tooLarge && (
        <p className="notice notice--error" role="alert">
          {file.name} is {number.format(Math.ceil(file.size / 1024 / 1024))} MB, over the limit of {number.format(maxBytes / 1024 / 1024)} MB.
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy || !file || tooLarge}>
        {busy ? "Importing…" : "Import"}
      </button>
      {outcome?.kind === "refused" && (
        <p className="notice notice--error" role="alert" data-testid="import-outcome">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === "done" && (
        <p className="notice notice--ok" role="status" data-testid="import-outcome">
          Imported {outcome.result.name} ({outcome.result.format}): {number.format(outcome.result.received)} read, {number.format(outcome.result.inserted)} new,{" "}
          {number.format(outcome.result.updated)} updated, {number.format(outcome.result.unchanged)} already stored, {number.format(outcome.result.quarantined)}{" "}
          quarantined (run #{outcome.result.runId}).
        </p>
      )}
    </form>
  );
}
