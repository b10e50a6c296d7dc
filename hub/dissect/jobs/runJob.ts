/**
 * Runs one dissection into a folder: dissect (details file written as it goes), seal, save. The
 * store is built in a temporary folder next to the final one and renamed into place only when
 * complete, so a crash never leaves a half store where a finished one is expected.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type CallStore } from '../store/callStore';
import { DETAILS_FILE, saveStore } from '../store/persist';
import { dissect, type DissectionInput, type DissectionProgress } from '../engine/dissect';

export interface JobOutcome {
  store: CallStore | null;
  progress: DissectionProgress;
  errors: string[];
  aborted: boolean;
}

export async function runJob(
  input: DissectionInput, storeDir: string, signal: AbortSignal, onProgress: (p: DissectionProgress) => void, onSaving: () => void,
): Promise<JobOutcome> {
  const work = path.join(path.dirname(storeDir), `.${path.basename(storeDir)}.${randomBytes(6).toString('hex')}.tmp`);
  mkdirSync(work, { recursive: true });
  try {
    const result = await dissect(input, { detailsPath: path.join(work, DETAILS_FILE), signal, onProgress });
    if (result.aborted) return { store: null, progress: result.progress, errors: result.errors, aborted: true };
    onSaving();
    saveStore(result.store, work);
    rmSync(storeDir, { recursive: true, force: true });
    renameSync(work, storeDir);
    result.store.detailsPath = path.join(storeDir, DETAILS_FILE);
    return { store: result.store, progress: result.progress, errors: result.errors, aborted: false };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
