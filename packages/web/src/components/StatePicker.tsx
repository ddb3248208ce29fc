import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchStates, stateByM49, type Lang, type UnState } from '@gavel/shared';

/**
 * Picks a State from the UN list by typing its name in any of the six
 * languages (or its ISO code). An ARIA combobox: arrows move, Enter picks.
 */
export function StatePicker({
  value,
  onChange,
  label,
  exclude = [],
}: {
  value: string | undefined;
  onChange: (m49: string | undefined) => void;
  label: string;
  exclude?: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const id = useId();
  const chosen = value ? stateByM49(value) : undefined;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(
    () => searchStates(query, 40).filter((s) => !exclude.includes(s.m49)).slice(0, 8),
    [query, exclude],
  );

  const pick = (s: UnState) => {
    onChange(s.m49);
    setQuery('');
    setOpen(false);
  };

  return (
    <div className="field combobox">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${id}-${matches[active].m49}` : undefined}
        autoComplete="off"
        placeholder={t('participants.searchState')}
        value={open || !chosen ? query : chosen.names[lang]}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
          if (chosen) onChange(undefined);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, matches.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && open && matches[active]) {
            e.preventDefault();
            pick(matches[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {open && query ? (
        <ul id={`${id}-list`} role="listbox" className="combobox-list">
          {matches.length === 0 ? <li className="muted">{t('participants.noStateFound')}</li> : null}
          {matches.map((s, i) => (
            <li
              key={s.m49}
              id={`${id}-${s.m49}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(s);
              }}
            >
              <span dir="auto">{s.names[lang]}</span>
              {lang !== 'en' ? (
                <span className="muted" dir="ltr">
                  {' '}
                  {s.names.en}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
