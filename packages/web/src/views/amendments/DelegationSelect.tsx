import { useTranslation } from 'react-i18next';
import type { Negotiation } from './useNegotiation';

/**
 * The delegation the chair or the secretariat records something for, "from
 * the floor": every registered delegation but `exclude`, by name.
 */
export function DelegationSelect({
  id,
  n,
  value,
  onChange,
  exclude,
}: {
  id: string;
  n: Negotiation;
  value: string;
  onChange: (delegationId: string) => void;
  exclude?: string;
}) {
  const { t } = useTranslation();
  const delegations = Object.values(n.state.delegations)
    .filter((d) => d.id !== exclude)
    .sort((x, y) => n.nameOf(x.id).localeCompare(n.nameOf(y.id), n.lang));
  return (
    <div className="field">
      <label htmlFor={id}>{t('amendments.delegation')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">—</option>
        {delegations.map((d) => (
          <option key={d.id} value={d.id}>
            {n.nameOf(d.id)}
          </option>
        ))}
      </select>
    </div>
  );
}
