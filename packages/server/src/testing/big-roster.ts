/** A roster of `units` flats, 100 to a building (entrance 9, so it never meets a demo flat), as CSV. */
export function bigRoster(units: number): string {
  const lines = ['楼栋,单元,房号,面积,业主,手机'];
  for (let n = 0; n < units; n++) lines.push(`${Math.floor(n / 100) + 1},9,${(n % 100) + 101},89.56,业主${n},135${String(n).padStart(8, '0')}`);
  return lines.join('\r\n');
}
