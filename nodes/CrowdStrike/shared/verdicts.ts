/** Verdicts that mean "do not trust this file": Quick Scan's `malware`, Quick Scan Pro's `malicious` and `suspicious`. */
const MALICIOUS_VERDICT = /malware|malicious|suspicious/i;

export function isMaliciousVerdict(verdict: unknown): boolean {
	return typeof verdict === 'string' && MALICIOUS_VERDICT.test(verdict);
}
