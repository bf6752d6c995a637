/** The session's CSRF token in a form that posts to a server action (checked by requireAdminAction). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}
