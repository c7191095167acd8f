import { useEffect, useId } from 'react';
import { useStation } from '../app/store-context';
import { useTranslation } from 'react-i18next';
import type { ServiceId } from '../../common/services/catalog';
import { useVerifyText } from './verify-text';
import { WORKFLOWS } from './workflows';

/** Native radios: arrow keys move between workflows, Tab leaves the group. */
export function WorkflowPicker({ value, onChange }: { value: ServiceId; onChange: (service: ServiceId) => void }) {
  const { t } = useTranslation();
  const text = useVerifyText();
  const id = useId();
  // The organisation's policy may offer only some workflows (main refuses the others).
  const allowed = useStation((s) => s.status?.policy?.workflows ?? null);
  const offered = allowed ? WORKFLOWS.filter((workflow) => allowed.includes(workflow.id)) : WORKFLOWS;
  const first = offered[0]?.id;
  useEffect(() => {
    if (first && !offered.some((workflow) => workflow.id === value)) onChange(first);
  });
  return (
    <fieldset className="verify-workflows">
      <legend>{t('verify.workflow.legend')}</legend>
      {offered.map((workflow) => {
        const inputs = [...workflow.slots.map((slot) => text.slot(slot.role)), ...workflow.fields.map((field) => text.field(field.name))];
        return (
          <label key={workflow.id} className="verify-workflow">
            <input
              type="radio"
              name={`${id}-workflow`}
              value={workflow.id}
              checked={value === workflow.id}
              onChange={() => onChange(workflow.id)}
              aria-labelledby={`${id}-${workflow.id}-name`}
              aria-describedby={`${id}-${workflow.id}`}
            />
            <span id={`${id}-${workflow.id}-name`} className="verify-workflow-name">
              {t(`words.service.${workflow.id}`)}
            </span>
            <span id={`${id}-${workflow.id}`} className="verify-workflow-needs">
              {t('verify.workflow.needs', { inputs: text.list(inputs) })}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
