/**
 * iCalendar (RFC 5545) for a compound's meetings: CRLF line ends, TEXT escaping of backslash,
 * semicolon, comma and newlines, and lines folded at 75 octets without splitting a UTF-8 character
 * (Chinese characters are three octets each, so folding by characters would be wrong).
 */
export interface CalendarEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  /** When the event was last changed (DTSTAMP). */
  stamp: Date;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
}

export function escapeICalText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Length(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/** Folds one content line: at most 75 octets per physical line, continuation lines start with a space. */
export function foldICalLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines spend one octet on the space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function formatICalDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function renderICalendar(name: string, events: readonly CalendarEvent[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Yishi//Meetings//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeICalText(name)}`,
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${formatICalDate(e.stamp)}`,
      `DTSTART:${formatICalDate(e.start)}`,
      `DTEND:${formatICalDate(e.end)}`,
      `SUMMARY:${escapeICalText(e.summary)}`,
      `LOCATION:${escapeICalText(e.location)}`,
      `DESCRIPTION:${escapeICalText(e.description)}`,
      `STATUS:${e.status ?? 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldICalLine).join('\r\n')}\r\n`;
}
