import Link from "next/link";

/** A page whose address names nothing this viewer can read (a user id that is not a number, broken encoding): said plainly, not a 500. */
export function BadPathNotice({ title, given, expected }: { title: string; given: string; expected: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="notice notice--warn" role="alert">
        <code>{given}</code> is not {expected}. <Link href="/connections">All connections</Link>
      </div>
    </>
  );
}
