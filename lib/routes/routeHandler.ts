import { z } from "zod";
import { searchParamsRecord } from "../explorerUrl/explorerHref";
import { domainErrorResponse } from "./domainErrorResponse";
import { problemResponse } from "../http/problemResponse";
import { BadParameterError } from "../http/requestErrors";
import { logger } from "../logging/logger.mjs";

export interface RouteSpec<Caller, Input> {
  /** Who is asking: the caller, or the answer that refuses them (401, 403), or a domain error (a route not configured here). */
  authorize: (request: Request) => Promise<Caller | Response>;
  /** The request's input, checked (zod); throws a domain error (BadParameterError, FilterError) when it is wrong. */
  parse?: (request: Request) => Input | Promise<Input>;
  /** Calls one lib/ verb: its result is the answer (a JSON body, or a Response of its own: a download, a redirect). */
  run: (input: Input, context: { caller: Caller; request: Request }) => Promise<Response | object>;
}

/**
 * The one shape of every route handler: authorise, parse, run one verb, answer. A domain error
 * thrown on the way becomes its answer in lib/routes/domainErrorResponse.ts; anything else is a
 * bug, logged and answered 500 in the same envelope.
 */
export function routeHandler<Caller, Input = undefined>(spec: RouteSpec<Caller, Input>): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const caller = await spec.authorize(request);
      if (caller instanceof Response) return caller;
      const input = spec.parse ? await spec.parse(request) : (undefined as Input);
      const result = await spec.run(input, { caller, request });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      const answer = domainErrorResponse(error);
      if (answer) return answer;
      // Next.js's own control flow (redirect(), dynamic rendering) travels as errors with a digest.
      if (typeof (error as { digest?: unknown } | null)?.digest === "string") throw error;
      logger("http").error({ err: error }, `${request.method} ${new URL(request.url).pathname} failed`);
      return problemResponse(500, "The server failed to answer this request; its log says why.");
    }
  };
}

/** For the routes anyone may call (health, the sign-in steps): no caller to check. */
export async function anyone(): Promise<null> {
  return null;
}

/** The query string as the filter parsers take it: a parameter given twice is an array. */
export function queryOf(request: Request): Record<string, string | string[]> {
  return searchParamsRecord(new URL(request.url).searchParams);
}

/**
 * The query checked by `schema`: a BadParameterError naming each wrong parameter, or `message`
 * instead when the route says it better in one sentence.
 */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request, message?: string): z.output<S> {
  const parsed = schema.safeParse(queryOf(request));
  if (parsed.success) return parsed.data;
  throw new BadParameterError(message ?? parsed.error.issues.map((issue) => `${issue.path.join(".") || "query"}: ${issue.message}`).join("; "));
}
