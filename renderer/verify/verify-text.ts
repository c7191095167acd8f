/** Names the screen puts into sentences: slots, text fields, checks, lists of them. */
import { useTranslation } from 'react-i18next';
import type { ImageRole } from '../../common/analysis/check';
import type { TextField } from '../../common/services/catalog';
import { useCheckText } from '../capture/check-text';
import { verify } from '../i18n/areas/verify';
import type { FieldProblem } from './field-rules';

type LabelledField = keyof typeof verify.en.field;
const isLabelledField = (name: string): name is LabelledField => Object.hasOwn(verify.en.field, name);

export function useVerifyText() {
  const { t, i18n } = useTranslation();
  const checkText = useCheckText();
  const list = (items: readonly string[]) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(items);
  const field = (name: string) => (isLabelledField(name) ? t(`verify.field.${name}`) : name);
  return {
    list,
    field,
    slot: (role: ImageRole) => t(`words.role.${role}`),
    checks: (ids: readonly string[]) => list(ids.map((id) => checkText.name({ id }))),
    fieldProblem: (input: TextField, problem: FieldProblem) => t(`verify.fieldProblem.${problem}`, { field: field(input.name) }),
  };
}
