import { useEffect, useRef, useState } from 'react';
import type { ImageRole } from '../../common/analysis/check';
import { useAnalysisEngine } from './analysis-engine';
import { checkImage, readImage, type ReadImage } from './check-image';
import type { SlotImage } from './slot-types';

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface SlotImageOptions {
  role: ImageRole;
  value: SlotImage | null;
  onChange: (value: SlotImage | null) => void;
}

/**
 * Takes an image into the slot and pre-checks it. The value is handed up at once (report null)
 * so the form knows an image is there, then again with its report; a newer image or a removal
 * makes an older check's result stale, and it is dropped.
 */
export function useSlotImage({ role, value, onChange }: SlotImageOptions) {
  const engine = useAnalysisEngine();
  const generation = useRef(0);
  // A check finishes after renders of its own: hand its result to the form's latest callback.
  const latestOnChange = useRef(onChange);
  useEffect(() => {
    latestOnChange.current = onChange;
  });
  const change = (next: SlotImage | null) => latestOnChange.current(next);
  const [checkError, setCheckError] = useState<string | null>(null);
  /** The file itself could not be read (moved, deleted, or on a drive that went away). */
  const [readError, setReadError] = useState<string | null>(null);

  // The slot owns preview URLs: revoke each one once the value no longer shows it. Not on unmount,
  // since the form may keep the value and show this slot again.
  const shownUrl = useRef<string | null>(null);
  const previewUrl = value?.previewUrl ?? null;
  useEffect(() => {
    if (shownUrl.current && shownUrl.current !== previewUrl) URL.revokeObjectURL(shownUrl.current);
    shownUrl.current = previewUrl;
  }, [previewUrl]);

  /** The blob whose check is running or done, so an image is never checked twice. */
  const checkedBlob = useRef<Blob | null>(null);
  const accept = async (blob: Blob, source: SlotImage['source'], filename: string) => {
    const mine = ++generation.current;
    checkedBlob.current = blob;
    setCheckError(null);
    setReadError(null);
    let read: ReadImage;
    try {
      read = await readImage(blob);
    } catch (error) {
      if (mine === generation.current) setReadError(reasonOf(error));
      return;
    }
    if (mine !== generation.current) return;
    const image: SlotImage = { blob, filename, contentType: read.contentType, previewUrl: URL.createObjectURL(blob), report: null, autoFixed: false, source };
    change(image);
    try {
      const report = await checkImage(role, read, await engine.whenReady());
      if (mine === generation.current) change({ ...image, report });
    } catch (error) {
      if (mine === generation.current) setCheckError(reasonOf(error));
    }
  };

  // Images the slot did not take in itself ("Re-run as new" hands over the originals) arrive
  // unchecked: check them like any other, once.
  const acceptLatest = useRef(accept);
  useEffect(() => {
    acceptLatest.current = accept;
  });
  useEffect(() => {
    if (!value || value.report !== null || value.source !== 'history' || value.blob === checkedBlob.current) return;
    const { blob, source, filename } = value;
    checkedBlob.current = blob;
    void Promise.resolve().then(() => acceptLatest.current(blob, source, filename));
  }, [value]);

  return {
    accept,
    /** Replaces the value with an already checked one (the kept auto-fix). */
    replace: (image: SlotImage) => {
      generation.current += 1;
      change(image);
    },
    remove: () => {
      generation.current += 1;
      setCheckError(null);
      change(null);
    },
    checkError,
    readError,
    engineState: engine.state,
  };
}
