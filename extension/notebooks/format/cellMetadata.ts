/**
 * What a KFL cell keeps in its metadata (saved with the file even though outputs are not): the
 * PCAPs it exported, with their SHA-256, and the calls pinned to the report.
 */
export const EXPORTS_KEY = 'exports';
export const PINNED_KEY = 'pinnedCalls';
