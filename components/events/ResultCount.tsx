import type { EventCount } from "@/lib/events/countEvents";

const number = new Intl.NumberFormat("en");

/** How many events match; an upper bound is said to be one. */
export function ResultCount({ count, shown }: { count: EventCount; shown: number }) {
  return (
    <p className="result-count" data-testid="result-count" data-count={count.count} data-exact={count.exact}>
      {count.exact ? (
        <>
          <strong>{number.format(count.count)}</strong> {count.count === 1 ? "event matches" : "events match"}
        </>
      ) : (
        <span title="The search holds % or _, which the database cannot match literally; the rows shown are exact.">
          at most <strong>{number.format(count.count)}</strong> events match
        </span>
      )}
      {count.count > 0 && <span className="muted"> · {number.format(shown)} on this page</span>}
    </p>
  );
}
