import { describe, expect, it } from 'vitest';
import { intakeItems, pickImage, type IntakeItem } from '../../../renderer/capture/intake';

const file = (name: string, type: string): IntakeItem => ({ kind: 'file', file: new File(['x'], name, { type }) });

describe('pickImage', () => {
  it('takes the first image and counts everything else as ignored', () => {
    const result = pickImage([file('notes.txt', 'text/plain'), file('a.jpg', 'image/jpeg'), file('b.png', 'image/png')]);
    expect(result).toMatchObject({ ok: true, ignored: 2 });
    expect(result.ok && result.file.name).toBe('a.jpg');
  });

  it('still takes a lone non-image file, so the pre-check can say what it is', () => {
    const result = pickImage([file('scan.pdf', 'application/pdf')]);
    expect(result.ok && result.file.name).toBe('scan.pdf');
  });

  it('names a folder, a non-file and nothing at all as such', () => {
    expect(pickImage([{ kind: 'directory' }])).toEqual({ ok: false, problem: 'directory' });
    expect(pickImage([{ kind: 'other' }])).toEqual({ ok: false, problem: 'not-a-file' });
    expect(pickImage([])).toEqual({ ok: false, problem: 'nothing' });
  });

  it('takes a file dropped together with a folder, counting the folder as ignored', () => {
    expect(pickImage([{ kind: 'directory' }, file('a.jpg', 'image/jpeg')])).toMatchObject({ ok: true, ignored: 1 });
  });
});

describe('intakeItems', () => {
  const item = (kind: string, value: File | null, directory = false) => ({ kind, getAsFile: () => value, webkitGetAsEntry: () => ({ isDirectory: directory }) }) as unknown as DataTransferItem;

  it('tells folders from files and counts a dragged link once', () => {
    const photo = new File(['x'], 'a.jpg', { type: 'image/jpeg' });
    expect(intakeItems({ items: [item('file', null, true), item('file', photo)], files: [] } as unknown as DataTransfer)).toEqual([{ kind: 'directory' }, { kind: 'file', file: photo }]);
    expect(intakeItems({ items: [item('string', null), item('string', null)], files: [] } as unknown as DataTransfer)).toEqual([{ kind: 'other' }]);
  });
});
