import Link from "next/link";
import { useTranslations } from "next-intl";

/** A page whose address names nothing this viewer can read (a user id that is not a number, broken encoding): said plainly, not a 500. */
export function BadPathNotice({ title, given, expected }: { title: string; given: string; expected: string }) {
  const t = useTranslations("BadPath");
  return (
    <>
      <h1>{title}</h1>
      <div className="notice notice--warn" role="alert">
        {t.rich("notA", { expected, given: () => <code>{given}</code>, link: (chunks) => <Link href="/connections">{chunks}</Link> })}
      </div>
    </>
  );
}
