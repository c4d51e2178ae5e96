/**
 * Names as a stranger may read them (a letter on a doorstep, the activation page's greeting): masked,
 * and told apart when two people of the same flat mask the same (陈明 and 陈丽 both read 陈*) by the
 * last four digits of each one's phone — which the person knows, and a stranger learns nothing from.
 */
import { maskName } from '@yishi/core';

interface Flatmate {
  unitId: string;
  personId: string;
  name: string;
  phone: string | null;
}

/** The last four digits of the person's phone when someone else on one of their flats has a name that masks the same; else null. */
export function phoneTailAmong(
  person: { personId: string; name: string; phone: string | null },
  unitIds: readonly string[],
  everyone: readonly Flatmate[],
): string | null {
  const masked = maskName(person.name);
  const clash = everyone.some((p) => unitIds.includes(p.unitId) && p.personId !== person.personId && maskName(p.name) === masked);
  return clash && person.phone ? person.phone.slice(-4) : null;
}

/** The masked name as a letter prints it: 陈*（手机尾号 1234） when a flatmate's name masks the same. */
export function letterName(name: string, phoneTail: string | null): string {
  return phoneTail ? `${maskName(name)}（手机尾号 ${phoneTail}）` : maskName(name);
}
