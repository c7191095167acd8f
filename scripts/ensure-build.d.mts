export const ROOT: string;
export function isBuildStale(): boolean;
export function ensureBuilt(options?: { force?: boolean }): void;
