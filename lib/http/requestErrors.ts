/**
 * Errors any verb may throw about what the request asked for, whatever its subject. The subjects'
 * own errors (a bad filter, an upload refused, a sync already running) stay in their modules;
 * lib/routes/domainErrorResponse.ts maps them all to answers.
 */

/** A parameter of the request is wrong (its name or its value); the message names it. */
export class BadParameterError extends Error {
  override name = "BadParameterError";
}

/** What the request names does not exist here (an unknown event id, a feature not configured). */
export class ResourceNotFoundError extends Error {
  override name = "ResourceNotFoundError";
}

/** The route does not take this method; `allowed` are the ones it takes. */
export class MethodNotAllowedError extends Error {
  override name = "MethodNotAllowedError";
  constructor(
    message: string,
    readonly allowed: readonly string[],
  ) {
    super(message);
  }
}
