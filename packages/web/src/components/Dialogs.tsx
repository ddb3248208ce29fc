/**
 * The app's own confirm and prompt (issue 15): modal dialogs in the user's
 * language, with buttons that say what they do, instead of the browser's
 * window.confirm / window.prompt (in the browser's language, "OK", no
 * styling, unreachable for some screen readers). Promise-based, so a
 * handler reads as before: `if (!(await dialogs.confirm({...}))) return;`.
 */
import { createContext, useContext, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';

interface Ask {
  title: string;
  message: string;
  /** The button that goes ahead, named for what it does ("Remove", "Adopt"). */
  confirm: string;
  danger?: boolean;
}
interface AskText extends Ask {
  /** The text field's label ("Reason"); with `required`, an empty answer is not accepted. */
  label: string;
  required?: boolean;
}

export interface Dialogs {
  confirm: (ask: Ask) => Promise<boolean>;
  /** The text typed, or null if cancelled. */
  prompt: (ask: AskText) => Promise<string | null>;
}

type Open = { id: number } & ({ ask: Ask; text: false; done: (answer: boolean) => void } | { ask: AskText; text: true; done: (answer: string | null) => void });

const DialogContext = createContext<Dialogs | null>(null);

export function DialogProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<Open | null>(null);
  const count = useRef(0);
  const [dialogs] = useState<Dialogs>(() => ({
    confirm: (ask) => new Promise<boolean>((resolve) => setOpen({ id: ++count.current, ask, text: false, done: resolve })),
    prompt: (ask) => new Promise<string | null>((resolve) => setOpen({ id: ++count.current, ask, text: true, done: resolve })),
  }));
  const close = (answer: boolean | string | null) => {
    if (!open) return;
    setOpen(null);
    if (open.text) open.done(typeof answer === 'string' ? answer : null);
    else open.done(answer === true);
  };
  return (
    <DialogContext.Provider value={dialogs}>
      {children}
      {open ? <AskDialog key={open.id} open={open} onAnswer={close} /> : null}
    </DialogContext.Provider>
  );
}

export function useDialogs(): Dialogs {
  const dialogs = useContext(DialogContext);
  if (!dialogs) throw new Error('useDialogs outside DialogProvider');
  return dialogs;
}

function AskDialog({ open, onAnswer }: { open: Open; onAnswer: (answer: boolean | string | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const fieldId = useId();
  const { ask } = open;
  const missing = open.text && open.ask.required === true && text.trim() === '';
  return (
    <Modal title={ask.title} onClose={() => onAnswer(open.text ? null : false)} testId="app-dialog">
      <form
        className="stack-s"
        onSubmit={(e) => {
          e.preventDefault();
          if (!missing) onAnswer(open.text ? text.trim() : true);
        }}
      >
        <p dir="auto">{ask.message}</p>
        {open.text ? (
          <label className="field" htmlFor={fieldId}>
            <span>{open.ask.label}</span>
            {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
            <textarea id={fieldId} value={text} onChange={(e) => setText(e.target.value)} rows={3} required={open.ask.required} autoFocus />
          </label>
        ) : null}
        <div className="row-actions dialog-actions">
          <button type="submit" className={ask.danger ? 'danger' : 'primary'} disabled={missing} autoFocus={!open.text}>
            {ask.confirm}
          </button>
          <button type="button" onClick={() => onAnswer(open.text ? null : false)}>
            {t('dialog.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
