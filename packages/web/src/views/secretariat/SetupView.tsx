import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '@gavel/shared';
import { AgendaTab } from './AgendaTab';
import { CodesTab } from './CodesTab';
import { MeetingTab } from './MeetingTab';
import { ParticipantsTab } from './ParticipantsTab';
import { PersonsTab } from './PersonsTab';
import { RulesTab } from './RulesTab';
import { StatementsTab } from './StatementsTab';
import { TranslationsTab } from './TranslationsTab';

const TABS = ['participants', 'persons', 'codes', 'meeting', 'agenda', 'statements', 'rules', 'translations'] as const;
type Tab = (typeof TABS)[number];

/**
 * The secretariat's set-up: who takes part, who may sign in, the meeting's
 * details, the agenda, the statements log and the rules for the floor.
 */
export function SetupView({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  // A link may open a tab (/setup?tab=statements&item=…): the report's links to the sources of its paragraphs.
  const [asked] = useState(() => new URLSearchParams(location.search));
  const [tab, setTab] = useState<Tab>(() => {
    const linked = asked.get('tab') as Tab | null;
    return linked && TABS.includes(linked) ? linked : 'participants';
  });
  const label: Record<Tab, string> = {
    participants: t('participants.title'),
    persons: t('persons.title'),
    codes: t('codes.title'),
    meeting: t('meeting.details'),
    agenda: t('agenda.title'),
    statements: t('statements.title'),
    rules: t('rules.tab'),
    translations: t('translations.title'),
  };
  return (
    <div className="view">
      <div role="tablist" className="tabs" aria-label={t('views.setup')}>
        {TABS.map((k) => (
          <button
            key={k}
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`panel-${k}`}
            className={tab === k ? 'active' : undefined}
            onClick={() => setTab(k)}
            onKeyDown={(e) => {
              const i = TABS.indexOf(k);
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const rtl = document.documentElement.dir === 'rtl';
              const next = TABS[(i + (rtl ? -step : step) + TABS.length) % TABS.length];
              setTab(next);
              document.getElementById(`tab-${next}`)?.focus();
            }}
            tabIndex={tab === k ? 0 : -1}
          >
            {label[k]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'participants' ? <ParticipantsTab state={state} /> : null}
        {tab === 'persons' ? <PersonsTab state={state} /> : null}
        {tab === 'codes' ? <CodesTab state={state} /> : null}
        {tab === 'meeting' ? <MeetingTab state={state} /> : null}
        {tab === 'agenda' ? <AgendaTab state={state} focusItemId={asked.get('item') ?? undefined} /> : null}
        {tab === 'statements' ? <StatementsTab state={state} initialItemId={asked.get('item') ?? undefined} /> : null}
        {tab === 'rules' ? <RulesTab state={state} /> : null}
        {tab === 'translations' ? <TranslationsTab state={state} /> : null}
      </div>
    </div>
  );
}
