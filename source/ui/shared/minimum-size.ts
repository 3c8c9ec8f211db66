/** The smallest terminal every screen draws in; below it, a "too small" line says what is needed. */
export const minimumSize = {columns: 80, rows: 24} as const;
