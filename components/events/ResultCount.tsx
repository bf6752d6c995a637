import type { EventCount } from "@/lib/events/countEvents";

const number = new Intl.NumberFormat("en");

/** How many events match; an upper bound or an estimate is said to be one. */
export function ResultCount({ count, shown, noun = "event" }: { count: EventCount; shown: number; noun?: "event" | "connection" }) {
  return (
    <p className="result-count" data-testid="result-count" data-count={count.count} data-exact={count.exact} data-estimated={count.estimated ?? false}>
      {count.exact ? (
        <>
          <strong>{number.format(count.count)}</strong> {count.count === 1 ? `${noun} matches` : `${noun}s match`}
        </>
      ) : count.estimated ? (
        <span title="The search matches too many events to check each one for the count: this is estimated from a sample of them. The rows shown are exact.">
          about <strong>{number.format(count.count)}</strong> {noun}s match
        </span>
      ) : (
        <span title="The search matches too many events to check each one for the count: this is how many the search index proposes. The rows shown are exact.">
          at most <strong>{number.format(count.count)}</strong> {noun}s match
        </span>
      )}
      {count.count > 0 && <span className="muted"> · {number.format(shown)} on this page</span>}
    </p>
  );
}
