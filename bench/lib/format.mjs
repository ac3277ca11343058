// Plain-text tables and number formatting for the bench report.

/** @param {number|null|undefined} n @param {number} [digits] */
export function num(n, digits = 0) {
  return n == null || !Number.isFinite(n) ? '–' : n.toFixed(digits);
}

/** Bytes as KB with two decimals. @param {number|null|undefined} n */
export function kb(n) {
  return n == null ? '–' : `${(n / 1024).toFixed(2)} KB`;
}

/** Bytes as MB with two decimals. @param {number|null|undefined} n */
export function mb(n) {
  return n == null ? '–' : `${(n / (1024 * 1024)).toFixed(2)} MB`;
}

/** A ratio as "1.23×". @param {number|null|undefined} r */
export function times(r) {
  return r == null || !Number.isFinite(r) ? '–' : `${r.toFixed(2)}×`;
}

/** @param {boolean|null} pass */
export function verdict(pass) {
  return pass == null ? 'n/a' : pass ? 'PASS' : 'OVER';
}

/** Cells that stand for "no number here" and do not stop a column from aligning right. */
const PLACEHOLDERS = new Set(['–', '', 'n/a', 'not seen']);

/**
 * Renders a table. A column whose cells are all numbers (or placeholders) is right-aligned;
 * the first column is always left-aligned.
 * @param {{ title?: string, columns: string[], rows: Array<Array<string|number|null>>, notes?: string[] }} table
 * @returns {string}
 */
export function renderTable({ title, columns, rows, notes = [] }) {
  const cells = rows.map((row) => columns.map((_, i) => (row[i] == null ? '–' : String(row[i]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const isNumber = (/** @type {string} */ c) => /^[-+]?\d/.test(c);
  const isPlaceholder = (/** @type {string} */ c) => PLACEHOLDERS.has(c);
  const numeric = columns.map(
    (_, i) => i > 0 && cells.some((r) => isNumber(r[i])) && cells.every((r) => isNumber(r[i]) || isPlaceholder(r[i])),
  );
  const pad = (/** @type {string} */ s, /** @type {number} */ i) =>
    numeric[i] ? s.padStart(widths[i]) : s.padEnd(widths[i]);
  const line = (/** @type {string[]} */ r) => `  ${r.map(pad).join('  ')}`.trimEnd();
  const out = [];
  if (title) out.push(title);
  out.push(line(columns));
  out.push(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of cells) out.push(line(r));
  for (const n of notes) out.push(`  note: ${n}`);
  return out.join('\n');
}
