"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/** Copies text; works on plain-http self-hosted installs too, where navigator.clipboard is unavailable. */
async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall through to the selection copy
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  try {
    return document.execCommand("copy");
  } finally {
    area.remove();
  }
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useTranslations("EventDetail");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    setState((await copyText(text)) ? "copied" : "failed");
    setTimeout(() => setState("idle"), 2_000);
  };
  return (
    <button type="button" className="button button--small" onClick={copy} aria-live="polite">
      {state === "copied" ? t("copied") : state === "failed" ? t("copyFailed") : label}
    </button>
  );
}
