/**
 * A compound's meetings as an iCalendar feed (RFC 5545), written with ical-generator: it escapes
 * TEXT values (backslash, semicolon, comma, line breaks), folds lines at 75 octets without splitting
 * a Chinese character, and writes CRLF line ends. Subscribers' calendar apps replace the whole
 * calendar on every poll, so a meeting stays in it once it is over (a meeting that vanished would be
 * deleted from their calendars): every event has a STATUS, a SEQUENCE that grows with each change of
 * the meeting, and a URL to the board. A calendar without meetings is still a valid VCALENDAR.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface CalendarMeeting {
  uid: string;
  start: Date;
  end: Date;
  /** When the meeting was last changed (DTSTAMP and LAST-MODIFIED). */
  changedAt: Date;
  /** Grows with every change, so calendar apps take this copy over an older one. */
  sequence: number;
  cancelled: boolean;
  summary: string;
  location: string;
  description: string;
  url: string;
}

export function renderMeetingsCalendar(name: string, meetings: readonly CalendarMeeting[]): string {
  const calendar = ical({
    name,
    prodId: { company: 'Yishi', product: 'Meetings', language: 'ZH' },
    method: ICalCalendarMethod.PUBLISH,
    // How often subscribers should look again (REFRESH-INTERVAL, X-PUBLISHED-TTL).
    ttl: 60 * 60,
  });
  for (const m of meetings) {
    calendar.createEvent({
      id: m.uid,
      start: m.start,
      end: m.end,
      stamp: m.changedAt,
      lastModified: m.changedAt,
      sequence: m.sequence,
      status: m.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      summary: m.summary,
      location: m.location,
      description: m.description || null,
      url: m.url,
    });
  }
  // Every content line ends with CRLF, the last one too.
  return `${calendar.toString()}\r\n`;
}
