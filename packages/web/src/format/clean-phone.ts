/** What someone typed as a phone number, without the spaces, dashes and brackets people put in ("136 0000 0001"). */
export function cleanPhone(text: string): string {
  return text.replace(/[\s\-()]/g, '');
}

/** Room in a phone field for 11 digits and the spaces or dashes typed between them. */
export const PHONE_FIELD_LENGTH = 15;
