/**
 * Form 06, the tracking logbook, printed a month at a time from the dossier list: the month chosen (this month by
 * default), its lines numbered on from the year's earlier months by the desk (electron/desk/dossiers/logbook.ts).
 */
import { useState } from 'react';
import { vnDateKey } from '../../../../shared/calendar/vn-time';
import { ActionButton, ErrorBanner, Field, ProgressBar, Select } from '../../components/ui';
import { useDeskQuery } from '../../components/use-desk-call';
import { LogbookForm } from '../../forms/forms';
import { PrintPreview } from '../../forms/print-preview';
import { useTranslation } from '../../i18n';
import { useDeskInfo, unitNameOf } from '../../store/desk-info';
import { useSession } from '../../store/session';

/** The button that opens the logbook; its preview asks for the month. */
export function LogbookButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <ActionButton onActivate={() => setOpen(true)} data-testid="open-logbook">
        {t('logbook.open')}
      </ActionButton>
      {open && <LogbookPreview onClose={() => setOpen(false)} />}
    </>
  );
}

function LogbookPreview({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const today = vnDateKey(new Date());
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [month, setMonth] = useState(Number(today.slice(5, 7)));
  const book = useDeskQuery('dossiers.logbook', { year, month }, [year, month]);
  const info = useDeskInfo((s) => s.info);
  const user = useSession((s) => s.user);
  const years = Array.from({ length: 6 }, (_, i) => Number(today.slice(0, 4)) - i);
  const tools = (
    <div className="logbook-tools">
      <Field label={t('logbook.month')}>
        {(p) => (
          <Select {...p} value={month} onChange={(e) => setMonth(Number(e.target.value))} data-testid="logbook-month">
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {t('logbook.monthName', { month: i + 1 })}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('logbook.year')}>
        {(p) => (
          <Select {...p} value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="logbook-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </div>
  );
  return (
    <PrintPreview title={t('logbook.title')} onClose={onClose} tools={tools} paper="a4-landscape">
      <ErrorBanner error={book.error} />
      {book.loading && <ProgressBar />}
      {book.data && (
        <LogbookForm
          header={{ unitName: unitNameOf(info?.unitCode), clerkName: user?.displayName ?? '', printedAt: new Date() }}
          book={book.data}
        />
      )}
    </PrintPreview>
  );
}
