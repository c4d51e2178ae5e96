/**
 * Floor areas are stored exactly, as integer hundredths of a square metre ("centiares" here):
 * 89.56 m² is 8956. Parsing works on the decimal text, never through floating point, so what the
 * community office typed is what the tally counts.
 */

const AREA_PATTERN = /^(\d{1,7})(?:\.(\d{1,2}))?$/;

/** Parses "89.56" (or "89.5", "89", " 89.56 ") into 8956; null when not a positive area. */
export function parseAreaCenti(text: string): number | null {
  const match = AREA_PATTERN.exec(text.trim().replace(/,/g, ''));
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  const centi = whole * 100 + fraction;
  return centi > 0 ? centi : null;
}

/** Formats 8956 as "89.56" (always two decimals, as residents read areas). */
export function formatAreaCenti(centi: number): string {
  const sign = centi < 0 ? '-' : '';
  const abs = Math.abs(centi);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "3" → "3栋"; a building with a name of its own ("A座") keeps it. */
export function formatBuildingName(building: string): string {
  return /^\d+$/.test(building) ? `${building}栋` : building;
}

/** "3栋2单元501": how residents write an address. */
export function formatUnitLabel(building: string, entrance: string, room: string): string {
  const b = formatBuildingName(building);
  const e = entrance === '' ? '' : /^\d+$/.test(entrance) ? `${entrance}单元` : entrance;
  return `${b}${e}${room}`;
}
