/** What a page shows while its server work runs (a route's loading.tsx). */
export function PageLoading({ title, what }: { title: string; what: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p className="empty" role="status">
        Loading {what}…
      </p>
    </>
  );
}
