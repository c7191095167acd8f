import { fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { summarise, type Check } from '../../../common/analysis/check';
import type { PrecheckResult } from '../../../common/analysis/precheck';
import { KNOWN_CHECKS } from '../../../renderer/capture/check-text';
import { ReportCard } from '../../../renderer/capture/report-card';
import { createI18n } from '../../../renderer/i18n/i18n';

const checks: Check[] = [
  { id: 'face.size', value: 180, threshold: '≥ 224 px', verdict: 'fail', message: '', guidance: 'x' },
  { id: 'face.highlights', value: 0.031, threshold: '', verdict: 'warn', message: '', guidance: 'x' },
  { id: 'file.bytes', value: 1_572_864, threshold: '', verdict: 'pass', message: '', guidance: '' },
  { id: 'document.mrz', value: null, threshold: '', verdict: 'warn', message: '', guidance: 'x' },
];
const report: PrecheckResult = {
  ...summarise('selfie', checks),
  file: { format: 'jpeg', width: 1, height: 1, orientation: 1, displayWidth: 1, displayHeight: 1, hasExif: false, hasGps: false, truncated: false },
  faces: [],
  document: null,
  mrz: null,
  elapsedMs: 1,
};

/** Renders the card and, unless told not to, opens its folded passed checks as the operator would. */
async function renderCard(language: 'en' | 'fr' | 'ar', unfold = true) {
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <ReportCard report={report} role="selfie" />
    </I18nextProvider>,
  );
  if (unfold) fireEvent.click(screen.getByRole('button', { expanded: false }));
}

describe('ReportCard', () => {
  it('formats values for the operator’s language and spells out every verdict', async () => {
    await renderCard('fr');
    expect(screen.getByRole('table', { name: 'Contrôle préalable : Selfie' })).toBeInTheDocument();
    expect(screen.getByText('Contrôles en échec : 1. Avertissements : 2.')).toBeInTheDocument();
    const size = screen.getByRole('row', { name: /^Taille du visage/ });
    expect(within(size).getByText('180 px')).toBeInTheDocument();
    expect(within(size).getByText('≥ 224 px')).toBeInTheDocument();
    expect(within(size).getByText('Échec')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /^Zones surexposées/ })).getByText('3,1 %')).toBeInTheDocument();
    // Decimal megabytes, as Progeny's limit is 2,000,000 bytes (not 2 MiB).
    expect(within(screen.getByRole('row', { name: /^Taille du fichier/ })).getByText('1,57 Mo')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /^Taille du fichier/ })).getByText('≤ 2 Mo')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /^Zone de lecture/ })).getByText('Non mesuré')).toBeInTheDocument();
  });

  it('lists failures, then warnings, and folds the passed checks behind a disclosure button', async () => {
    await renderCard('en', false);
    const rows = within(screen.getByRole('table', { name: 'Pre-check: Selfie' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['Face size', 'Overexposed areas on the face', 'Machine-readable zone']);
    const fold = screen.getByRole('button', { name: '1 check passed' });
    expect(fold).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('row', { name: /^File size/ })).not.toBeInTheDocument();
    fireEvent.click(fold);
    expect(fold).toHaveAttribute('aria-expanded', 'true');
    expect(document.getElementById(fold.getAttribute('aria-controls')!)).toContainElement(screen.getByRole('row', { name: /^File size/ }));
  });

  it('gives guidance only for checks that did not pass', async () => {
    await renderCard('en');
    const cells = (name: RegExp) => within(screen.getByRole('row', { name })).getAllByRole('cell');
    expect(cells(/^File size/).at(-1)).toBeEmptyDOMElement();
    expect(cells(/^Face size/).at(-1)).toHaveTextContent('Move the camera closer');
  });
});

describe("ReportCard on Progeny's requirements", () => {
  const cardOf = (checks: Check[]): PrecheckResult => ({ ...report, ...summarise('selfie', checks) });
  const renderReport = async (card: PrecheckResult) => {
    const i18n = await createI18n('en');
    render(
      <I18nextProvider i18n={i18n}>
        <ReportCard report={card} role="selfie" />
      </I18nextProvider>,
    );
  };

  it('says an oversized file must be fixed, marks it as not overridable, and shows a size that rounds to the limit to the byte', async () => {
    await renderReport(cardOf([{ id: 'file.bytes', value: 2_000_001, threshold: '', verdict: 'fail', message: '', guidance: '', fixable: true }]));
    expect(screen.getByText('Progeny does not accept this image as it is: File size. Use “Fix automatically” below; it cannot be sent anyway.')).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /^File size/ });
    expect(within(row).getByText('2,000,001 bytes')).toBeInTheDocument();
    expect(within(row).getByText('≤ 2 MB')).toBeInTheDocument();
    expect(within(row).getByText('(cannot be overridden)')).toBeInTheDocument();
  });

  it('asks for a new picture when no face was found, and leaves advice overridable', async () => {
    await renderReport(
      cardOf([
        { id: 'face.count', value: 0, threshold: '', verdict: 'fail', message: '', guidance: '' },
        { id: 'face.sharpness', value: 0.8, threshold: '', verdict: 'fail', message: '', guidance: '' },
      ]),
    );
    expect(screen.getByText('Progeny does not accept this image: Number of faces. Take a new picture; it cannot be sent anyway.')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /^Number of faces/ })).getByText('(cannot be overridden)')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /^Face sharpness/ })).queryByText('(cannot be overridden)')).not.toBeInTheDocument();
  });

  it('lets several faces stay advice: Progeny only needs one present', async () => {
    await renderReport(cardOf([{ id: 'face.count', value: 2, threshold: '', verdict: 'fail', message: '', guidance: '' }]));
    expect(screen.getByText('Failing checks: 1. Warnings: 0.')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /^Number of faces/ })).queryByText('(cannot be overridden)')).not.toBeInTheDocument();
  });
});

describe('check texts', () => {
  it('translate every check id the engine can produce', () => {
    const sources = import.meta.glob<string>('../../../common/analysis/*.ts', { query: '?raw', import: 'default', eager: true });
    const source = Object.values(sources).join('\n');
    const produced = new Set([...source.matchAll(/'((?:file|face|document)\.[a-z-]+)'/g)].map((match) => match[1]));
    expect([...produced].sort()).toEqual([...KNOWN_CHECKS].sort());
  });
});
