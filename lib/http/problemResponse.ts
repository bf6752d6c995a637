/** The one error envelope of every route: `{"message": "..."}`, as Parsec's own API answers. */
export function problemResponse(status: number, message: string): Response {
  return Response.json({ message }, { status });
}
