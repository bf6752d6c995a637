import Link from "next/link";
import { hostHref } from "@/lib/explorerUrl/entityHref";

/** A host computer by name, linking to its page: who used it, when, and how often it failed. */
export function HostLink({ name }: { name: string }) {
  return (
    <Link href={hostHref(name)} prefetch={false} title={`${name}: who used it and when`}>
      {name}
    </Link>
  );
}
