import type { TFunction } from 'i18next';
import { AUDIT_ACTIONS } from '../../common/audit-actions';
import { LANGUAGES } from '../../common/contract-names';
import { isKnownCheck } from '../capture/check-text';
import { isOneOf, modeName, serviceName } from '../queue/shared-names';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SETTING_NAMES = ['language', 'mode', 'serverUrl', 'cameras', 'autoCapture', 'retention', 'idleLockMinutes', 'consent'] as const;

export const auditActionName = (t: TFunction, action: string): string => (isOneOf(AUDIT_ACTIONS, action) ? t(`settings.audit.actions.${action}`) : t('settings.audit.unknownAction', { action }));

const plain = (value: Json): string => (typeof value === 'string' ? value : Array.isArray(value) ? value.map(plain).join(', ') : JSON.stringify(value));
const list = (value: Json): string[] => (Array.isArray(value) ? value.map(plain) : [plain(value)]);

/**
 * An entry's details as sentences, known keys first in a fixed order (so an override always reads
 * "verification, checks, reason"), anything else as "key: value" so nothing recorded is hidden.
 */
export function auditDetailLines(t: TFunction, details: Record<string, Json>, locale?: string): string[] {
  const lines: string[] = [];
  const rest = { ...details };
  const take = (key: string): Json | undefined => {
    const value = rest[key];
    delete rest[key];
    return value;
  };

  const verification = take('verification');
  if (verification !== undefined) lines.push(t('settings.audit.detail.verification', { id: plain(verification) }));
  const service = take('service');
  if (service !== undefined) lines.push(t('settings.audit.detail.service', { service: serviceName(t, plain(service)) }));
  const mode = take('mode');
  if (mode !== undefined) lines.push(t('settings.audit.detail.mode', { mode: modeName(t, plain(mode)) }));
  const checks = take('checks');
  // Overridden pre-checks in words, as the report card named them; an unknown id stays as recorded.
  if (checks !== undefined)
    lines.push(
      t('settings.audit.detail.checks', {
        checks: list(checks)
          .map((id) => (isKnownCheck(id) ? t(`capture.checks.${id}.name`) : id))
          .join(', '),
      }),
    );
  const reason = take('reason');
  if (reason !== undefined) lines.push(t('settings.audit.detail.reason', { reason: plain(reason) }));
  const changed = take('changed');
  if (changed !== undefined) {
    const names = list(changed).map((name) => (isOneOf(SETTING_NAMES, name) ? t(`settings.audit.settingNames.${name}`) : name));
    lines.push(t('settings.audit.detail.changed', { settings: names.join(', ') }));
  }
  const serverFrom = take('serverFrom');
  const serverTo = take('serverTo');
  if (serverFrom !== undefined && serverTo !== undefined) lines.push(t('settings.audit.detail.server', { from: plain(serverFrom), to: plain(serverTo) }));
  else Object.assign(rest, serverFrom === undefined ? {} : { serverFrom }, serverTo === undefined ? {} : { serverTo });
  const credentialsCleared = take('credentialsCleared');
  if (credentialsCleared === true) lines.push(t('settings.audit.detail.credentialsCleared'));
  else if (credentialsCleared !== undefined) rest.credentialsCleared = credentialsCleared;
  const decision = take('decision');
  if (decision === 'task') lines.push(t('settings.audit.detail.decisionTask'));
  else if (decision === 'resend') lines.push(t('settings.audit.detail.decisionResend'));
  else if (decision !== undefined) rest.decision = decision;
  const answer = take('answer');
  const language = take('language');
  const version = take('version');
  const answeredAt = take('answeredAt');
  if ((answer === 'agreed' || answer === 'declined') && typeof language === 'string' && typeof version === 'number' && typeof answeredAt === 'number')
    lines.push(
      t(answer === 'agreed' ? 'settings.audit.detail.consentAgreed' : 'settings.audit.detail.consentDeclined', {
        language: isOneOf(LANGUAGES, language) ? t(`languages.${language}`) : language,
        version,
        time: new Date(answeredAt).toLocaleString(locale),
      }),
    );
  else Object.assign(rest, Object.fromEntries(Object.entries({ answer, language, version, answeredAt }).filter(([, value]) => value !== undefined)));
  const remembered = take('remembered');
  if (remembered === true) lines.push(t('settings.audit.detail.remembered'));
  else if (remembered === false) lines.push(t('settings.audit.detail.notRemembered'));
  else if (remembered !== undefined) rest.remembered = remembered;

  for (const [key, value] of Object.entries(rest)) lines.push(t('settings.audit.detail.other', { key, value: plain(value) }));
  return lines;
}
