import { randomBytes } from "node:crypto";

/**
 * The Content-Security-Policy of every response. Scripts run only from this origin with the
 * request's nonce ('strict-dynamic' lets those load the chunks they need); no inline script
 * without the nonce, no eval outside development. Styles allow 'unsafe-inline': React's style
 * attributes and Recharts' inline styles need it, and a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Every security header of an answer, the CSP with `nonce` included: what proxy.ts sets, for the
 * one route that proxy.ts does not run on (app/admin/import/upload) to set itself.
 */
export function securityHeaders(
  nonce: string,
  options: { development: boolean; https: boolean },
): Record<string, string> & { "content-security-policy": string } {
  return { "content-security-policy": contentSecurityPolicy(nonce, options), ...baseSecurityHeaders(options.https) };
}

/** Headers for every answer besides the CSP (next.config.mjs sets them too, for static files). */
export function baseSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ...(https ? { "strict-transport-security": "max-age=31536000" } : {}),
  };
}
