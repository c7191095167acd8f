import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type AccountRow, type Status } from '../../../common/contract';
import { fail, ok } from '../../../common/result';
import { createFakeStation, trainingStatus, type FakeStation } from '../fake-station';
import { renderStation } from '../queue/render-station';

// The anonymous PIN section became Settings → Operators (issue 15).
const ANA: AccountRow = { id: '00000000-0000-4000-8000-000000000001', name: 'Ana', role: 'administrator', disabled: false, createdAt: 0, createdBy: 'Ana', updatedAt: 0, updatedBy: 'Ana' };
const OLGA: AccountRow = { ...ANA, id: '00000000-0000-4000-8000-000000000002', name: 'Olga', role: 'operator' };

async function openSettings(status: Partial<Status>, prepare?: (station: FakeStation) => void) {
  const user = userEvent.setup();
  const station = createFakeStation({ settings: { ...DEFAULT_SETTINGS, language: 'en' }, status: { ...trainingStatus, ...status } });
  station.handle('audit:list', () => ok([]));
  prepare?.(station);
  await renderStation(station);
  await user.click(screen.getByRole('button', { name: /Settings/ }));
  return { user, station };
}

describe('settings: operators', () => {
  it('an administrator sees the accounts, adds one, disables one, and chooses what needs approval', async () => {
    let accounts = [ANA, OLGA];
    const { user, station } = await openSettings({}, (fake) => {
      fake.handle('account:list', () => ok(accounts));
      fake.handle('account:add', (request) => {
        const added = { ...OLGA, id: '00000000-0000-4000-8000-000000000003', name: request.name, role: request.role };
        accounts = [...accounts, added];
        return ok(added);
      });
      fake.handle('account:update', (request) => {
        accounts = accounts.map((account) => (account.id === request.id ? { ...account, disabled: request.disabled ?? account.disabled } : account));
        return ok(accounts.find((account) => account.id === request.id)!);
      });
      fake.handle('settings:update', (patch) => ok({ ...DEFAULT_SETTINGS, language: 'en', ...patch }));
    });
    const section = await screen.findByRole('region', { name: 'Operators' });
    const table = await within(section).findByRole('table', { name: 'Operator accounts' });
    expect(within(table).getByRole('row', { name: /Olga/ })).toHaveTextContent('Operator');
    await user.type(within(section).getByLabelText('Name'), 'Sam');
    await user.selectOptions(within(section).getByLabelText('Role'), 'supervisor');
    await user.type(within(section).getByLabelText('First secret (at least 6 digits or characters)'), '123');
    await user.click(within(section).getByRole('button', { name: 'Add' }));
    expect(within(section).getByRole('alert')).toHaveTextContent('A secret is at least 6 digits or characters.');
    await user.type(within(section).getByLabelText('First secret (at least 6 digits or characters)'), '456');
    await user.click(within(section).getByRole('button', { name: 'Add' }));
    expect(await within(section).findByText('Sam was added.')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Disable Olga' }));
    expect(await within(section).findByRole('button', { name: 'Enable Olga' })).toBeInTheDocument();
    await user.click(within(section).getByRole('checkbox', { name: 'Exporting evidence' }));
    await user.click(within(section).getByRole('button', { name: 'Save approvals' }));
    const calls = station.calls.map((call) => [call.operation, call.payload]);
    expect(calls).toContainEqual(['account:add', { name: 'Sam', role: 'supervisor', secret: '123456' }]);
    expect(calls).toContainEqual(['account:update', { id: OLGA.id, disabled: true }]);
    expect(calls).toContainEqual(['settings:update', { approvals: ['override', 'forget', 'settings'] }]);
  });

  it("shows main's refusal in the section", async () => {
    await openSettings({}, (fake) => fake.handle('account:list', () => fail('not-allowed', 'Only an administrator can manage operators.')));
    expect(await screen.findByText('Only an administrator can manage operators.')).toBeInTheDocument();
  });

  it('operators and supervisors get no Operators section at all', async () => {
    for (const role of ['operator', 'supervisor'] as const) {
      const { station } = await openSettings({ operator: { name: 'Olga', role } });
      expect(screen.queryByRole('region', { name: 'Operators' })).not.toBeInTheDocument();
      expect(station.calls.some((call) => call.operation === 'account:list')).toBe(false);
      document.body.innerHTML = '';
    }
  });
});
