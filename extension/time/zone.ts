/**
 * The time zone people read and type times in: the `kubeshark.timeZone` setting when it names a
 * valid IANA zone, else the zone of the machine running the extension host.
 */
import { IANAZone } from 'luxon';
import { defaultTimeZone } from '../../kfl/localTime';

export interface ResolvedZone {
  readonly zone: string;
  /** Set when the setting was not a zone luxon knows (the machine's zone is used instead). */
  readonly problem?: string;
}

export function resolveZone(setting: string | undefined): ResolvedZone {
  const wanted = (setting ?? '').trim();
  if (wanted === '') return { zone: defaultTimeZone() };
  if (IANAZone.isValidZone(wanted)) return { zone: wanted };
  return { zone: defaultTimeZone(), problem: `'${wanted}' is not an IANA time zone (e.g. Europe/Berlin); using ${defaultTimeZone()}` };
}
