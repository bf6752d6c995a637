import { useTranslations } from "next-intl";
/** One applied filter value, removable. `negated` marks an exclusion ("not …"). */
export function Chip({ label, title, negated = false, onRemove }: { label: string; title?: string; negated?: boolean; onRemove: () => void }) {
  const t = useTranslations("Filters");
  return (
    <span className={`chip${negated ? " chip--not" : ""}`} title={title}>
      {negated && <span className="chip__not">{t("not")}</span>}
      <span className="chip__label">{label}</span>
      <button type="button" className="chip__remove" aria-label={negated ? t("removeNot", { label }) : t("remove", { label })} onClick={onRemove}>
        ×
      </button>
    </span>
  );
}
