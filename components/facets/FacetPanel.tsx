import Link from "next/link";
import type { ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { Facet } from "@/lib/facets/facetCounts";
import type { KnownUser } from "@/lib/events/listUsers";
import { STALE_AFTER_HOURS } from "@/lib/connections/connectionStatus";
import { describeExitCode } from "@/lib/parsec/exitCodes";
import { facetValueLinks, type FacetParam } from "@/lib/explorerUrl/facetLinks";
import type { FilterParamValues, PagingParamValues } from "@/lib/explorerUrl/explorerParams";
import { ExitCode } from "../ExitCode";
import "./facets.css";

/** The facets once computed (the page streams them after its list). */
export async function StreamedFacetPanel({
  facets,
  ...props
}: {
  facets: Promise<readonly Facet<FacetParam>[]>;
  view: FacetView;
  users: readonly KnownUser[];
}) {
  return <FacetPanel facets={await facets} {...props} />;
}

export interface FacetView {
  filters: FilterParamValues;
  paging: PagingParamValues;
  table: "events" | "connections";
}

/**
 * The breakdown beside a filtered table: per facet its most frequent values with their counts
 * ("about" when estimated), each with a link that shows only it and one that leaves it out.
 * Rendered on the server (links, no script; the exit-code catalogue stays there). A <details>
 * that is open on a wide screen whatever its state (CSS), and folded on a narrow one until opened.
 */
export function FacetPanel({ facets, view, users }: { facets: readonly Facet<FacetParam>[]; view: FacetView; users: readonly KnownUser[] }) {
  const t = useTranslations("Facets");
  const filterText = useTranslations("Filters");
  const status = useTranslations("ConnectionStatus");
  const locale = useLocale();
  const noun = view.table === "connections" ? "connection" : "event";
  const estimated = facets.some((facet) => facet.estimated);
  if (facets.every((facet) => facet.total === 0 && facet.values.length === 0)) return null;

  const labelOf = (dimension: FacetParam, value: string): { text: string; node: ReactNode; detail?: string } => {
    switch (dimension) {
      case "user": {
        const text = users.find((user) => String(user.userId) === value)?.email ?? filterText("userFallback", { id: value });
        return { text, node: text };
      }
      case "status": {
        const text = status("label", { status: value });
        return { text, node: text, detail: status("meaning", { status: value, hours: STALE_AFTER_HOURS }) };
      }
      case "exit": {
        const info = describeExitCode(Number(value), locale);
        const name = info?.name ? `${value} ${info.name}` : value;
        return { text: name, node: <ExitCode code={Number(value)} />, detail: info?.meaning };
      }
      default:
        return { text: value, node: value };
    }
  };
  /** One of a value's two links: a click shows it (or leaves it out); when it already does, the same link takes that back. */
  const action = (kind: "include" | "exclude", href: string, active: boolean, value: string) => {
    const text =
      kind === "include" ? t("include", { state: active ? "included" : "none", value }) : t("exclude", { state: active ? "excluded" : "none", value });
    return (
      <Link className={`facets__action facets__action--${kind}`} href={href} scroll={false} aria-label={text} title={text}>
        {active ? "×" : kind === "include" ? "+" : "−"}
      </Link>
    );
  };
  const count = (facet: Facet<FacetParam>, n: number) => t("count", { estimated: String(facet.estimated), count: n });

  return (
    <details className="facets" data-testid="facets" aria-label={t("titleLabel", { noun })}>
      <summary className="facets__summary">
        {t("title")}
        {estimated && <span className="muted facets__note">{t("estimatedNote", { noun })}</span>}
      </summary>
      <div className="facets__grid">
        {facets.map((facet) => (
          <section key={facet.dimension} className="facets__facet" data-testid={`facet-${facet.dimension}`} data-estimated={facet.estimated}>
            <h2 className="facets__title">{t("dimension", { dimension: facet.dimension })}</h2>
            <ul className="facets__values">
              {facet.values.map(({ value, count: n }) => {
                const label = labelOf(facet.dimension, value);
                const links = facetValueLinks(view.filters, view.paging, view.table, facet.dimension, value);
                return (
                  <li key={value} className="facets__value" data-state={links.state ?? undefined} data-value={value}>
                    <span className="facets__label" title={label.detail}>
                      {label.node}
                      {label.detail && facet.dimension === "exit" && <small className="facets__detail muted">{label.detail}</small>}
                    </span>
                    {links.state && (
                      <span className={`facets__state facets__state--${links.state}`}>
                        {links.state === "included" ? t("stateIncluded") : t("stateExcluded")}
                      </span>
                    )}
                    <span className="facets__count">{count(facet, n)}</span>
                    <span className="facets__actions">
                      {action("include", links.includeHref, links.state === "included", label.text)}
                      {action("exclude", links.excludeHref, links.state === "excluded", label.text)}
                    </span>
                  </li>
                );
              })}
              {facet.other > 0 && (
                <li className="facets__value facets__value--rest">
                  <span className="facets__label muted">{t("other")}</span>
                  <span className="facets__count">{count(facet, facet.other)}</span>
                </li>
              )}
              {facet.none > 0 && (
                <li className="facets__value facets__value--rest">
                  <span className="facets__label muted">{t("none", { dimension: facet.dimension })}</span>
                  <span className="facets__count">{count(facet, facet.none)}</span>
                </li>
              )}
            </ul>
          </section>
        ))}
      </div>
    </details>
  );
}
