/**
 * Who brings the dossier: a person (their personal identification number, as on a căn cước or CCCD card) or an
 * organisation (its tax code), checked as the clerk leaves each field.
 */
import type { LocalizedText } from '../../../../shared/result';
import { Field, TextInput } from '../../components/ui';
import { useTranslation } from '../../i18n';
import type { ApplicantDraft, ApplicantField } from './model';

interface Props {
  applicant: ApplicantDraft;
  errors: Partial<Record<ApplicantField, LocalizedText>>;
  onChange(applicant: ApplicantDraft): void;
  onBlur(field: ApplicantField): void;
}

export function ApplicantFields({ applicant, errors, onChange, onBlur }: Props) {
  const { t } = useTranslation();
  const person = applicant.kind === 'person';
  const set = (field: keyof ApplicantDraft, value: string) => onChange({ ...applicant, [field]: value });
  return (
    <fieldset>
      <legend>{t('reception.applicant')}</legend>
      <div className="radio-row" role="radiogroup" aria-label={t('reception.kind')}>
        {(['person', 'organisation'] as const).map((kind) => (
          <label key={kind}>
            <input type="radio" name="applicant-kind" checked={applicant.kind === kind} onChange={() => onChange({ ...applicant, kind })} />
            {t(`reception.${kind}`)}
          </label>
        ))}
      </div>
      <div className="grid-2">
        <Field label={person ? t('reception.name') : t('reception.orgName')} error={errors.name} required>
          {(p) => <TextInput {...p} name="name" value={applicant.name} onChange={(e) => set('name', e.target.value)} onBlur={() => onBlur('name')} />}
        </Field>
        <Field label={person ? t('reception.idNumber') : t('reception.taxCode')} error={errors.idNumber} {...(person ? { hint: t('reception.idNumberHint') } : {})}>
          {(p) => (
            <TextInput
              {...p}
              name="idNumber"
              inputMode="numeric"
              className="mono"
              value={applicant.idNumber}
              onChange={(e) => set('idNumber', e.target.value)}
              onBlur={() => onBlur('idNumber')}
            />
          )}
        </Field>
        <Field label={t('reception.phone')} error={errors.phone}>
          {(p) => <TextInput {...p} name="phone" type="tel" inputMode="tel" value={applicant.phone} onChange={(e) => set('phone', e.target.value)} onBlur={() => onBlur('phone')} />}
        </Field>
        <Field label={t('reception.email')} error={errors.email}>
          {(p) => <TextInput {...p} name="email" type="email" value={applicant.email} onChange={(e) => set('email', e.target.value)} onBlur={() => onBlur('email')} />}
        </Field>
      </div>
      <Field label={t('reception.address')} error={errors.address}>
        {(p) => <TextInput {...p} name="address" value={applicant.address} onChange={(e) => set('address', e.target.value)} onBlur={() => onBlur('address')} />}
      </Field>
    </fieldset>
  );
}
