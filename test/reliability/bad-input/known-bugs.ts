/**
 * Bad inputs that still get through, reported and not yet fixed. Their cases run in `it.failing`
 * tests, which start failing once the bug is fixed; then delete the entry.
 *
 * Keys: `<node> <resource → operation[ (variant)]> <parameter>[ <extra parameters as JSON>]`.
 * B1–B9 (Limit, domains that are IP addresses, list separators, impossible dates, aggregate type and
 * field, report format, empty action or platforms, batch size, duplicates after a lost create) are fixed.
 */
import type { SuiteOptions } from './run';

export const KNOWN_BUGS: NonNullable<SuiteOptions['knownBugs']> = {};
