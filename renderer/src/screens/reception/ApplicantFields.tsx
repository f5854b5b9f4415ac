/**
 * Who brings the dossier: a person (their personal identification number, as on a căn cước or CCCD card, or a
 * passport's number for a foreigner or a citizen living abroad) or an organisation (its tax code), checked as the
 * clerk leaves each field.
 */
import type { LocalizedText } from '../../../../shared/result';
import { personIdKinds, type PersonIdKind } from '../../../../shared/domain/applicant';
import { Field, Select, TextInput } from '../../components/ui';
import { idNumberLabel } from '../../format/applicant-labels';
import { useTranslation } from '../../i18n';
import type { ApplicantDraft, ApplicantField } from './model';
import { nameSpellingHint } from './name-spelling';
import './applicant-fields.css';

interface Props {
  applicant: ApplicantDraft;
  errors: Partial<Record<ApplicantField, LocalizedText>>;
  /** The name has been left or a save asked for: a hint on how it is written may be shown (not while it is typed). */
  nameChecked?: boolean;
  onChange(applicant: ApplicantDraft): void;
  onBlur(field: ApplicantField): void;
}

export function ApplicantFields({ applicant, errors, nameChecked = false, onChange, onBlur }: Props) {
  const { t } = useTranslation();
  const person = applicant.kind === 'person';
  const passport = person && applicant.idKind === 'passport';
  const set = (field: keyof ApplicantDraft, value: string) => onChange({ ...applicant, [field]: value });
  const idLabel = t(idNumberLabel(applicant));
  const idHint = !person ? {} : { hint: passport ? t('reception.passportHint') : t('reception.idNumberHint') };
  const spelling = person && nameChecked ? nameSpellingHint(applicant.name, { fromPassport: passport }) : null;
  const nameHint = !spelling
    ? {}
    : {
        hint: spelling.noAccents
          ? t(spelling.capitalised ? 'reception.nameNoAccentsLowerCase' : 'reception.nameNoAccents')
          : t('reception.nameLowerCase', { name: spelling.capitalised }),
      };
  /** Another paper: a number already typed is checked again against it, at once. */
  const setIdKind = (idKind: PersonIdKind) => {
    onChange({ ...applicant, idKind });
    if (applicant.idNumber.trim() !== '') onBlur('idNumber');
  };
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
        {/* Said to a screen reader as required (the label's "*" is hidden from it); not `required`, with which the
            browser would stop the save with its own bubble instead of the form's message. */}
        {/* The wrapper colours a hint on the name as a caution, not an error: the name is still received as typed. */}
        <div className="applicant-name">
          <Field label={person ? t('reception.name') : t('reception.orgName')} error={errors.name} required {...nameHint}>
            {(p) => <TextInput {...p} aria-required name="name" value={applicant.name} onChange={(e) => set('name', e.target.value)} onBlur={() => onBlur('name')} />}
          </Field>
        </div>
        <Field label={idLabel} error={errors.idNumber} {...idHint}>
          {(p) => (
            // The paper after the number, not before: a clerk typing a name, Tab, then a căn cước's number (nearly
            // every citizen) goes as before; a passport is chosen on the way on, and the number checked again then.
            <div className="id-number-row">
              <TextInput
                {...p}
                name="idNumber"
                inputMode={passport ? 'text' : 'numeric'}
                className="mono"
                value={applicant.idNumber}
                onChange={(e) => set('idNumber', e.target.value)}
                onBlur={() => onBlur('idNumber')}
              />
              {person && (
                <Select name="idKind" aria-label={t('reception.idKind')} value={applicant.idKind ?? 'personal'} onChange={(e) => setIdKind(e.target.value as PersonIdKind)}>
                  {personIdKinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`reception.idKinds.${kind}`)}
                    </option>
                  ))}
                </Select>
              )}
            </div>
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
