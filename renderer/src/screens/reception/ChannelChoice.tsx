/** How the dossier reached the counter: brought in person or by post (online ones come by sync, not through this form). */
import { useTranslation } from '../../i18n';
import type { DeskChannel } from './model';

export function ChannelChoice({ channel, onChange }: { channel: DeskChannel; onChange: (channel: DeskChannel) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('reception.channel')}</legend>
      <div className="radio-row">
        {(['in_person', 'postal'] as DeskChannel[]).map((option) => (
          <label key={option}>
            <input type="radio" name="channel" checked={channel === option} onChange={() => onChange(option)} />
            {t(`reception.channels.${option}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
