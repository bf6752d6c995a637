/**
 * The one error envelope of every route: `{"message": "..."}`, as Parsec's own API answers, with
 * the few fields some answers add beside it (a failed sync's run id).
 */
export function problemResponse(status: number, message: string, details: Record<string, unknown> = {}, headers?: HeadersInit): Response {
  return Response.json({ ...details, message }, { status, headers });
}
