import * as client from "openid-client";

/** The OpenID Connect settings of lib/config.ts (`config.auth.oidc`). */
export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string | null;
  allowedEmails: readonly string[];
  allowedDomains: readonly string[];
  /** Only for a provider on 127.0.0.1/localhost (tests, a local Keycloak): plain http. */
  allowInsecureHttp: boolean;
  /** OIDC_ALLOW_UNVERIFIED_EMAIL: for a provider known to leave `email_verified` out. */
  allowUnverifiedEmail: boolean;
}

/** What the browser keeps (in a short-lived httpOnly cookie) between leaving for the provider and coming back. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
}

export class OidcDeniedError extends Error {
  override name = "OidcDeniedError";
}

/** Denied because the provider does not vouch for the email: the person can fix that there. */
export class OidcUnverifiedEmailError extends OidcDeniedError {
  override name = "OidcUnverifiedEmailError";
}

const discovered = new Map<string, Promise<client.Configuration>>();

/** The provider's metadata, discovered once per process (and again after a failure). */
export function oidcConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuerUrl}\u0000${settings.clientId}`;
  let configuration = discovered.get(key);
  if (!configuration) {
    // With a secret: client_secret_basic, the default of OpenID Connect registration; without: a public client (PKCE).
    const auth = settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None();
    configuration = client.discovery(new URL(settings.issuerUrl), settings.clientId, undefined, auth, {
      execute: settings.allowInsecureHttp ? [client.allowInsecureRequests] : [],
    });
    configuration.catch(() => discovered.delete(key));
    discovered.set(key, configuration);
  }
  return configuration;
}

/** Where to send the browser, with PKCE (S256), state and nonce fresh for this attempt. */
export async function beginOidcSignIn(settings: OidcSettings, redirectUri: string, next: string): Promise<{ url: URL; transaction: OidcTransaction }> {
  const configuration = await oidcConfiguration(settings);
  const transaction: OidcTransaction = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), next };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: "openid email",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
    code_challenge_method: "S256",
    state: transaction.state,
    nonce: transaction.nonce,
  });
  return { url, transaction };
}

/**
 * The provider's answer at the callback URL: the code is exchanged (with the PKCE verifier), the
 * ID token's signature, issuer, audience, nonce and the state checked by openid-client, and the
 * email must be verified (`email_verified: true`, or not said at all with allowUnverifiedEmail) and
 * on the allow-list. Returns that email, lower-cased.
 */
export async function completeOidcSignIn(settings: OidcSettings, callbackUrl: URL, transaction: OidcTransaction): Promise<{ email: string }> {
  const configuration = await oidcConfiguration(settings);
  const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: transaction.codeVerifier,
    expectedState: transaction.state,
    expectedNonce: transaction.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new OidcDeniedError("the provider sent no ID token");
  // Some providers put the email in the ID token, others only at the userinfo endpoint.
  const claims: Record<string, unknown> =
    typeof idClaims.email === "string" ? idClaims : await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email) throw new OidcDeniedError('the provider did not send an email address (the "email" scope)');
  if (claims.email_verified === false) throw new OidcUnverifiedEmailError(`${email} is not verified at the provider`);
  // Without the claim nothing says the address belongs to whoever signed in: anyone could have typed it at the provider.
  if (claims.email_verified !== true && !settings.allowUnverifiedEmail) {
    throw new OidcUnverifiedEmailError(
      `the provider did not say that ${email} is verified (no email_verified claim; OIDC_ALLOW_UNVERIFIED_EMAIL=true accepts such a provider)`,
    );
  }
  if (!emailAllowed(email, settings)) throw new OidcDeniedError(`${email} is not on OIDC_ALLOWED_EMAILS or OIDC_ALLOWED_DOMAINS`);
  return { email };
}

export function emailAllowed(email: string, settings: Pick<OidcSettings, "allowedEmails" | "allowedDomains">): boolean {
  const normalized = email.toLowerCase();
  const domain = normalized.slice(normalized.lastIndexOf("@") + 1);
  return settings.allowedEmails.includes(normalized) || settings.allowedDomains.includes(domain);
}

/** The transaction as a cookie value, and back (anything malformed reads as none). */
export function encodeTransaction(transaction: OidcTransaction): string {
  return Buffer.from(JSON.stringify(transaction), "utf8").toString("base64url");
}

export function decodeTransaction(value: string | undefined): OidcTransaction | null {
  if (!value || value.length > 4096) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<OidcTransaction>;
    const fields = [parsed.state, parsed.nonce, parsed.codeVerifier, parsed.next];
    return fields.every((f) => typeof f === "string" && f.length > 0) ? (parsed as OidcTransaction) : null;
  } catch {
    return null;
  }
}
