import type { TFunction } from 'i18next';

/** The customer in one short phrase for lists and notices: "Name (reference)", either alone, or null. */
export function customerLabel(t: TFunction, customer: { reference: string | null; name: string | null } | null | undefined): string | null {
  const name = customer?.name ?? null;
  const reference = customer?.reference ?? null;
  if (name && reference) return t('customer.withReference', { name, reference });
  if (name) return name;
  return reference ? t('customer.referenceOnly', { reference }) : null;
}
