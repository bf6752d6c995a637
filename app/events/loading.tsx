export default function LoadingEvents() {
  return (
    <>
      <h1>Events</h1>
      <p className="empty" role="status">
        Loading events…
      </p>
    </>
  );
}
