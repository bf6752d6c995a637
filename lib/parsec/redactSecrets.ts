/**
 * Replaces every occurrence of the secrets in text coming from outside (Parsec's error messages,
 * Node's error messages, a redirect's Location) before it goes into one of our messages: Parsec
 * might echo the key back, and fetch's own errors can quote header values.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so the whole key is replaced before its secret part is looked for.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) out = out.split(secret).join("[redacted]");
  }
  return out;
}

/**
 * The strings to redact for an API key: the key itself and, for the documented
 * `tapi_<id>.<secret>` form, the secret part alone. Nothing else reads the key's parts.
 */
export function apiKeySecrets(apiKey: string): string[] {
  const secrets = [apiKey];
  const dot = apiKey.indexOf(".");
  if (dot >= 0) {
    const secretPart = apiKey.slice(dot + 1);
    // Too short a fragment would redact innocent words; a real secret is long.
    if (secretPart.length >= 8) secrets.push(secretPart);
  }
  return secrets;
}
