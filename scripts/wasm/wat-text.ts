/** Small helpers for writing WebAssembly text. */

export const range = (n: number): number[] => Array.from({length: n}, (_, i) => i);
export const lines = (parts: Array<string | string[]>): string => parts.flat().join('\n');
